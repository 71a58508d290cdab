/**
 * How generators write JSON: 2-space indent and a trailing newline. Key order is the order the
 * value was built in, which the builders keep fixed (schema order for references, field order for
 * metadata), and they never put a null or an empty object in, so the same flags give the same bytes.
 * Values a user gave as JSON (an example input) are written as given.
 */
export function jsonFileText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
