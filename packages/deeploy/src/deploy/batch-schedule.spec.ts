import { batchConcurrency, DEFAULT_BATCH_CONCURRENCY } from './batch';
import { inBatchOrder, type ScheduledTask } from './batch-schedule';

const task = (id: string, project = id, dependsOn: string[] = []): ScheduledTask => ({ id, project, dependsOn });

/** Runs the schedule with tasks that finish when the test says; records what ran when. */
function harness(tasks: ScheduledTask[], concurrency: number, fails: string[] = []) {
  const started: Array<{ id: string; projectRanBefore: boolean }> = [];
  let running = 0;
  let mostAtOnce = 0;
  const finish = new Map<string, () => void>();
  const results = inBatchOrder(tasks, concurrency, async (t, turn) => {
    started.push({ id: t.id, projectRanBefore: turn.projectRanBefore });
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    await new Promise<void>((resolve) => finish.set(t.id, resolve));
    running--;
    return { success: !fails.includes(t.id) };
  });
  return {
    started,
    mostAtOnce: () => mostAtOnce,
    /** Lets every started task finish, in start order, and collects the ids as yielded. */
    async drain(): Promise<string[]> {
      const yielded: string[] = [];
      const pump = setInterval(() => [...finish.values()].forEach((f) => f()), 1);
      try {
        for await (const { task: t } of results) yielded.push(t.id);
      } finally {
        clearInterval(pump);
      }
      return yielded;
    },
  };
}

describe('inBatchOrder', () => {
  it('never runs more tasks at once than asked, and runs them all', async () => {
    const tasks = Array.from({ length: 9 }, (_, i) => task(`p${i}:deploy`, `p${i}`));
    const h = harness(tasks, 3);
    expect((await h.drain()).sort()).toEqual(tasks.map((t) => t.id).sort());
    expect(h.mostAtOnce()).toBe(3);
  });

  it('runs two tasks of one project one after the other, telling the later one', async () => {
    const h = harness([task('a:deploy', 'a'), task('a:ship', 'a'), task('b:deploy', 'b')], 8);
    await h.drain();
    expect(h.started).toEqual([
      { id: 'a:deploy', projectRanBefore: false },
      { id: 'b:deploy', projectRanBefore: false },
      { id: 'a:ship', projectRanBefore: true },
    ]);
  });

  it('runs a task after its dependencies in the batch, and not at all (nor its dependents) when one failed', async () => {
    const h = harness([task('c', 'c', ['b']), task('b', 'b', ['a']), task('a'), task('d', 'd', ['outside-the-batch'])], 8, ['a']);
    expect(await h.drain()).toEqual(['a', 'd']);
  });

  it('lets the tasks waiting for quiet go together, once every running task waits and none can start, freeing their places meanwhile', async () => {
    const tasks = Array.from({ length: 7 }, (_, i) => task(`p${i}`));
    const events: string[] = [];
    const tokens: object[] = [];
    const results = inBatchOrder(tasks, 2, async (t, turn) => {
      events.push(`start ${t.id}`);
      await new Promise((resolve) => setImmediate(resolve));
      tokens.push(await turn.whenQuiet());
      events.push(`go ${t.id}`);
      return { success: true };
    });
    const yielded: string[] = [];
    for await (const { task: t } of results) yielded.push(t.id);
    expect(yielded.sort()).toEqual(tasks.map((t) => t.id));
    // All seven started (two places, given up while waiting) before any was let go, all with one token.
    expect(events.slice(0, 7)).toEqual(tasks.map((t) => `start ${t.id}`));
    expect(new Set(tokens).size).toBe(1);
  });

  it('lets waiting tasks go when the tasks left wait for them, and waits again later with a new token', async () => {
    // b depends on a: while a waits, nothing else can start, so a is let go alone.
    const tokens: Record<string, object> = {};
    const results = inBatchOrder([task('a'), task('b', 'b', ['a'])], 8, async (t, turn) => {
      tokens[t.id] = await turn.whenQuiet();
      return { success: true };
    });
    const yielded: string[] = [];
    for await (const { task: t } of results) yielded.push(t.id);
    expect(yielded).toEqual(['a', 'b']);
    expect(tokens.a).not.toBe(tokens.b);
  });
});

describe('batchConcurrency', () => {
  const nxJson = (parallel?: number) => ({ nxJsonConfiguration: parallel === undefined ? {} : { parallel } });
  it('takes NX_PARALLEL, then parallel in nx.json, then the default', () => {
    expect(batchConcurrency({ NX_PARALLEL: '2' }, nxJson(5))).toBe(2);
    expect(batchConcurrency({}, nxJson(5))).toBe(5);
    expect(batchConcurrency({ NX_PARALLEL: 'many' }, nxJson())).toBe(DEFAULT_BATCH_CONCURRENCY);
  });
});
