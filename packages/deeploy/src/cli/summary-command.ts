/**
 * `deeploy-ci summary [--reports <dir>] [--out <file>] [--print]`: the current run's task reports
 * (by run id: reports of other runs, whatever their dates, are left out) as one
 * Markdown table (the same renderer the executors use for the step summary), written to a file (GitHub:
 * $GITHUB_STEP_SUMMARY; GitLab: an artifact) and/or printed. It exits 0 whenever it could write:
 * the deploy step has already failed the job if a deploy failed, and a summary must not turn a
 * good run red.
 */
import { spliceSummarySection } from '../report/report-writer';
import { DEFAULT_SUMMARY_MAX_BYTES, renderSummaryMarkdown } from '../report/summary-markdown';
import { readReportFiles } from './report-files';

export interface SummaryCommandOptions {
  /** Absolute folder of the reports. */
  reportsDir: string;
  /** The same folder as the user should read it in messages (workspace-relative). */
  reportsDisplay: string;
  /** Absolute file to write the Markdown to. */
  outFile?: string;
  print: boolean;
  /** The current run (run-id.ts): only its reports are shown. */
  runId: string;
}

export interface SummaryIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The file's current text, or '' when it does not exist. */
  readFile: (file: string) => Promise<string>;
  writeFile: (file: string, text: string) => Promise<void>;
}

export async function runSummary(options: SummaryCommandOptions, io: SummaryIo): Promise<number> {
  let files;
  try {
    files = await readReportFiles(options.reportsDir, options.reportsDisplay);
  } catch (error) {
    io.err(`deeploy-ci summary: cannot read the report folder ${options.reportsDisplay}: ${(error as Error).message}`);
    return 2;
  }
  for (const problem of files.problems) io.err(`deeploy-ci summary: ${problem}`);
  const reports = files.reports.filter((report) => report.runId === options.runId);
  const others = files.reports.length - reports.length;
  if (others > 0) {
    io.err(
      `deeploy-ci summary: left out ${others} report${others === 1 ? '' : 's'} of other runs found in ${options.reportsDisplay} (a report folder kept from an earlier run, or committed: keep it in .gitignore).`,
    );
  }

  let existing = '';
  if (options.outFile) {
    try {
      existing = await io.readFile(options.outFile);
    } catch (error) {
      io.err(`deeploy-ci summary: cannot read ${options.outFile}: ${(error as Error).message}`);
      return 2;
    }
  }
  // GitHub refuses a step summary over 1 MiB: the table gets what the rest of the file leaves.
  const outside = Buffer.byteLength(spliceSummarySection(existing, ''));
  const markdown = renderSummaryMarkdown(reports, {
    maxBytes: Math.max(DEFAULT_SUMMARY_MAX_BYTES - outside, 4096),
    reportDir: options.reportsDisplay,
    problems: files.problems,
  });
  if (options.outFile) {
    try {
      // Replaces the deeploy section only (the executors use the same markers), so a file
      // with other content keeps it and the table is never there twice.
      await io.writeFile(options.outFile, spliceSummarySection(existing, markdown));
    } catch (error) {
      io.err(`deeploy-ci summary: cannot write ${options.outFile}: ${(error as Error).message}`);
      return 2;
    }
  }
  if (options.print || !options.outFile) io.out(markdown);
  return 0;
}
