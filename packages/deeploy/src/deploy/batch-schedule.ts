/**
 * The order in which a batch runs its tasks: at most `concurrency` at once, each only after its
 * dependencies inside the batch succeeded, and never two tasks of one project at once (two targets
 * with the same executor act on the same deployment). Results come out as tasks finish, so Nx can
 * show each one then. A task whose dependency failed is not run and not reported: Nx marks it
 * skipped, as it does outside a batch.
 *
 * A task may wait for the batch to be quiet (`whenQuiet`): until every running task waits so and
 * no other can start. Such a task gives up its place meanwhile, so the batch goes on; this is how
 * the tasks that created a deployment share one list after the batch's creates (`create-deployment.ts`).
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
  /**
   * Resolves when every running task of the batch waits here and no other task can start; all
   * the waiting tasks are let go together, with one token that says they were let go at once.
   */
  whenQuiet(): Promise<QuietToken>;
}

/** The same object for every task let go at one quiet moment of the batch. */
export type QuietToken = object;

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
  const quietWaiters: Array<(token: QuietToken) => void> = [];
  let wake: () => void = () => undefined;
  const whenQuiet = () =>
    new Promise<QuietToken>((resolve) => {
      quietWaiters.push(resolve);
      wake();
    });

  for (;;) {
    // A task waiting for quiet does not hold a place.
    for (let i = 0; i < waiting.length && running.size - quietWaiters.length < Math.max(1, concurrency);) {
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
      const turn = { projectRanBefore: projectsRun.has(task.project), whenQuiet };
      projectsRun.add(task.project);
      busyProjects.add(task.project);
      running.set(
        task.id,
        run(task, turn).then((result) => ({ task, result })),
      );
    }
    if (running.size === 0) return;
    if (quietWaiters.length === running.size) {
      const token: QuietToken = {};
      for (const resolve of quietWaiters.splice(0)) resolve(token);
    }
    const woken = new Promise<'woken'>((resolve) => (wake = () => resolve('woken')));
    const done = await Promise.race([woken, ...running.values()]);
    if (done === 'woken') continue;
    running.delete(done.task.id);
    busyProjects.delete(done.task.project);
    succeeded.set(done.task.id, done.result.success);
    yield done;
  }
}
