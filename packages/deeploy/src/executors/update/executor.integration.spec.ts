import deployExecutor from '../deploy/executor';
import { createHarness, plain, PROJECT, WORKSPACE_ID, type Harness } from '../testing/harness';
import updateExecutor from './executor';

describe('update executor against the emulator and a real git repository', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  const update = (flags: Record<string, unknown> = {}) => updateExecutor(h.options('deeploy-update', flags), h.context(PROJECT, 'deeploy-update'));

  it('fails clearly when the contract has no deployment yet, creating nothing', async () => {
    expect(await update()).toEqual({ success: false });
    expect(h.writes()).toEqual([]);
    expect(h.deployments()).toEqual([]);
    expect(plain(h.printed)).toEqual([
      `[${PROJECT}] update failed: no deployment of the contract "${PROJECT}" in repository models exists yet: run nx run ${PROJECT}:deeploy-deploy first to create it`,
    ]);
    expect(h.reportOf()).toMatchObject({ target: 'update', action: 'none', outcome: 'failure' });
  });

  it('updates the existing deployment with the deploy target’s settings, and names the update target in its report', async () => {
    await deployExecutor(h.options('deeploy-deploy'), h.context());
    const id = h.deployments()[0].id;
    h.repo.writeJson(`${PROJECT}/model/reference.json`, { reference: { blob: { url: 's3://acme-models/churn/v9' } } });
    const head = h.repo.commit('model v9');
    h.repo.push();
    h.emulator.clearLog();
    h.printed.length = 0;

    // modelType is only in the deploy target's options: update falls back to them.
    expect(await update()).toEqual({ success: true });
    expect(h.writes().map((r) => [r.method, r.path])).toEqual([['PATCH', `/workspaces/${h.deployments()[0].workspaceId}/deployments/${id}`]]);
    expect(h.writes()[0].body).toMatchObject({ commit: head, modelType: 2 });
    expect(plain(h.printed)[0]).toMatch(new RegExp(`^\\[models/churn\\] updated deployment ${id} at ${head.slice(0, 7)}: commit`));
    expect(h.reportOf()).toMatchObject({ target: 'update', action: 'update', deploymentId: id });
  });

  it('uses an explicit deploymentId, and says so when it does not exist', async () => {
    expect(await update({ deploymentId: 'no-such-deployment' })).toEqual({ success: false });
    expect(plain(h.printed)[0]).toBe(
      `[${PROJECT}] update failed: deploymentId "no-such-deployment" (${PROJECT}/project.json or the command line at targets.deeploy-update.options.deploymentId) is not a deployment of workspace ${WORKSPACE_ID}: fix it, or remove it to find the deployment by repository and contract path`,
    );
  });
});
