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
