/**
 * The run summary: every project's task report in ONE Markdown table (project, action, deployment,
 * commit, outcome, duration, link), the messages collapsed in a <details> block. Pure: the CLI
 * (`deeploy-ci summary`) reads the report files and decides where the text goes.
 *
 * GitHub refuses a step summary over 1 MiB, so the text is kept under `maxBytes`: first the
 * details go, then the last rows, each time with a note saying what was left out and where the
 * full reports are.
 */
import { DEFAULT_REPORT_DIR, type TaskReport } from './report-schema';

/** GitHub's step-summary limit is 1024 KiB; stay a little under it. */
export const DEFAULT_SUMMARY_MAX_BYTES = 1_000_000;

export interface SummaryOptions {
  maxBytes?: number;
  /** Where the full reports are, for the notes (workspace-relative). */
  reportDir?: string;
  /** Report files that could not be read, one line each (already naming the file). */
  problems?: readonly string[];
}

const COLUMNS = ['Project', 'Action', 'Deployment', 'Commit', 'Outcome', 'Duration', 'Link'];

export function renderSummaryMarkdown(reports: readonly TaskReport[], options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_SUMMARY_MAX_BYTES;
  const reportDir = options.reportDir ?? DEFAULT_REPORT_DIR;
  const problems = (options.problems ?? []).map((problem) => `> ⚠️ ${escapeText(problem)}`);
  const heading = `## Deeploy run\n\n${countsLine(reports)}\n`;

  if (reports.length === 0) {
    const empty = 'No deploy or update task wrote a report in this run: no contract was affected, or the run stopped before deploying.';
    return fit([heading, empty, ...problems].join('\n') + '\n', maxBytes);
  }

  const ordered = [...reports].sort(byOutcomeThenProject);
  const table = [`| ${COLUMNS.join(' | ')} |`, `| ${COLUMNS.map(() => '---').join(' | ')} |`];
  const rows = ordered.map(tableRow);
  const details = ['<details>', '<summary>Details</summary>', '', ...ordered.map(detailLine), '', '</details>'];
  const tail = problems.length > 0 ? ['', ...problems] : [];

  const full = [heading, ...table, ...rows, '', ...details, ...tail].join('\n') + '\n';
  if (byteLength(full) <= maxBytes) return full;

  const detailsNote = `_Details left out to stay under the summary size limit; every project's full report is in \`${reportDir}/\`._`;
  const withoutDetails = [heading, ...table, ...rows, '', detailsNote, ...tail].join('\n') + '\n';
  if (byteLength(withoutDetails) <= maxBytes) return withoutDetails;

  // Keep as many rows as fit; failures sort first, so they are the last to go.
  const rowsNote = (left: number) =>
    `_${left} more project${left === 1 ? '' : 's'} left out to stay under the summary size limit; every project's full report is in \`${reportDir}/\`._`;
  let size = byteLength([heading, ...table].join('\n')) + byteLength([...tail, rowsNote(rows.length)].join('\n')) + 8;
  let kept = 0;
  while (kept < rows.length && size + byteLength(rows[kept]) + 1 <= maxBytes) {
    size += byteLength(rows[kept]) + 1;
    kept += 1;
  }
  return fit([heading, ...table, ...rows.slice(0, kept), '', rowsNote(rows.length - kept), ...tail].join('\n') + '\n', maxBytes);
}

function countsLine(reports: readonly TaskReport[]): string {
  if (reports.length === 0) return '0 projects.';
  const count = (predicate: (r: TaskReport) => boolean) => reports.filter(predicate).length;
  const parts = [
    [count((r) => r.outcome === 'success' && r.action === 'create'), 'created'],
    [count((r) => r.outcome === 'success' && r.action === 'update'), 'updated'],
    [count((r) => r.outcome === 'success' && (r.action === 'skip' || r.action === 'none')), 'unchanged'],
    [count((r) => r.outcome === 'failure'), 'failed'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}`);
  return `${reports.length} project${reports.length === 1 ? '' : 's'}: ${said.join(', ')}.`;
}

const OUTCOME_ORDER: Record<TaskReport['outcome'], number> = { failure: 0, success: 1 };

function byOutcomeThenProject(a: TaskReport, b: TaskReport): number {
  return OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome] || a.project.localeCompare(b.project) || a.target.localeCompare(b.target);
}

function tableRow(report: TaskReport): string {
  const cells = [
    `**${cell(report.project)}**`,
    actionText(report),
    deploymentText(report),
    report.commit ? `\`${cell(report.commit.slice(0, 7))}\`` : '–',
    outcomeText(report),
    durationText(report.durationMs),
    linkText(report.url),
  ];
  return `| ${cells.join(' | ')} |`;
}

function actionText(report: TaskReport): string {
  const action = report.action === 'skip' ? 'no change' : report.action === 'none' ? '–' : report.action;
  return report.target === 'update' && report.action !== 'update' ? `${action} (update target)` : action;
}

function deploymentText(report: TaskReport): string {
  const name = report.deploymentName ? cell(report.deploymentName) : '';
  const id = report.deploymentId ? `\`${cell(report.deploymentId)}\`` : '';
  return [name, id].filter(Boolean).join(' ') || '–';
}

function outcomeText(report: TaskReport): string {
  if (report.outcome === 'failure') return '❌ failed';
  return report.status ? `✅ ${cell(report.status)}` : '✅ done';
}

export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** Only web links become links: a report is data, not markup. */
function linkText(url: string | undefined): string {
  if (!url || !/^https?:\/\/[^\s<>()]+$/i.test(url)) return '–';
  return `[open](${url})`;
}

function detailLine(report: TaskReport): string {
  const where = `\`${escapeText(report.contractPath || '.')}\`, ${report.target}`;
  const extras = [
    report.branch ? `branch \`${escapeText(report.branch)}\`` : '',
    report.changedFields && report.changedFields.length > 0 ? `changed: ${report.changedFields.map(escapeText).join(', ')}` : '',
    report.status ? `status: ${escapeText(report.status)}` : '',
  ].filter(Boolean);
  return `- **${escapeText(report.project)}** (${where}): ${escapeText(report.message)}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}`;
}

/** A table cell: one line, no column breaks, no markup. */
export function cell(text: string): string {
  return escapeText(text).replace(/\|/g, '\\|');
}

/** Text from a report or a server as plain Markdown text: one line, no HTML. */
export function escapeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Last resort for tiny limits: cut on a character boundary. */
function fit(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let cut = text.slice(0, maxBytes);
  while (byteLength(cut) > maxBytes) cut = cut.slice(0, -1);
  return cut;
}
