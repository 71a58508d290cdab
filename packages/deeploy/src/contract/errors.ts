/**
 * The error a user sees for bad contract input: one line naming the file (or option), the JSON path,
 * the rule broken and how to fix it.
 */
import type { z } from 'zod';

export class ContractError extends Error {
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    readonly rule: string,
  ) {
    super(`${file}${jsonPath ? ` at ${jsonPath}` : ''}: ${rule}`);
    this.name = 'ContractError';
  }
}

/** `["reference","docker","port"]` → `reference.docker.port`; array indexes as `[0]`. */
export function jsonPathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

/** Turns zod's issues into ContractErrors, one per problem, in a stable order. */
export function contractErrorsFromZod(file: string, error: z.ZodError): ContractError[] {
  return error.issues.map((issue) => {
    let rule = issue.message;
    if (issue.code === 'unrecognized_keys') {
      rule = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or fix the spelling`;
    } else if (issue.code === 'invalid_type') {
      const expected = (issue as { expected?: string }).expected;
      rule = issue.message.startsWith('Invalid input: expected') ? `must be ${expected === 'object' ? 'an object' : `a ${expected}`} (is the field missing or mistyped?)` : issue.message;
    }
    return new ContractError(file, jsonPathOf(issue.path), rule);
  });
}
