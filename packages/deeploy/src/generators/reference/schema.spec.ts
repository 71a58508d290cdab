import * as path from 'node:path';
import { expectModelTypeHelpToMatchDerivation, expectSchemaInStep, readSchemaJson } from '../lib/testing/schema-sync';
import { REFERENCE_ENUM_OPTIONS, referenceOptionsSchema } from './options';

describe('deeploy:reference schema.json', () => {
  const schema = readSchemaJson(path.join(__dirname, 'schema.json'));

  it('lists the options, enums and required options of the zod options schema', () => {
    expectSchemaInStep(schema, referenceOptionsSchema, REFERENCE_ENUM_OPTIONS);
  });

  it('takes the project as the first positional argument, prompts for it, and refuses unknown flags', () => {
    expect(schema.properties.project).toMatchObject({ $default: { $source: 'argv', index: 0 }, 'x-prompt': expect.any(String) });
    expect(schema.additionalProperties).toBe(false);
  });

  it('takes the same unprefixed kind flags as deeploy:contract', () => {
    const contract = readSchemaJson(path.join(__dirname, '..', 'contract', 'schema.json'));
    const kindFlags = (s: typeof schema) => Object.keys(s.properties).filter((name) => /^(blob|docker|mlflow|azureML|databricks|huggingface)[A-Z]/.test(name));
    expect(kindFlags(schema)).toEqual(kindFlags(contract));
  });

  it('says for which model references --modelType is required and what the others derive', () => {
    expectModelTypeHelpToMatchDerivation(String(schema.properties.modelType.description));
  });
});
