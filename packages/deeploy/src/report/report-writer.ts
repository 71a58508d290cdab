/**
 * Writes a task's report file, and in GitHub Actions the run's step summary.
 *
 * Nx runs the tasks of one `nx affected` in parallel processes, and every task must leave ONE table
 * in `$GITHUB_STEP_SUMMARY`, not one each. So no task owns the table: each writes its own report
 * (tagged with the run and step ids of run-id.ts), then, holding a lock file in the report folder, re-renders the table
 * from every report of the run and replaces the deeploy section of the summary file. Whichever
 * task finishes last leaves the complete table. Nothing is shared in memory, so this holds for any
 * number of processes on the machine. The table itself is `renderSummaryMarkdown`, the same one the
 * `deeploy-ci summary` command renders.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withFileLock } from '../fs/file-lock';
import { reportFileName, taskReportSchema, type TaskReport } from './report-schema';
import { DEFAULT_SUMMARY_MAX_BYTES, renderSummaryMarkdown } from './summary-markdown';

export const SUMMARY_START = '<!-- deeploy:summary:start -->';
export const SUMMARY_END = '<!-- deeploy:summary:end -->';
const LOCK_NAME = '.step-summary.lock';
/**
 * The work under the lock takes milliseconds, so a lock older than this was left by a killed
 * process (one on another host, or whose pid could not be read). The wait is longer than the stale
 * age, so a waiter always outlives an abandoned lock.
 */
const STALE_LOCK_MS = 15_000;
const LOCK_WAIT_MS = 30_000;

/** Writes the report atomically (a reader never sees half a file); returns its path. */
export function writeTaskReport(dir: string, report: TaskReport): string {
  const checked = taskReportSchema.parse(report);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, reportFileName(checked.project));
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(checked, null, 2)}\n`);
  renameSync(temp, file);
  return file;
}

/** Every valid report in the folder (unreadable or foreign files are skipped). */
export function readTaskReports(dir: string): TaskReport[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const reports: TaskReport[] = [];
  for (const name of names.sort()) {
    try {
      const parsed = taskReportSchema.safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (parsed.success) reports.push(parsed.data);
    } catch {
      // A report being replaced or a stray file: the next task's rewrite will include it.
    }
  }
  return reports;
}

function withLock<T>(dir: string, work: () => T): Promise<T> {
  return withFileLock(join(dir, LOCK_NAME), { staleMs: STALE_LOCK_MS, waitMs: LOCK_WAIT_MS }, work);
}

/**
 * `text` with its deeploy section replaced by `section` (or `section` appended when absent). Each
 * section has its own markers (`summary`: the run's table; `orphans`: `deeploy-ci orphans`), so the
 * commands that write to one file keep each other's sections.
 */
export function spliceSummarySection(text: string, section: string, name: 'summary' | 'orphans' = 'summary'): string {
  const [startMark, endMark] = name === 'summary' ? [SUMMARY_START, SUMMARY_END] : [`<!-- deeploy:${name}:start -->`, `<!-- deeploy:${name}:end -->`];
  const block = `${startMark}\n${section}${endMark}\n`;
  const start = text.indexOf(startMark);
  const end = text.indexOf(endMark, start);
  if (start >= 0 && end >= 0) return text.slice(0, start) + block + text.slice(end + endMark.length).replace(/^\n/, '');
  return text + (text && !text.endsWith('\n') ? '\n' : '') + block;
}

export interface StepSummaryInput {
  summaryFile: string;
  /** Absolute report folder. */
  reportDir: string;
  /** For the "see the reports" hint: the folder as the user configured it. */
  reportDirLabel: string;
  runId: string;
  stepId: string | undefined;
}

/** Re-renders the run's table into the step summary file, under the lock. */
export async function updateStepSummary(input: StepSummaryInput): Promise<void> {
  mkdirSync(input.reportDir, { recursive: true });
  await withLock(input.reportDir, () => {
    const reports = readTaskReports(input.reportDir).filter((r) => r.runId === input.runId && r.stepId === input.stepId);
    let existing = '';
    try {
      existing = readFileSync(input.summaryFile, 'utf8');
    } catch {
      // A new summary file.
    }
    const outside = Buffer.byteLength(spliceSummarySection(existing, ''));
    // The whole file, not only our section, must stay under GitHub's limit.
    const budget = Math.max(DEFAULT_SUMMARY_MAX_BYTES - outside, 4096);
    const table = renderSummaryMarkdown(reports, { maxBytes: budget, reportDir: input.reportDirLabel });
    writeFileSync(input.summaryFile, spliceSummarySection(existing, table));
  });
}
