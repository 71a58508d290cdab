/**
 * What a person reads when a task fails: the checks that make a failure "clear". Pure.
 */

/** A line of a JavaScript stack trace (`    at fn (file.js:1:2)`). */
const STACK_LINE = /^\s+at\s.+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/;

export function hasStackTrace(lines: readonly string[]): boolean {
  return lines.some((line) => STACK_LINE.test(line));
}

/**
 * Why a failed task's output is not one clear line, or undefined when it is: exactly one
 * `[project] <kind> failed: <what>; <what to do>` line, no stack trace, no "unexpected error".
 */
export function unclearFailure(lines: readonly string[], project: string): string | undefined {
  const prefix = `[${project}] `;
  const failures = lines.filter((line) => line.startsWith(prefix) && / failed( with an unexpected error)?: /.test(line));
  if (hasStackTrace(lines)) return 'printed a stack trace';
  if (failures.length === 0) return 'printed no failure line';
  if (failures.length > 1) return `printed ${failures.length} failure lines`;
  const line = failures[0];
  if (line.includes('unexpected error')) return 'failed with an unexpected error';
  const reason = line.slice(line.indexOf(' failed: ') + ' failed: '.length);
  if (reason.length < 20) return 'gave too short a reason';
  return undefined;
}
