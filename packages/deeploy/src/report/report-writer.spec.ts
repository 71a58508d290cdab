import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskReport } from './report-schema';
import { readTaskReports, SUMMARY_END, SUMMARY_START, updateStepSummary, writeTaskReport } from './report-writer';
import { currentRunId, currentStepId } from './run-id';

const report = (project: string, over: Partial<TaskReport> = {}): TaskReport => ({
  project,
  target: 'deploy',
  action: 'create',
  outcome: 'success',
  deploymentId: `dep-${project}`,
  contractPath: project,
  commit: '0123456789abcdef0123456789abcdef01234567',
  message: `created deployment dep-${project}`,
  durationMs: 1234,
  finishedAt: '2026-01-01T00:00:00.000Z',
  runId: 'run-1',
  ...over,
});

describe('step summary', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deeploy-report-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the CI run, its attempt and job (the same in every step of the job), and each GitHub step apart', () => {
    const deployStep = { GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '2', GITHUB_JOB: 'deploy', GITHUB_STEP_SUMMARY: '/t/step_a' };
    const summaryStep = { ...deployStep, GITHUB_STEP_SUMMARY: '/t/step_b' };
    expect(currentRunId(deployStep)).toBe('github-7-2-deploy');
    expect(currentRunId(summaryStep)).toBe('github-7-2-deploy');
    expect(currentRunId({ ...deployStep, GITHUB_RUN_ATTEMPT: '3' })).toBe('github-7-3-deploy');
    expect(currentStepId(deployStep)).toMatch(/^[0-9a-f]{8}$/);
    expect(currentStepId(deployStep)).not.toBe(currentStepId(summaryStep));
    expect(currentRunId({ CI_PIPELINE_ID: '88', CI_JOB_ID: '901' })).toBe('gitlab-88-901');
    expect(currentRunId({ DEEPLOY_RUN_ID: 'nightly-3', GITHUB_RUN_ID: '7' })).toBe('nightly-3');
    expect(currentRunId({})).toBe('local');
    expect(currentStepId({})).toBeUndefined();
  });

  it('keeps one table for the run, rewritten as reports arrive, beside other content of the step', async () => {
    const reports = join(dir, 'reports');
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '## Tests\n\nall green\n');
    writeTaskReport(reports, report('old', { runId: 'run-0' }));
    for (const project of ['a', 'b', 'c']) {
      writeTaskReport(reports, report(project));
      await updateStepSummary({ summaryFile: summary, reportDir: reports, reportDirLabel: '.deeploy/reports', runId: 'run-1', stepId: undefined });
    }
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('## Tests\n\nall green\n')).toBe(true);
    expect(text.split(SUMMARY_START)).toHaveLength(2);
    expect(text.split('| Project |')).toHaveLength(2);
    expect(text).toContain('3 projects: 3 created.');
    expect(text).not.toContain('**old**');
    expect(text.trimEnd().endsWith(SUMMARY_END)).toBe(true);
    expect(readTaskReports(reports).map((r) => r.project)).toEqual(['a', 'b', 'c', 'old']);
  });

  it('waits for a lock held by another task, and breaks a stale one', async () => {
    const reports = join(dir, 'reports');
    const summary = join(dir, 'summary.md');
    writeTaskReport(reports, report('a'));
    const lock = join(reports, '.step-summary.lock');
    writeFileSync(lock, '');
    const pending = updateStepSummary({ summaryFile: summary, reportDir: reports, reportDirLabel: 'r', runId: 'run-1', stepId: undefined });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(summary)).toBe(false);
    rmSync(lock);
    await pending;
    expect(readFileSync(summary, 'utf8')).toContain('**a**');

    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    writeTaskReport(reports, report('b'));
    await updateStepSummary({ summaryFile: summary, reportDir: reports, reportDirLabel: 'r', runId: 'run-1', stepId: undefined });
    expect(readFileSync(summary, 'utf8')).toContain('**b**');
    expect(existsSync(lock)).toBe(false);
  });

  it('breaks at once a fresh lock whose holder was killed (SIGKILL leaves the lock behind)', async () => {
    const reports = join(dir, 'reports');
    const summary = join(dir, 'summary.md');
    writeTaskReport(reports, report('a'));
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const lock = join(reports, '.step-summary.lock');
    writeFileSync(lock, `${hostname()} ${gone}`);
    await updateStepSummary({ summaryFile: summary, reportDir: reports, reportDirLabel: 'r', runId: 'run-1', stepId: undefined });
    expect(readFileSync(summary, 'utf8')).toContain('**a**');
    expect(existsSync(lock)).toBe(false);
    // Without the holder check it would wait for the 15 s stale age, past this test's timeout.
  }, 10_000);
});
