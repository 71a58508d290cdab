import * as path from 'node:path';
import { expectSchemaInStep, readSchemaJson } from '../lib/testing/schema-sync';
import { initOptionsSchema } from './options';

describe('deeploy:init schema.json', () => {
  it('lists the options of the zod options schema, including the ones nx add passes', () => {
    const schema = readSchemaJson(path.join(__dirname, 'schema.json'));
    expectSchemaInStep(schema, initOptionsSchema, {});
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['keepExistingVersions', 'skipFormat']));
  });
});
