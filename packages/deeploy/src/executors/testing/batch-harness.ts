/**
 * Test helper for the batch executors: the task graph, options and context Nx's `run-batch` hands a
 * batch implementation for some projects of the harness's workspace, and a runner that collects
 * the results the batch yields (in the order it yields them).
 */
import type { ExecutorContext, Task, TaskGraph, TaskGraphExecutor } from '../../nx/devkit';
import type { Harness } from './harness';

export interface BatchInput {
  taskGraph: TaskGraph;
  inputs: Record<string, Record<string, unknown>>;
  context: ExecutorContext;
}

export interface BatchTaskResult {
  task: string;
  success: boolean;
  terminalOutput: string;
}

/** `tasks`: `[project, target]` pairs; each task's options are its target's plus `flags`. */
export function batchInput(h: Harness, tasks: ReadonlyArray<readonly [string, string]>, flags: Record<string, unknown> = {}): BatchInput {
  const contexts = tasks.map(([project, target]) => h.context(project, target));
  const graphTasks: Record<string, Task> = {};
  const inputs: Record<string, Record<string, unknown>> = {};
  for (const [project, target] of tasks) {
    const id = `${project}:${target}`;
    graphTasks[id] = { id, target: { project, target }, overrides: {}, outputs: [], projectRoot: project, parallelism: true } as unknown as Task;
    inputs[id] = h.options(target, flags, project);
  }
  const ids = Object.keys(graphTasks);
  const taskGraph: TaskGraph = {
    roots: ids,
    tasks: graphTasks,
    dependencies: Object.fromEntries(ids.map((id) => [id, []])),
    continuousDependencies: Object.fromEntries(ids.map((id) => [id, []])),
  };
  // As run-batch builds it: every project of the workspace, and no task of its own.
  const context: ExecutorContext = {
    ...contexts[0],
    projectName: undefined,
    targetName: undefined,
    projectsConfigurations: { version: 2, projects: Object.assign({}, ...contexts.map((c) => c.projectsConfigurations.projects)) },
    taskGraph,
  };
  return { taskGraph, inputs, context };
}

export async function runBatch(executor: TaskGraphExecutor, input: BatchInput): Promise<BatchTaskResult[]> {
  const results = (await executor(input.taskGraph, input.inputs, {}, input.context)) as AsyncIterable<{
    task: string;
    result: { success: boolean; terminalOutput: string };
  }>;
  const collected: BatchTaskResult[] = [];
  for await (const { task, result } of results) collected.push({ task, success: result.success, terminalOutput: result.terminalOutput });
  return collected;
}
