/**
 * Runs a deploy or update task of the built plugin inside this process, capturing every line it
 * prints (the Nx logger writes through console). In-process runs keep 200+ runs within minutes;
 * the crash test, which must kill the task, runs it as a child process instead.
 */
import { createDeeployClient, type DeeployClientConfig } from 'nx-deeploy/dist/api/client';
import { runDeeployTask, type TaskDeps } from 'nx-deeploy/dist/deploy/deeploy-task';
import deployExecutor from 'nx-deeploy/dist/executors/deploy/executor';
import updateExecutor from 'nx-deeploy/dist/executors/update/executor';
import type { Settings } from 'nx-deeploy/dist/settings/settings-schema';
import { executorContext, executorOptions, type TaskKind } from '../../support';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;
/** The executor modules Nx loads for each kind (`executors.json`). */
const EXECUTORS = { deploy: deployExecutor, update: updateExecutor };

/** The API client's timing, overridden (retry delays, deadlines). */
export type ClientTiming = Partial<Pick<DeeployClientConfig, 'retryBaseDelayMs' | 'deadlineMs' | 'maxRetryAfterMs'>>;

/** What a task did: whether it succeeded, its non-empty lines, the error it threw (a bug) and how long it took. */
export interface TaskRun {
  success: boolean;
  lines: string[];
  error?: unknown;
  ms: number;
}

export interface TaskInput {
  root: string;
  projectRoot: string;
  project?: string;
  kind?: TaskKind;
  flags?: Record<string, unknown>;
  pluginOptions?: Record<string, unknown>;
}

/** Replaces console's methods while `work` runs; returns the lines printed, without colour codes. */
export async function capturingConsole<T>(work: () => Promise<T>): Promise<{ value?: T; error?: unknown; lines: string[] }> {
  const saved = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  const lines: string[] = [];
  for (const method of CONSOLE_METHODS) {
    console[method] = (...args: unknown[]) => {
      lines.push(
        ...args
          .map(String)
          .join(' ')
          // eslint-disable-next-line no-control-regex -- colour codes are what it removes
          .replace(/\u001b\[[0-9;]*m/g, '')
          .split('\n'),
      );
    };
  }
  try {
    const value = await work();
    return { value, lines };
  } catch (error) {
    return { error, lines };
  } finally {
    for (const [method, fn] of saved) console[method] = fn;
  }
}

/**
 * The API client with its timing changed: the same retry policy, with delays scaled down so that
 * hundreds of faulted runs fit in CI. Everything else is the executor as Nx runs it.
 */
export function clientWithTiming(timing: ClientTiming): TaskDeps['createApi'] {
  return (config) => createDeeployClient({ ...config, ...timing });
}

/**
 * One task through the plugin's task function. `error` is set only when it threw instead of
 * returning `{ success: false }` (a bug). `client` (optional) adjusts the API client's retry timing.
 */
export async function runTask({
  root,
  projectRoot,
  project,
  kind = 'deploy',
  flags = {},
  env,
  pluginOptions,
  client,
}: TaskInput & { env: NodeJS.ProcessEnv; client?: ClientTiming }): Promise<TaskRun> {
  const context = executorContext({ root, projectRoot, project, kind, pluginOptions });
  const options = executorOptions({ root, projectRoot, kind, flags });
  const deps: Partial<TaskDeps> = { env };
  if (client) deps.createApi = clientWithTiming(client);
  const started = Date.now();
  const { value, error, lines } = await capturingConsole(() => runDeeployTask(kind, options, context, deps));
  return { success: value?.success === true, lines: lines.filter((line) => line.trim() !== ''), error, ms: Date.now() - started };
}

/** The same, through the executor module Nx loads (`executors.json`), with its own defaults and the process environment. */
export async function runExecutor({ root, projectRoot, project, kind = 'deploy', flags = {}, pluginOptions }: TaskInput): Promise<TaskRun> {
  const context = executorContext({ root, projectRoot, project, kind, pluginOptions });
  const options = executorOptions({ root, projectRoot, kind, flags });
  const started = Date.now();
  // Typed as the schema's, but the executor checks what it is given: the corpus passes what users could type.
  const { value, error, lines } = await capturingConsole(() => EXECUTORS[kind](options as Settings, context));
  return { success: value?.success === true, lines: lines.filter((line) => line.trim() !== ''), error, ms: Date.now() - started };
}
