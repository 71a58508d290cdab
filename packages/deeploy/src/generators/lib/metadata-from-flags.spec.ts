import { metadataFromFlags } from './metadata-from-flags';

describe('metadataFromFlags', () => {
  it('gives no metadata when no metadata flag is set', () => {
    expect(metadataFromFlags({})).toEqual({ problems: [] });
  });

  it('builds every field, features as [{name}] and never featureLabels', () => {
    const { metadata, problems } = metadataFromFlags({
      customId: 42,
      features: 'age, income,tenure',
      predictionClasses: 'no=0,yes=1,unknown=maybe',
      problemType: 'classification',
      exampleInput: '{"instances":[[1,2,3]]}',
      exampleOutput: { predictions: [1] },
      inputTensorShape: '(1,3)',
      outputTensorShape: '(1,)',
    });
    expect(problems).toEqual([]);
    // Written in the field order of metadata.json, whatever the flag order.
    expect(JSON.stringify(metadata)).toBe(
      JSON.stringify({
        features: [{ name: 'age' }, { name: 'income' }, { name: 'tenure' }],
        predictionClasses: { no: 0, yes: 1, unknown: 'maybe' },
        problemType: 'classification',
        exampleInput: { instances: [[1, 2, 3]] },
        exampleOutput: { predictions: [1] },
        inputTensorShape: '(1,3)',
        outputTensorShape: '(1,)',
        customId: '42',
      }),
    );
    expect(metadata).not.toHaveProperty('featureLabels');
  });

  it('reads prediction classes as JSON too', () => {
    expect(metadataFromFlags({ predictionClasses: '{"cat":"c","dog":true}' }).metadata).toEqual({ predictionClasses: { cat: 'c', dog: true } });
  });

  it.each([
    [{ features: 'age,,income' }, '--features: name 2 is empty; give feature names separated by commas, in input order, e.g. --features=age,income'],
    [{ features: 'age,age' }, '--features: lists "age" twice; each feature is named once, in input order'],
    [{ predictionClasses: 'no:0' }, '--predictionClasses: "no:0" is not label=value; write e.g. --predictionClasses=no=0,yes=1 or a JSON object'],
    [{ predictionClasses: 'a=1,a=2' }, '--predictionClasses: label "a" is given twice'],
    [{ problemType: 'Regression' }, '--problemType: "Regression" is not spelled as Deeploy spells it; write "regression"'],
    [{ problemType: 'ranking' }, '--problemType: "ranking" is not one of classification, regression'],
    [{ exampleInput: '[1,2]' }, `--exampleInput: must be a JSON object, e.g. --exampleInput='{"instances":[[1,2,3]]}'`],
    [{ predictionClasses: '{"a":{"b":1}}' }, '--predictionClasses: at a: Invalid input'],
  ])('names the flag and the rule: %j', (flags, problem) => {
    const result = metadataFromFlags(flags);
    expect(result.metadata).toBeUndefined();
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].startsWith(problem)).toBe(true);
  });

  it('says why JSON does not parse', () => {
    const [problem] = metadataFromFlags({ exampleOutput: '{"a":' }).problems;
    expect(problem).toMatch(/^--exampleOutput: is not valid JSON \(.+\); give a JSON object, e\.g\. --exampleOutput='/);
  });
});
