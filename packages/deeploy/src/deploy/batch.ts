/**
 * Nx batch mode for deploy and update: one process runs every task of the batch, instead of one
 * process per task whose start-up costs far more CPU than its deploy (docs/benchmarks.md). The
 * tasks share one connection pool, the repository and deployment lists (`batch-api.ts`) and the
 * workspace's git facts (`batch-git.ts`); each one is otherwise the same task as alone
 * (`runDeeployTask`): its own settings, checks, decisions, report file and step summary row.
 *
 * Each task's lines are kept for its own result (`terminalOutput`), which Nx prints under the
 * task's name when the task finishes (and shows in its pane of the terminal UI); printing them as
 * well would show them twice. Results are yielded as tasks finish, so Nx reports each then.
 */
import type { ExecutorContext, TaskGraph } from '../nx/devkit';
import { openGitBridge } from '../git/git-bridge';
import type { TaskKind } from '../settings/context-layers';
import { secretValues } from '../settings/credentials';
import { batchApi } from './batch-api';
import { batchGit } from './batch-git';
import { inBatchOrder, type ScheduledTask } from './batch-schedule';
import { runDeeployTask, type TaskDeps } from './deeploy-task';
import { taskLookups } from './deeploy-lookups';
import { failureLine, taskOutput } from './task-output';

/** Without `NX_PARALLEL` or `parallel` in nx.json: deploys mostly wait on Deeploy and git, not on the CPU. */
export const DEFAULT_BATCH_CONCURRENCY = 8;

export interface BatchTaskResult {
  task: string;
  result: { success: boolean; terminalOutput: string; startTime: number; endTime: number };
}

/**
 * How many tasks run at once. Nx does not pass `--parallel` to a batch, so this reads what it can
 * see: `NX_PARALLEL`, then `parallel` in nx.json, then the default.
 */
export function batchConcurrency(env: NodeJS.ProcessEnv, context: Pick<ExecutorContext, 'nxJsonConfiguration'>): number {
  const fromEnv = Number(env.NX_PARALLEL);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  const fromNxJson = context.nxJsonConfiguration?.parallel;
  if (typeof fromNxJson === 'number' && Number.isInteger(fromNxJson) && fromNxJson > 0) return fromNxJson;
  return DEFAULT_BATCH_CONCURRENCY;
}

/**
 * The ids of the tasks `taskId` depends on. Nx 22 and 23 list them as strings; Nx 24 as edges
 * `{ id, waitFor?, inputs? }`.
 */
export function dependencyIds(taskGraph: TaskGraph, taskId: string): string[] {
  const edges: ReadonlyArray<string | { id: string }> = taskGraph.dependencies[taskId] ?? [];
  return edges.map((edge) => (typeof edge === 'string' ? edge : edge.id));
}

export async function* runDeeployBatch(
  kind: TaskKind,
  taskGraph: TaskGraph,
  inputs: Record<string, Record<string, unknown>>,
  context: ExecutorContext,
): AsyncGenerator<BatchTaskResult> {
  const env = process.env;
  const api = batchApi();
  const git = batchGit(openGitBridge(context.root));
  const tasks: ScheduledTask[] = Object.values(taskGraph.tasks).map((task) => ({
    id: task.id,
    project: task.target.project,
    dependsOn: dependencyIds(taskGraph, task.id),
  }));

  try {
    const results = inBatchOrder(tasks, batchConcurrency(env, context), async (scheduled, turn) => {
      const task = taskGraph.tasks[scheduled.id];
      const lines: string[] = [];
      const startTime = Date.now();
      // A later task of the same project runs as it would alone: an earlier one may have just
      // created or changed its deployment, or committed a new reference for it (route 3).
      const shared: Partial<TaskDeps> = turn.projectRanBefore
        ? { lookups: taskLookups }
        : { createApi: api.createApi, lookups: (client) => api.lookups(client, turn.whenQuiet), openGit: () => git };
      const sink = { info: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
      let success = false;
      try {
        ({ success } = await runDeeployTask(
          kind,
          inputs[scheduled.id] ?? {},
          { ...context, projectName: task.target.project, targetName: task.target.target, configurationName: task.target.configuration },
          { env, sink, ...shared },
        ));
      } catch (error) {
        // runDeeployTask turns every failure into its result; this only keeps one task from ending the batch.
        taskOutput(task.target.project, secretValues(env), sink).error(failureLine(kind, error));
      }
      return { success, terminalOutput: lines.length > 0 ? `${lines.join('\n')}\n` : '', startTime, endTime: Date.now() };
    });
    for await (const { task, result } of results) yield { task: task.id, result };
  } finally {
    await api.close().catch(() => undefined);
  }
}
