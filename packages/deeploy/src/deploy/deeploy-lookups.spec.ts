import type { DeploymentListing } from '../api/deployment-listing';
import type { Deployment } from '../api/schemas';
import { deploymentListSentAt, freshLists, sharedLookups } from './deeploy-lookups';

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

describe('sharedLookups', () => {
  it('notes when each deployment list was sent', async () => {
    const before = Date.now();
    const listing = (deployments: Deployment[]): DeploymentListing => ({
      deployments,
      complete: true,
      skipped: [],
      paging: { convention: 'single-page', pageSize: deployments.length, pages: 1, totals: false },
    });
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
