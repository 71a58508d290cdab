/**
 * Reads the task reports for the summary command: every `*.json` in the report folder, checked
 * against the shared schema. Unlike the executors' reader (which skips a file another task may be
 * rewriting), this one runs after every task has finished, so a file that is not a report is a
 * real problem: it becomes one line naming it, never a crash, and every other project still shows.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { taskReportSchema, type TaskReport } from '../report/report-schema';

export interface ReportFiles {
  reports: TaskReport[];
  /** One line per unreadable file, naming it and what is wrong. */
  problems: string[];
  /** False when the folder does not exist (no task wrote a report). */
  found: boolean;
}

export async function readReportFiles(dir: string, displayDir: string): Promise<ReportFiles> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { reports: [], problems: [], found: false };
    throw error;
  }
  const reports: TaskReport[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const file = `${displayDir}/${name}`;
    let value: unknown;
    try {
      value = JSON.parse(await readFile(join(dir, name), 'utf8'));
    } catch {
      problems.push(`${file} is not valid JSON; it was left out of the summary.`);
      continue;
    }
    const parsed = taskReportSchema.safeParse(value);
    if (parsed.success) {
      reports.push(parsed.data);
    } else {
      const issue = parsed.error.issues[0];
      problems.push(`${file} is not a deeploy task report (${issue.path.join('.') || 'top level'}: ${issue.message}); it was left out of the summary.`);
    }
  }
  return { reports, problems, found: true };
}
