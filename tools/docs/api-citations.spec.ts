/**
 * Code comments cite the wire protocol as `deeploy-api.md §N` (docs/deeploy-api.md). A citation of
 * a section the page does not have sends a maintainer to the wrong place, so every one is checked
 * against the page's headings (`## N.` and `### N.M`).
 */
import { describe, expect, it } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sectionsOf, citationsIn } from './api-citations';

const ROOT = path.resolve(__dirname, '..', '..');
const SCANNED = ['packages/deeploy/src', 'packages/deeploy-emulator/src', 'tools', 'e2e'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

describe('deeploy-api.md citations', () => {
  const sections = sectionsOf(fs.readFileSync(path.join(ROOT, 'docs/deeploy-api.md'), 'utf8'));

  it('reads the page into its section numbers', () => {
    expect(sections.has('1')).toBe(true);
    expect(sections.has('8.4')).toBe(true);
    expect(sections.has('99')).toBe(false);
  });

  it('finds citations and tells a missing section', () => {
    // Built from parts, so that this file itself holds no citation of a missing section.
    const cite = (section: string) => ['deeploy-api.md', `§${section}`].join(' ');
    const text = `// see ${cite('8.4')} and\n// ${cite('42')}, not deeploy-api.md alone`;
    expect(citationsIn(text).map((c) => c.section)).toEqual(['8.4', '42']);
    expect(
      citationsIn(text)
        .filter((c) => !sections.has(c.section))
        .map((c) => c.line),
    ).toEqual([2]);
  });

  it('every citation in the code points at a section the page has', () => {
    const files = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
    const cited = files.flatMap((file) => citationsIn(fs.readFileSync(file, 'utf8')).map((c) => ({ ...c, file: path.relative(ROOT, file) })));
    expect(cited.length).toBeGreaterThan(20);
    const missing = cited.filter((c) => !sections.has(c.section)).map((c) => `${c.file}:${c.line} cites §${c.section}`);
    expect(missing).toEqual([]);
  });
});
