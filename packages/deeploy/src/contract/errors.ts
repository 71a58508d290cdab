/**
 * The error a user sees for bad contract input: one line naming the file (or option), the JSON path,
 * the rule broken and how to fix it.
 */
import type { z } from 'zod';
import { UserError } from '../user-error';

/** Collapses line breaks so that every error stays one line in a CI log, whatever it quotes. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

export class ContractError extends UserError {
  readonly rule: string;
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    rule: string,
  ) {
    super(oneLine(`${file}${jsonPath ? ` at ${jsonPath}` : ''}: ${rule}`));
    this.rule = oneLine(rule);
  }
}

/** "a string", "an object", "an array": zod's type names as a sentence needs them. */
function withArticle(typeName: string): string {
  return `${/^[aeiou]/.test(typeName) ? 'an' : 'a'} ${typeName}`;
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
    } else if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input: expected')) {
      // zod 4 does not keep the input on the issue; its default message names what it received.
      const received = /received (\w+)/.exec(issue.message)?.[1];
      // A user writes JSON: a zod record is a JSON object.
      const expected = withArticle(issue.expected === 'record' ? 'object' : issue.expected);
      const got = received === undefined ? '' : received === 'null' ? ', not null' : `, not ${withArticle(received)}`;
      rule = received === 'undefined' ? `is missing; add ${expected}` : `must be ${expected}${got}`;
    }
    return new ContractError(file, jsonPathOf(issue.path), rule);
  });
}
