import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { executorJsonSchema } from './executor-json-schema';
import { SETTING_KEYS } from './settings-schema';

const EXECUTORS = join(__dirname, '..', 'executors');

describe.each(['deploy', 'update'] as const)('the %s executor schema.json', (kind) => {
  const file = join(EXECUTORS, kind, 'schema.json');
  const expected = executorJsonSchema(kind);
  if (process.env.UPDATE_EXECUTOR_SCHEMAS === '1') writeFileSync(file, `${JSON.stringify(expected, null, 2)}\n`);

  it('is the one generated from the zod settings (UPDATE_EXECUTOR_SCHEMAS=1 npx jest executor-json-schema rewrites it)', () => {
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(expected);
  });

  it('documents every option and sets no defaults (a default would pass as a flag and mask lower layers)', () => {
    const properties = expected.properties as Record<string, { description?: string; default?: unknown }>;
    expect(Object.keys(properties)).toEqual(SETTING_KEYS);
    for (const key of SETTING_KEYS) {
      expect(properties[key].description?.length).toBeGreaterThan(10);
      expect(properties[key]).not.toHaveProperty('default');
    }
  });
});

describe('docs/executors.md', () => {
  it('documents every executor option in its options table', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'executors.md'), 'utf8');
    expect(SETTING_KEYS.filter((key) => !doc.includes(`| \`${key}\` |`))).toEqual([]);
  });
});
