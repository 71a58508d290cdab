/**
 * A deployment Deeploy reports as failed runs nothing, so it is never "up to date": a re-run
 * redeploys it and says why (issue 12, item 7). Alone and in a batch.
 */
import { createDeeployClient } from '../../api/client';
import { batchInput, runBatch } from '../testing/batch-harness';
import { ACCESS_KEY, createHarness, plain, PROJECT, REPOSITORY_ID, SECRET_KEY, WORKSPACE_ID, type Harness } from '../testing/harness';
import deployBatch from './batch';
import deployExecutor from './executor';

describe('deploy: a failed deployment is redeployed', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  /**
   * A deployment of HEAD that failed for a reason outside the contract: it was created (by another
   * client) before the commit reached the remote, so Deeploy could not read it. Then the push lands.
   */
  async function failedDeploymentOfHead(): Promise<{ id: string; head: string }> {
    h.repo.writeJson(`${PROJECT}/metadata.json`, { problemType: 'regression' });
    const head = h.repo.commit('new metadata, not pushed yet');
    const client = createDeeployClient({
      baseUrl: h.emulator.url,
      workspaceId: WORKSPACE_ID,
      auth: { kind: 'basic', accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
    });
    try {
      const created = await client.createDeployment({
        name: 'models-churn',
        repositoryId: REPOSITORY_ID,
        branchName: 'main',
        commit: head,
        contractPath: PROJECT,
        modelType: 2,
      });
      await new Promise((resolve) => setTimeout(resolve, 80)); // the emulator's rollout delay
      expect((await client.getDeployment(created.id)).status).toBe(2);
      h.repo.push();
      h.emulator.clearLog();
      return { id: created.id, head };
    } finally {
      await client.close();
    }
  }

  it('redeploys it (an update) and says why, where it said "up to date" before', async () => {
    const { id, head } = await failedDeploymentOfHead();
    const reason = h.deployments()[0].statusMessage as string;

    expect(await deployExecutor(h.options('deeploy-deploy', { wait: true, waitIntervalSeconds: 0.05 }), h.context())).toEqual({ success: true });

    expect(h.writes().map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /workspaces/${WORKSPACE_ID}/deployments/${id}`]);
    expect(plain(h.printed)[0]).toBe(
      `[${PROJECT}] updated deployment ${id} at ${head.slice(0, 7)}: deployment failed (reason: ${reason}); redeploying commit ${head.slice(0, 7)}`,
    );
    expect(h.deployments()[0]).toMatchObject({ id, status: 1 });
    expect(h.reportOf()).toMatchObject({ action: 'update', changedFields: ['failed'], status: 'running' });
  });

  it('plans the redeploy in a dry run, and does the same in a batch', async () => {
    const { id, head } = await failedDeploymentOfHead();
    expect(await deployExecutor(h.options('deeploy-deploy', { dryRun: true }), h.context())).toEqual({ success: true });
    expect(plain(h.printed)[0]).toMatch(
      new RegExp(
        `^\\[${PROJECT}\\] dry run: would update deployment ${id} at ${head.slice(0, 7)}: deployment failed \\(reason: .+\\); redeploying commit ${head.slice(0, 7)}; nothing was sent or written$`,
      ),
    );

    const results = await runBatch(deployBatch, batchInput(h, [[PROJECT, 'deeploy-deploy']]));
    expect(results.map((r) => r.success)).toEqual([true]);
    expect(plain([results[0].terminalOutput])[0]).toContain(`updated deployment ${id} at ${head.slice(0, 7)}: deployment failed (reason: `);
    expect(h.writes().map((r) => r.method)).toEqual(['PATCH']);
  });
});
