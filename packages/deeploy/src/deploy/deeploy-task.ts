/**
 * One deploy or update task, end to end: prepare (offline checks), apply (Deeploy), then the
 * report file and, in GitHub Actions, the run's step summary. Every failure becomes
 * `{ success: false }` and one line; the stack only with --verbose.
 * The boundaries (environment, API client, lookups, git, output) are injectable for tests
 * and for the batch executor (`batch.ts`), which shares the client's connections, the lookups and
 * the git facts between the tasks of one process and captures each task's lines.
 */
import { clientSettingsOf } from '../settings/client-settings';
import { logger, type ExecutorContext } from '../nx/devkit';
import { secretsOf as authSecretsOf } from '../api/auth';
import { createDeeployClient, type DeeployClientConfig } from '../api/client';
import { openGitBridge, type GitBridge } from '../git/git-bridge';
import type { TaskReport } from '../report/report-schema';
import { reportDirOf, ReportDirError } from '../report/report-dir';
import { updateStepSummary, writeTaskReport } from '../report/report-writer';
import { currentRunId, currentStepId } from '../report/run-id';
import { taskIdentityOf, type TaskKind } from '../settings/context-layers';
import { secretValues } from '../settings/credentials';
import { SETTINGS_DEFAULTS } from '../settings/settings-schema';
import { applyTask, type TaskResult } from './apply-task';
import { taskLookups, type DeeployApi, type DeeployLookups } from './deeploy-lookups';
import { prepareTask, type PreparedTask, type PrepareProgress } from './prepare-task';
import { failureLine, taskOutput, type LineSink, type TaskOutput } from './task-output';

export interface TaskDeps {
  env: NodeJS.ProcessEnv;
  createApi(config: DeeployClientConfig): DeeployApi & { close(): Promise<void> };
  lookups(api: DeeployApi): DeeployLookups;
  openGit(workspaceRoot: string): GitBridge;
  /** Where the task's lines go. */
  sink: LineSink;
}

const defaultDeps: TaskDeps = {
  env: process.env,
  createApi: createDeeployClient,
  lookups: taskLookups,
  openGit: openGitBridge,
  sink: logger,
};

export async function runDeeployTask(
  kind: TaskKind,
  options: Record<string, unknown>,
  context: ExecutorContext,
  overrides: Partial<TaskDeps> = {},
): Promise<{ success: boolean }> {
  const deps = { ...defaultDeps, ...overrides };
  const { env } = deps;
  const started = Date.now();
  let project = context.projectName ?? 'deeploy';
  let contractPath = '';
  let out: TaskOutput = taskOutput(project, secretValues(env), deps.sink);
  let prepared: PreparedTask | undefined;
  const progress: PrepareProgress = {};
  let api: (DeeployApi & { close(): Promise<void> }) | undefined;
  let result: TaskResult | undefined;
  let failure: unknown;

  try {
    const task = taskIdentityOf(context, kind);
    project = task.project;
    contractPath = task.projectRoot;
    out = taskOutput(project, secretValues(env), deps.sink);
    prepared = await prepareTask(kind, options, context, env, progress, deps.openGit);
    out = taskOutput(
      project,
      [...secretValues(env), ...authSecretsOf(prepared.keyPair), ...(prepared.externalSecret ? [prepared.externalSecret] : [])],
      deps.sink,
    );
    for (const warning of prepared.contractWarnings) out.info(`warning: ${warning}`);
    const { settings } = prepared;
    const log = out.info;
    api = deps.createApi({
      baseUrl: prepared.baseUrl,
      workspaceId: prepared.workspaceId,
      auth: prepared.keyPair,
      ...clientSettingsOf(settings),
      log,
    });
    result = await applyTask(prepared, { api, lookups: deps.lookups(api), out });
    if (result.outcome === 'failure') out.error(`${kind} failed: ${result.message}`);
  } catch (error) {
    failure = error;
    out.error(failureLine(kind, error));
    // `nx run … --verbose` reaches the executor only as context.isVerbose, not as the option.
    const verbose = progress.verbose === true || options.verbose === true || context.isVerbose === true;
    if (verbose && error instanceof Error && error.stack) out.error(error.stack);
  } finally {
    await api?.close().catch(() => undefined);
  }

  const success = !failure && result !== undefined && result.outcome !== 'failure';
  // A dry run writes nothing, not even a report (its plan is on screen); nor does a task whose
  // report folder was refused.
  const dryRun = progress.dryRun ?? (options.dryRun === true || env.NX_DRY_RUN === 'true');
  if (dryRun || failure instanceof ReportDirError) return { success };

  const report: TaskReport & { runId: string } = {
    project,
    target: kind,
    action: result?.action ?? 'none',
    outcome: success ? 'success' : 'failure',
    contractPath,
    message: out.clean(failure ? failureLine(kind, failure) : (result?.message ?? '')),
    durationMs: Math.max(0, Date.now() - started),
    finishedAt: new Date().toISOString(),
    runId: currentRunId(env),
  };
  if (result?.deploymentId) report.deploymentId = result.deploymentId;
  if (result?.deploymentName) report.deploymentName = out.clean(result.deploymentName);
  const commit = result?.commit ?? progress.gitState?.commit;
  if (commit) report.commit = commit;
  if (progress.gitState) {
    report.branch = progress.gitState.branch;
    report.contractPath = progress.gitState.contractPath;
  }
  if (result?.changedFields) report.changedFields = result.changedFields;
  if (result?.status) report.status = result.status;
  if (result?.url) report.url = out.clean(result.url);
  const stepId = currentStepId(env);
  if (stepId) report.stepId = stepId;
  await publishReport(context.root, progress.reportDir ?? SETTINGS_DEFAULTS.reportDir, report, env, out);

  return { success };
}

/** The report file and the step summary are a record of the task, never a reason for it to fail. */
async function publishReport(
  workspaceRoot: string,
  reportDir: string,
  report: TaskReport & { runId: string },
  env: NodeJS.ProcessEnv,
  out: TaskOutput,
): Promise<void> {
  try {
    const dir = reportDirOf(workspaceRoot, reportDir);
    writeTaskReport(dir, report);
    // DEEPLOY_STEP_SUMMARY=false: a later step (the generated workflow's `deeploy-ci summary`) writes the table.
    if (env.GITHUB_STEP_SUMMARY && env.DEEPLOY_STEP_SUMMARY !== 'false') {
      await updateStepSummary({ summaryFile: env.GITHUB_STEP_SUMMARY, reportDir: dir, reportDirLabel: reportDir, runId: report.runId, stepId: report.stepId });
    }
  } catch (error) {
    out.error(`could not write the report in ${reportDir}: ${(error as Error).message.split('\n')[0]}`);
  }
}
