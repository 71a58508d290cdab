import deployExecutor from './executor';
import { createHarness, plain, PROJECT, REPOSITORY_ID, type Harness } from '../testing/harness';

describe('deploy executor against the emulator and a real git repository', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  const deploy = (flags: Record<string, unknown> = {}) => deployExecutor(h.options('deeploy-deploy', flags), h.context());
  const commitAndPush = (message: string) => {
    const sha = h.repo.commit(message);
    h.repo.push();
    return sha;
  };

  it('creates the deployment of a new contract at the pushed commit, and reports it', async () => {
    const head = h.repo.head();
    expect(await deploy()).toEqual({ success: true });

    const [deployment] = h.deployments();
    expect(h.deployments()).toHaveLength(1);
    expect(deployment).toMatchObject({ name: 'models-churn', deploymentType: 'KServe' });
    expect(deployment.activeVersion).toMatchObject({
      repositoryId: REPOSITORY_ID,
      branchName: 'main',
      commit: head,
      contractPath: PROJECT,
      modelType: 2,
      explainerType: 0,
      transformerType: 0,
    });
    expect(plain(h.printed)).toEqual([`[${PROJECT}] created deployment ${deployment.id} at ${head.slice(0, 7)}`]);
    expect(h.reportOf()).toMatchObject({
      project: PROJECT,
      target: 'deploy',
      action: 'create',
      outcome: 'success',
      deploymentId: deployment.id,
      commit: head,
      branch: 'main',
    });
  });

  it('does nothing on a re-run: no request that writes', async () => {
    await deploy();
    h.emulator.clearLog();
    h.printed.length = 0;
    expect(await deploy()).toEqual({ success: true });
    expect(h.writes()).toEqual([]);
    // Under the default dialect: the list's first page, its second (empty: there is no more), and
    // the deployment read by id, because the list gives its version as an id.
    const { workspaceId, id } = h.deployments()[0];
    expect(h.requests().map((r) => `${r.method} ${r.path}${r.query.offset ? `?offset=${r.query.offset}` : ''}`)).toEqual([
      `GET /workspaces/${workspaceId}/repositories`,
      `GET /workspaces/${workspaceId}/deployments?offset=0`,
      `GET /workspaces/${workspaceId}/deployments?offset=1`,
      `GET /workspaces/${workspaceId}/deployments/${id}`,
    ]);
    expect(plain(h.printed)[0]).toMatch(/^\[models\/churn\] already deployed: deployment \S+ is up to date \(it runs commit [0-9a-f]{7}\)$/);
    expect(h.reportOf()).toMatchObject({ action: 'skip', outcome: 'success' });
  });

  it('skips a new commit that does not touch the contract, and updates when the reference changes', async () => {
    await deploy();
    const id = h.deployments()[0].id;
    h.repo.write('README.md', 'unrelated\n');
    commitAndPush('docs');
    h.emulator.clearLog();
    await deploy();
    expect(h.writes()).toEqual([]);

    h.repo.writeJson(`${PROJECT}/model/reference.json`, { reference: { blob: { url: 's3://acme-models/churn/v2' } } });
    const head = commitAndPush('model v2');
    h.emulator.clearLog();
    h.printed.length = 0;
    expect(await deploy()).toEqual({ success: true });
    expect(h.writes().map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /workspaces/${h.deployments()[0].workspaceId}/deployments/${id}`]);
    expect(h.writes()[0].body).toMatchObject({ commit: head, contractPath: PROJECT, modelType: 2 });
    expect(h.deployments()).toHaveLength(1);
    expect(h.deployments()[0].activeVersion.commit).toBe(head);
    expect(plain(h.printed)[0]).toMatch(
      new RegExp(`^\\[models/churn\\] updated deployment ${id} at ${head.slice(0, 7)}: commit \\([0-9a-f]{7} → ${head.slice(0, 7)}\\)$`),
    );
    expect(h.reportOf()).toMatchObject({ action: 'update', changedFields: ['commit'] });
  });

  it('sends a changed name to /description, without redeploying', async () => {
    await deploy();
    const id = h.deployments()[0].id;
    h.repo.writeJson(`${PROJECT}/project.json`, {
      name: PROJECT,
      targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN', name: 'churn', description: 'Churn model' } } },
    });
    commitAndPush('rename');
    h.emulator.clearLog();
    expect(await deploy()).toEqual({ success: true });
    expect(h.writes().map((r) => [r.method, r.path, r.body])).toEqual([
      ['PATCH', `/workspaces/${h.deployments()[0].workspaceId}/deployments/${id}/description`, { name: 'churn', description: 'Churn model' }],
    ]);
    expect(h.deployments()[0]).toMatchObject({ name: 'churn', description: 'Churn model' });
  });

  it('redeploys a changed sizing setting in project.json, and anything with --force', async () => {
    await deploy();
    h.repo.writeJson(`${PROJECT}/project.json`, { name: PROJECT, targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN', modelMemLimit: 2048 } } } });
    commitAndPush('more memory');
    h.emulator.clearLog();
    await deploy();
    expect(h.writes().map((r) => r.body)).toEqual([expect.objectContaining({ modelMemLimit: 2048 })]);
    h.emulator.clearLog();
    await deploy({ force: true });
    expect(h.writes()).toHaveLength(1);
    expect(h.reportOf()).toMatchObject({ action: 'update', changedFields: ['force'] });
  });

  it('creates exactly one deployment when the reply to the create is lost', async () => {
    h.emulator.setFaults({ loseReply: { method: 'POST', path: '/deployments$', count: 1 } });
    expect(await deploy()).toEqual({ success: true });
    expect(h.deployments()).toHaveLength(1);
    expect(h.writes().filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(plain(h.printed).join('\n')).toContain(`created deployment ${h.deployments()[0].id}`);
    expect(plain(h.printed).join('\n')).toContain('its reply was lost; found it in Deeploy');
    // And the next run sees it as deployed.
    expect(await deploy()).toEqual({ success: true });
    expect(h.deployments()).toHaveLength(1);
  });
});
