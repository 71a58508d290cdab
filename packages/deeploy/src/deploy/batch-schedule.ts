/**
 * The order in which a batch runs its tasks: at most `concurrency` at once, each only after its
 * dependencies inside the batch succeeded, and never two tasks of one project at once (two targets
 * with the same executor act on the same deployment). Results come out as tasks finish, so Nx can
 * show each one then. A task whose dependency failed is not run and not reported: Nx marks it
 * skipped, as it does outside a batch.
 */

export interface ScheduledTask {
  id: string;
  project: string;
  /** Ids of the tasks it depends on; those outside the batch have finished already. */
  dependsOn: readonly string[];
}

export interface TaskTurn {
  /** Whether an earlier task of the same project ran in this batch. */
  projectRanBefore: boolean;
}

/** `run` must not reject: a task's failure is its result. */
export async function* inBatchOrder<R extends { success: boolean }>(
  tasks: readonly ScheduledTask[],
  concurrency: number,
  run: (task: ScheduledTask, turn: TaskTurn) => Promise<R>,
): AsyncGenerator<{ task: ScheduledTask; result: R }> {
  const inBatch = new Set(tasks.map((t) => t.id));
  const succeeded = new Map<string, boolean>();
  const waiting = [...tasks];
  const running = new Map<string, Promise<{ task: ScheduledTask; result: R }>>();
  const busyProjects = new Set<string>();
  const projectsRun = new Set<string>();

  for (;;) {
    for (let i = 0; i < waiting.length && running.size < Math.max(1, concurrency);) {
      const task = waiting[i];
      const deps = task.dependsOn.filter((id) => inBatch.has(id));
      if (deps.some((id) => succeeded.get(id) === false)) {
        waiting.splice(i, 1);
        succeeded.set(task.id, false);
        i = 0; // Its own dependents, earlier in the list, can now be dropped too.
        continue;
      }
      if (busyProjects.has(task.project) || !deps.every((id) => succeeded.get(id) === true)) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      const turn = { projectRanBefore: projectsRun.has(task.project) };
      projectsRun.add(task.project);
      busyProjects.add(task.project);
      running.set(
        task.id,
        run(task, turn).then((result) => ({ task, result })),
      );
    }
    if (running.size === 0) return;
    const done = await Promise.race(running.values());
    running.delete(done.task.id);
    busyProjects.delete(done.task.project);
    succeeded.set(done.task.id, done.result.success);
    yield done;
  }
}
