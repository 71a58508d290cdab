import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTING_KEYS } from './settings-schema';

describe('docs/executors.md', () => {
  it('documents every executor option in its options table', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'executors.md'), 'utf8');
    expect(SETTING_KEYS.filter((key) => !doc.includes(`| \`${key}\` |`))).toEqual([]);
  });
});
