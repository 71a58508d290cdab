import { contractErrorsFromZod } from './errors';
import { metadataSchema } from './metadata-schema';

function problems(value: unknown): string[] {
  const result = metadataSchema.safeParse(value);
  return result.success ? [] : contractErrorsFromZod('c/metadata.json', result.error).map((e) => e.message);
}

describe('metadata.json schema', () => {
  it('accepts every documented field, all optional', () => {
    expect(problems({})).toEqual([]);
    expect(
      problems({
        features: [{ name: 'age', observedMin: 18, observedMax: 99 }, { name: 'income' }],
        predictionClasses: { churn: 1, stay: 0 },
        problemType: 'classification',
        exampleInput: { instances: [[1, 2]] },
        exampleOutput: { predictions: [1] },
        inputTensorShape: '(1, 2)',
        outputTensorShape: '(1,)',
        customId: 'churn-v1',
      }),
    ).toEqual([]);
  });

  it('reads a feature distribution and the list examples of very old clients', () => {
    expect(
      problems({ features: [{ name: 'age', observedMin: 1, distribution: { type: 'histogram', bins: [1, 2] } }], exampleInput: [[1, 2]], exampleOutput: [1] }),
    ).toEqual([]);
  });

  it('reads the legacy featureLabels form and fields Deeploy may add later', () => {
    expect(problems({ featureLabels: ['age', 'income'], someNewField: { x: 1 } })).toEqual([]);
  });

  it.each([
    [{ problemType: 'clustering' }, 'c/metadata.json at problemType: must be one of classification, regression'],
    [{ features: [{ name: 'age', observedMin: 'low' }] }, 'c/metadata.json at features[0].observedMin: must be a number, not a string'],
    [{ features: [{ name: '' }] }, 'c/metadata.json at features[0].name: must not be empty'],
    [{ features: [{ label: 'age' }] }, 'c/metadata.json at features[0].name: is missing; add a string'],
    [{ features: {} }, 'c/metadata.json at features: must be an array, not an object'],
    [{ exampleInput: 'x' }, 'c/metadata.json at exampleInput: must be a JSON object (or, as very old clients wrote, a list)'],
    [{ inputTensorShape: [1, 2] }, 'c/metadata.json at inputTensorShape: must be a string, not an array'],
  ])('refuses %j', (value, message) => {
    expect(problems(value)).toContainEqual(message);
  });
});
