import type { DeploymentListing } from '../api/deployment-listing';
import type { Deployment } from '../api/schemas';
import { deploymentListSentAt, freshLists, sharedLookups, taskLookups } from './deeploy-lookups';

describe('freshLists', () => {
  it('gives a caller who asks while a list is on its way the next list, shared with everyone else who asks meanwhile', async () => {
    const started: Array<(value: number) => void> = [];
    const list = () => new Promise<number>((resolve) => started.push(resolve));
    const fresh = freshLists<number>();

    const first = fresh(list);
    const second = fresh(list);
    const third = fresh(list);
    expect(started).toHaveLength(1); // the second list starts only when the first one ends
    started[0](1);
    expect(await first).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(2);
    started[1](2);
    expect([await second, await third]).toEqual([2, 2]);
  });

  it('starts the next list even when the one on its way fails', async () => {
    let calls = 0;
    const fresh = freshLists<number>();
    const failing = fresh(() => Promise.reject(new Error('down')));
    const next = fresh(async () => ++calls);
    await expect(failing).rejects.toThrow('down');
    expect(await next).toBe(1);
  });
});

const listing = (deployments: Deployment[]): DeploymentListing => ({
  deployments,
  complete: true,
  skipped: [],
  paging: { convention: 'single-page', pageSize: deployments.length, pages: 1, totals: false },
});

describe('sharedLookups', () => {
  it('notes when each deployment list was sent', async () => {
    const before = Date.now();
    const lookups = sharedLookups()({
      listRepositories: async () => [],
      listDeployments: async () => listing([{ id: 'd1' } as Deployment]),
      getDeployment: async (id) => ({ id }) as Deployment,
    });
    const list = await lookups.deployments();
    expect(deploymentListSentAt(list)).toBeGreaterThanOrEqual(before);
    expect(deploymentListSentAt(listing([]))).toBeUndefined();
  });
});

describe('deploymentsAfterCreate', () => {
  /** A server whose list is what was created so far. */
  function server() {
    const created: string[] = [];
    let lists = 0;
    const api = {
      listRepositories: async () => [],
      listDeployments: async () => {
        lists++;
        return listing(created.map((id) => ({ id }) as Deployment));
      },
      getDeployment: async (id: string) => ({ id }) as Deployment,
    };
    return { api, created, lists: () => lists };
  }

  it('in a batch: one list for the tasks let go together, sent after all their creates, and kept for the tasks after them', async () => {
    const s = server();
    const shared = sharedLookups();
    let letGo: (token: object) => void = () => undefined;
    const quiet = new Promise<object>((resolve) => (letGo = resolve));
    const tasks = ['d1', 'd2', 'd3'].map((id) => {
      s.created.push(id);
      return shared(s.api, () => quiet).deploymentsAfterCreate();
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(s.lists()).toBe(0); // nothing is sent before the batch is quiet
    letGo({});
    const lists = await Promise.all(tasks);
    expect(s.lists()).toBe(1);
    for (const list of lists) expect(list.deployments.map((d) => d.id)).toEqual(['d1', 'd2', 'd3']);
    expect(await shared(s.api).deployments()).toBe(lists[0]);
  });

  it('alone, or without a batch: a fresh list each time', async () => {
    const s = server();
    const lookups = taskLookups(s.api);
    s.created.push('d1');
    expect((await lookups.deploymentsAfterCreate()).deployments).toHaveLength(1);
    s.created.push('d2');
    expect((await lookups.deploymentsAfterCreate()).deployments).toHaveLength(2);
    expect((await sharedLookups()(s.api).deploymentsAfterCreate()).deployments).toHaveLength(2);
    expect(s.lists()).toBe(3);
  });

  it('claims are seen by every task of the shared lookups, and only there', () => {
    const s = server();
    const shared = sharedLookups();
    shared(s.api).claim('d1');
    expect(shared(s.api).claimed('d1')).toBe(true);
    expect(shared(s.api).claimed('d2')).toBe(false);
    expect(sharedLookups()(s.api).claimed('d1')).toBe(false);
  });
});
