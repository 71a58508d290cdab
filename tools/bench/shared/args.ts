/** `--name=value` flags of a benchmark script, with defaults (strings, as typed). */
export function parseArgs<K extends string>(argv: readonly string[], defaults: Record<K, string>): Record<K, string> {
  const result: Record<string, string> = { ...defaults };
  for (const arg of argv) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!match || !(match[1] in defaults)) {
      throw new Error(
        `unknown argument "${arg}": expected one of ${Object.keys(defaults)
          .map((k) => `--${k}=…`)
          .join(', ')}`,
      );
    }
    result[match[1]] = match[2] ?? '';
  }
  return result as Record<K, string>;
}

/** A whole number ≥ `min` from flag `name`, or one line saying what to pass instead. */
export function intArg<K extends string>(args: Record<K, string>, name: K, min = 1): number {
  const value = Number(args[name]);
  if (!/^\d+$/.test(args[name]) || value < min) throw new Error(`--${name}=${args[name]} must be a whole number, ${min} or more (e.g. --${name}=5)`);
  return value;
}
