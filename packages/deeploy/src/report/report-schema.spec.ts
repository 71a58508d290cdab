import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportFileName, type TaskReport } from './report-schema';
import { readTaskReports, writeTaskReport } from './report-writer';

const report = (project: string): TaskReport => ({
  project,
  target: 'deploy',
  action: 'create',
  outcome: 'failure',
  contractPath: project,
  message: `failed ${project}`,
  durationMs: 1,
  finishedAt: '2026-01-01T00:00:00.000Z',
  runId: 'run-1',
});

describe('report file names', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deeploy-report-names-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives projects whose names differ only in odd characters their own files, so no report hides another', () => {
    const projects = ['models/a b', 'models/a;b', 'models/a__b', 'models/a/b', 'models-a-b', 'models/a\tb', 'models/ä b'];
    for (const project of projects) writeTaskReport(dir, report(project));
    expect(readdirSync(dir)).toHaveLength(projects.length);
    expect(
      readTaskReports(dir)
        .map((r) => r.project)
        .sort(),
    ).toEqual([...projects].sort());
  });

  it('writes the report of a 340-character contract path (no ENAMETOOLONG), under a readable bounded name', () => {
    const project = `models/${'very-long-folder-name/'.repeat(15)}model`.slice(0, 340);
    expect(project).toHaveLength(340);
    writeTaskReport(dir, report(project));
    expect(readTaskReports(dir).map((r) => r.project)).toEqual([project]);
    const [name] = readdirSync(dir);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(120);
    expect(name.startsWith('models_very-long-folder-name_')).toBe(true);
  });

  it('keeps names readable and stable: the same project always writes the same file, with no path separators', () => {
    expect(reportFileName('models/churn')).toBe(reportFileName('models/churn'));
    expect(reportFileName('models/churn')).toMatch(/^models_churn-[0-9a-f]{12}\.json$/);
    expect(reportFileName('../../etc/passwd')).not.toMatch(/[/\\]/);
  });
});
