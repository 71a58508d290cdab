/**
 * The per-project result a deploy or update task writes to the report folder, and that the CI
 * summary aggregates. One JSON file per project; one schema for both sides.
 * A report never holds a secret: only ids, commits, paths, the outcome and a one-line message.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const DEFAULT_REPORT_DIR = '.deeploy/reports';

export const REPORT_ACTIONS = ['create', 'update', 'skip', 'none'] as const;
export const REPORT_OUTCOMES = ['success', 'failure'] as const;

export const taskReportSchema = z.looseObject({
  project: z.string(),
  target: z.enum(['deploy', 'update']),
  /** What was done; `none` when the task failed before deciding. A dry run writes no report. */
  action: z.enum(REPORT_ACTIONS),
  outcome: z.enum(REPORT_OUTCOMES),
  deploymentId: z.string().optional(),
  deploymentName: z.string().optional(),
  contractPath: z.string(),
  commit: z.string().optional(),
  branch: z.string().optional(),
  /** Fields that differ between the deployment and the contract (update), for the summary. */
  changedFields: z.array(z.string()).optional(),
  /** Final server status when --wait was used: running, failed, timeout. */
  status: z.string().optional(),
  message: z.string(),
  durationMs: z.number(),
  /** A link a person can open (the deployment's page or public URL), when known. */
  url: z.string().optional(),
  finishedAt: z.string(),
  /** The run the task belonged to (see run-id.ts); a summary shows only the current run's reports. */
  runId: z.string().optional(),
  /** In GitHub Actions, the step: its step summary holds one table of that step's tasks. */
  stepId: z.string().optional(),
});

export type TaskReport = z.infer<typeof taskReportSchema>;

/** Long enough to recognise the project in a listing, short enough for any file system. */
const READABLE_PART_MAX = 80;

/**
 * File name of a project's report: a readable slug of the project name, cut to a length, and a
 * short hash of the exact name. The hash keeps names that differ only in characters the slug
 * drops (`models/a b`, `models/a;b`) apart; the cut keeps a long contract path under the file
 * system's 255-byte name limit. The temp file beside it adds less than 20 bytes.
 */
export function reportFileName(project: string): string {
  const slug = project.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, READABLE_PART_MAX);
  const hash = createHash('sha256').update(project, 'utf8').digest('hex').slice(0, 12);
  return `${slug}-${hash}.json`;
}
