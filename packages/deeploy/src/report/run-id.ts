/**
 * Which run a task report belongs to, so that a summary shows the current run only: a report
 * folder kept from an earlier run (a self-hosted runner, a local checkout) or committed by mistake
 * must never stand in for this run's results, whatever dates it claims.
 */
import { createHash } from 'node:crypto';

/** The id of every run outside CI (set DEEPLOY_RUN_ID to tell local runs apart). */
export const LOCAL_RUN_ID = 'local';

/**
 * The CI run, its attempt and the job: the same in every step of one job, so the summary step
 * finds the deploy step's reports, and different for a re-run attempt or another pipeline.
 * GitHub: run id, attempt, job. GitLab: pipeline and job (a retried job gets a new job id, and
 * after_script runs in the same job as the script).
 */
export function currentRunId(env: NodeJS.ProcessEnv): string {
  const own = env.DEEPLOY_RUN_ID?.trim();
  if (own) return own;
  if (env.GITHUB_RUN_ID) return ['github', env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT || '1', env.GITHUB_JOB].filter(Boolean).join('-');
  if (env.CI_PIPELINE_ID) return ['gitlab', env.CI_PIPELINE_ID, env.CI_JOB_ID].filter(Boolean).join('-');
  return LOCAL_RUN_ID;
}

/**
 * GitHub gives each step its own step-summary file: the tasks of one step share a table there,
 * and two deeploy steps of one job make two tables. Undefined outside GitHub Actions.
 */
export function currentStepId(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_STEP_SUMMARY ? createHash('sha256').update(env.GITHUB_STEP_SUMMARY).digest('hex').slice(0, 8) : undefined;
}
