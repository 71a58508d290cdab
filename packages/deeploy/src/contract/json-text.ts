/**
 * Strict JSON parsing that says where a syntax error is. Deeploy reads contract files with a strict
 * JSON parser, so comments and trailing commas are errors here too (unlike Nx's `parseJson`). Node's
 * own messages often omit the position, so a small scanner checks the text first and reports the
 * first bad offset as line and column. It also refuses what JSON.parse lets through but a reader
 * may take differently: a key twice in one object (JSON.parse keeps the last, other parsers the
 * first) and nesting deeper than any contract needs (a deep enough one overflows a recursive reader).
 */

export interface JsonSyntaxProblem {
  /** 1-based line and column of the first offending character. */
  line: number;
  column: number;
  problem: string;
}

export type JsonParseResult = { value: unknown; syntax?: undefined } | { value?: undefined; syntax: JsonSyntaxProblem };

export function parseJsonText(text: string): JsonParseResult {
  if (text.charCodeAt(0) === 0xfeff) {
    return { syntax: { line: 1, column: 1, problem: 'the file starts with a byte order mark; save it as UTF-8 without one' } };
  }
  const located = locateProblem(text);
  if (located) return { syntax: { ...lineAndColumn(text, located.offset), problem: located.problem } };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    // The scanner follows the JSON grammar; should it ever accept what JSON.parse refuses, say what JSON.parse said.
    return { syntax: { ...lineAndColumn(text, text.length), problem: (error as Error).message } };
  }
}

/** Far more than a contract file needs, and far less than overflows a recursive reader. */
export const MAX_JSON_DEPTH = 100;

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

class SyntaxAt {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Walks the JSON grammar and returns the first offset where `text` breaks it or our rules (undefined if none). */
function locateProblem(text: string): { offset: number; problem: string } | undefined {
  let i = 0;
  let depth = 0;
  const fail = (problem: string): never => {
    throw new SyntaxAt(i, problem);
  };
  const skipWhitespace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const unexpected = (expected: string): never => {
    if (i >= text.length) return fail(`the file ends early; expected ${expected}`);
    const c = text[i];
    if (c === '/') return fail('comments are not allowed in JSON');
    if (c === "'") return fail('strings must use double quotes');
    return fail(`unexpected ${JSON.stringify(c)}; expected ${expected}`);
  };

  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const next = text[i + 1];
        if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail('invalid escape sequence in a string');
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('line break or control character inside a string; escape it or close the string');
      i++;
    }
    fail('a string is not closed; add the closing double quote');
  };

  const value = (): void => {
    skipWhitespace();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      i += number[0].length;
      return;
    }
    unexpected('a value');
  };

  const object = () => {
    enter();
    i++;
    skipWhitespace();
    if (text[i] === '}') {
      i++;
      depth--;
      return;
    }
    const keys = new Map<string, number>();
    for (;;) {
      skipWhitespace();
      if (text[i] === '}') fail('trailing comma before "}"; remove it');
      if (text[i] !== '"') unexpected('a double-quoted property name');
      const keyAt = i;
      string();
      const key = JSON.parse(text.slice(keyAt, i)) as string;
      const first = keys.get(key);
      if (first !== undefined) {
        const { line, column } = lineAndColumn(text, first);
        i = keyAt;
        fail(
          `the key ${JSON.stringify(key)} appears twice in the same object (first at line ${line}, column ${column}); keep one: readers disagree on which one counts`,
        );
      }
      keys.set(key, keyAt);
      skipWhitespace();
      if (text[i] !== ':') unexpected('":" after the property name');
      i++;
      value();
      skipWhitespace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        depth--;
        return;
      }
      unexpected('"," or "}"');
    }
  };

  const array = () => {
    enter();
    i++;
    skipWhitespace();
    if (text[i] === ']') {
      i++;
      depth--;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text[i] === ']') fail('trailing comma before "]"; remove it');
      value();
      skipWhitespace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        depth--;
        return;
      }
      unexpected('"," or "]"');
    }
  };

  const enter = () => {
    if (++depth > MAX_JSON_DEPTH) fail(`arrays and objects are nested more than ${MAX_JSON_DEPTH} levels deep; a contract file needs a few`);
  };

  try {
    skipWhitespace();
    if (i >= text.length) return { offset: 0, problem: 'the file is empty; write a JSON object' };
    value();
    skipWhitespace();
    if (i < text.length) fail('unexpected text after the end of the JSON value');
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxAt) return { offset: error.offset, problem: error.problem };
    throw error;
  }
}
