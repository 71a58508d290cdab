import { parseJsonText } from './json-text';

describe('parseJsonText', () => {
  it('returns the value of valid JSON', () => {
    expect(parseJsonText('{"reference": {"blob": {"url": "s3://abc/x"}}}\n')).toEqual({
      value: { reference: { blob: { url: 's3://abc/x' } } },
    });
    expect(parseJsonText('[1, -2.5e3, true, null, "\\u00e9"]').value).toEqual([1, -2500, true, null, 'é']);
  });

  it.each([
    ['{\n  "a": 1,\n}', 3, 1, /trailing comma before "}"/],
    ['[1, 2,]', 1, 7, /trailing comma before "]"/],
    ['{\n  // a comment\n  "a": 1\n}', 2, 3, /comments are not allowed/],
    ["{'a': 1}", 1, 2, /double quotes/],
    ['{"a" 1}', 1, 6, /expected ":" after the property name/],
    ['{"a": 1 "b": 2}', 1, 9, /expected "," or "}"/],
    ['{"a": }', 1, 7, /expected a value/],
    ['{"a": tru}', 1, 7, /expected a value/],
    ['{"a": "x', 1, 9, /string is not closed/],
    ['{"a": "x\ny"}', 1, 9, /line break or control character inside a string/],
    ['{"a": "\\q"}', 1, 8, /invalid escape/],
    ['{"a": 01}', 1, 8, /expected "," or "}"/],
    ['{"a": 1} x', 1, 10, /unexpected text after the end/],
    ['{"a": [1, 2}', 1, 12, /expected "," or "]"/],
    ['{"a": 1', 1, 8, /the file ends early/],
    ['', 1, 1, /the file is empty/],
    ['  \n ', 1, 1, /the file is empty/],
    ['\ufeff{}', 1, 1, /byte order mark/],
  ])('locates the error in %j at line %d, column %d', (text, line, column, problem) => {
    const result = parseJsonText(text);
    expect(result.value).toBeUndefined();
    expect(result.syntax).toMatchObject({ line, column });
    expect(result.syntax?.problem).toMatch(problem);
  });
});

describe('parseJsonText on hostile files', () => {
  it('gives a line and column for 200,000 nested "[" instead of overflowing the stack', () => {
    for (const text of ['['.repeat(200_000), `${'['.repeat(200_000)}${']'.repeat(200_000)}`, `{"a":\n${'{"b":'.repeat(200_000)}1${'}'.repeat(200_001)}`]) {
      const result = parseJsonText(text);
      expect(result.value).toBeUndefined();
      expect(result.syntax).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
      expect(result.syntax?.problem).toBe('arrays and objects are nested more than 100 levels deep; a contract file needs a few');
    }
    expect(parseJsonText('['.repeat(200_000)).syntax).toMatchObject({ line: 1, column: 101 });
  });

  it('accepts nesting as deep as the limit', () => {
    expect(parseJsonText(`${'['.repeat(100)}${']'.repeat(100)}`).syntax).toBeUndefined();
  });

  it.each([
    ['{\n  "reference": {\n    "blob": {"url": "s3://a/b",\n             "url": "s3://evil/x"}\n  }\n}', 4, 14, 'url', 'line 3, column 14'],
    ['{"a": 1, "b": {"a": 2}, "a": 3}', 1, 25, 'a', 'line 1, column 2'],
    ['{"\\u0061": 1, "a": 2}', 1, 15, 'a', 'line 1, column 2'],
  ])('refuses a duplicate key in %j with its position and the fix', (text, line, column, key, first) => {
    const result = parseJsonText(text);
    expect(result.value).toBeUndefined();
    expect(result.syntax).toEqual({
      line,
      column,
      problem: `the key "${key}" appears twice in the same object (first at line ${first.split(', ')[0].slice(5)}, column ${first.split('column ')[1]}); keep one: readers disagree on which one counts`,
    });
  });

  it('allows the same key in different objects', () => {
    expect(parseJsonText('{"a": {"x": 1}, "b": {"x": 2}}').value).toEqual({ a: { x: 1 }, b: { x: 2 } });
  });
});
