import * as path from 'node:path';
import { expectModelTypeHelpToMatchDerivation, expectSchemaInStep, readSchemaJson } from '../lib/testing/schema-sync';
import { defaultDeploymentName } from '../../deploy/desired-deployment';
import { CONTRACT_ENUM_OPTIONS, contractOptionsSchema } from './options';

describe('deeploy:contract schema.json', () => {
  const schema = readSchemaJson(path.join(__dirname, 'schema.json'));

  it('lists the options, enums and required options of the zod options schema', () => {
    expectSchemaInStep(schema, contractOptionsSchema, CONTRACT_ENUM_OPTIONS);
  });

  it('takes the path as the first positional argument, prompts for it, and refuses unknown flags', () => {
    expect(schema.properties.path).toMatchObject({ $default: { $source: 'argv', index: 0 }, 'x-prompt': expect.any(String) });
    expect(schema.additionalProperties).toBe(false);
  });

  it('declares ports as integers, so the Nx CLI hands them over as numbers', () => {
    const ports = Object.entries(schema.properties).filter(([name]) => name.endsWith('Port'));
    expect(ports.map(([name]) => name)).toEqual(['dockerPort', 'azureMLPort', 'explainerDockerPort', 'explainerAzureMLPort', 'transformerDockerPort']);
    for (const [, property] of ports) expect(property.type).toBe('integer');
  });

  it('says for which model references --modelType is required and what the others derive', () => {
    expectModelTypeHelpToMatchDerivation(String(schema.properties.modelType.description));
  });

  it('gives the default deployment name the deploy uses', () => {
    const help = String(schema.properties.deploymentName.description);
    expect(help).toContain(`models/churn → ${defaultDeploymentName('models/churn')}`);
  });
});
