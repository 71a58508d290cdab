import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { SETTING_KEYS } from '../../packages/deeploy/src/settings/settings-schema';
import { nxSchema } from './nx-schema';
import { schemaFiles } from './write-schemas';

const REPO = resolve(__dirname, '..', '..');

/** The script as `npm run schemas` and the Nx target run it, on a copy of the files under `root`. */
function runScript(root: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['-r', join(REPO, 'tools', 'register-ts.js'), join(__dirname, 'write-schemas.ts'), '--root', root, ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderrLines: run.stderr.split('\n').filter(Boolean) };
}

type Schema = { properties: Record<string, Record<string, unknown>>; additionalProperties?: boolean };
const generated = (file: string) => JSON.parse(schemaFiles().get(file)!) as Schema;

describe('write-schemas.ts', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'deeploy-schemas-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes the seven schema.json files, which --check then finds in step', () => {
    expect(runScript(root).status).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'executors', 'deploy', 'schema.json'), 'utf8')).title).toBe('Deeploy deploy');
    expect(runScript(root, '--check')).toEqual({ status: 0, stdout: '', stderrLines: [] });
  });

  it('--check fails with one line per edited or missing file, naming it and the fix, and writes nothing', () => {
    runScript(root);
    const edited = join(root, 'generators', 'contract', 'schema.json');
    const text = readFileSync(edited, 'utf8').replace('"title": "Scaffold a Deeploy contract folder"', '"title": "edited by hand"');
    writeFileSync(edited, text);
    unlinkSync(join(root, 'executors', 'update', 'schema.json'));

    const check = runScript(root, '--check');

    expect(check.status).toBe(1);
    expect(check.stderrLines).toEqual([
      'executors/update/schema.json: is missing, expected what the zod schemas and the flag table give; run npm run schemas and commit it.',
      'generators/contract/schema.json: differs from what the zod schemas and the flag table give; run npm run schemas and commit it.',
    ]);
    expect(readFileSync(edited, 'utf8')).toBe(text);
  });
});

describe('the generated schema.json files', () => {
  it.each(['deploy', 'update'])('of the %s executor describe every setting and set no default (it would pass as a flag and mask lower layers)', (kind) => {
    const { properties } = generated(`executors/${kind}/schema.json`);
    expect(Object.keys(properties)).toEqual(SETTING_KEYS);
    for (const property of Object.values(properties)) {
      expect(String(property.description).length).toBeGreaterThan(10);
      expect(property).not.toHaveProperty('default');
    }
  });

  it.each([
    ['contract', 'path'],
    ['reference', 'project'],
  ])('of deeploy:%s take --%s as the first positional argument, prompt for it, and refuse unknown flags', (generator, option) => {
    const schema = generated(`generators/${generator}/schema.json`);
    expect(schema.properties[option]).toMatchObject({ $default: { $source: 'argv', index: 0 }, 'x-prompt': expect.any(String) });
    expect(schema.additionalProperties).toBe(false);
  });

  it('declare ports as integers, so Nx Console offers a number field', () => {
    const { properties } = generated('generators/contract/schema.json');
    const ports = Object.keys(properties).filter((name) => name.endsWith('Port'));
    expect(ports).toEqual(['dockerPort', 'azureMLPort', 'explainerDockerPort', 'explainerAzureMLPort', 'transformerDockerPort']);
    for (const name of ports) expect(properties[name].type).toBe('integer');
  });
});

describe('nxSchema', () => {
  const view = { file: 'x/schema.json', kind: 'generator' as const, head: {} };

  it('takes names, order, types, enums, defaults and required options from zod', () => {
    const options = z.strictObject({
      name: z.string().describe('The name.'),
      size: z.number().int().default(3).describe('The size.'),
      mode: z.enum(['a', 'b']).optional().describe('The mode.'),
    });
    expect(nxSchema({ ...view, options, view: {} })).toEqual({
      $schema: 'https://json-schema.org/schema',
      type: 'object',
      properties: {
        name: { type: 'string', description: 'The name.' },
        size: { type: 'integer', default: 3, description: 'The size.' },
        mode: { type: 'string', enum: ['a', 'b'], description: 'The mode.' },
      },
      required: ['name'],
      additionalProperties: false,
    });
  });

  it('refuses an option without a description, one without a type Nx knows, and a view of an option zod lacks', () => {
    expect(() => nxSchema({ ...view, options: z.object({ name: z.string() }), view: {} })).toThrow('x/schema.json: --name has no description');
    expect(() => nxSchema({ ...view, options: z.object({ any: z.unknown().describe('Anything.') }), view: {} })).toThrow(
      'x/schema.json: --any has no type Nx can check',
    );
    expect(() => nxSchema({ ...view, options: z.object({}), view: { gone: { description: 'Gone.' } } })).toThrow('x/schema.json: the view describes gone');
  });
});
