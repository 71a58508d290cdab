/**
 * The per-project result a deploy or update task writes to the report folder, and that the CI
 * summary aggregates. One JSON file per project; one schema for both sides.
 * A report never holds a secret: only ids, commits, paths, the outcome and a one-line message.
 */
import { z } from 'zod';

export const DEFAULT_REPORT_DIR = '.deeploy/reports';

export const REPORT_ACTIONS = ['create', 'update', 'skip', 'none'] as const;
export const REPORT_OUTCOMES = ['success', 'failure', 'dry-run'] as const;

export const taskReportSchema = z.looseObject({
  project: z.string(),
  target: z.enum(['deploy', 'update']),
  /** What was (or, in a dry run, would be) done; `none` when the task failed before deciding. */
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
  /** The CI run (and step) the task belonged to, so a summary shows only that run's reports. */
  runId: z.string().optional(),
});

export type TaskReport = z.infer<typeof taskReportSchema>;

/** File name of a project's report: project names may contain "/", files may not. */
export function reportFileName(project: string): string {
  return `${project.replace(/[^A-Za-z0-9._-]/g, '__')}.json`;
}
