import deployExecutor from './executor';
import { createHarness, plain, PROJECT, type Harness } from '../testing/harness';

/** Deploy and update of the deployment types whose bodies differ from KServe's, against the emulator. */
describe('deploy executor: bodies by deployment type, secrets and write timeouts', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const EXTERNAL = { deploymentType: 'External', url: 'https://models.example.com/churn', authentication: 'bearer', modelType: undefined };

  it('creates an External deployment with its secret from the environment, sent once and never printed or stored', async () => {
    h = await createHarness();
    h.setEnv({ DEEPLOY_EXTERNAL_SECRET: 'bearer-s3cret' });
    const options = { ...h.options('deeploy-deploy', EXTERNAL), modelType: undefined };
    const result = await deployExecutor(options, h.context());
    expect({ result, printed: plain(h.printed) }).toEqual({
      result: { success: true },
      printed: [`[${PROJECT}] created deployment ${h.deployments()[0].id} at ${h.repo.head().slice(0, 7)}`],
    });
    const [create] = h.writes();
    expect(create.body).toEqual({
      name: 'models-churn',
      deploymentType: 'External',
      repositoryId: h.deployments()[0].activeVersion.repositoryId,
      branchName: 'main',
      commit: h.repo.head(),
      contractPath: PROJECT,
      url: 'https://models.example.com/churn',
      authentication: 'bearer',
      password: 'bearer-s3cret',
    });
    expect(h.deployments()[0].deploymentType).toBe('External');
    expect(JSON.stringify(h.deployments())).not.toContain('bearer-s3cret');
    expect(plain(h.printed).join('\n')).not.toContain('bearer-s3cret');
    expect(JSON.stringify(h.reportOf())).not.toContain('bearer-s3cret');
  });

  it('Registration: creates with the base body, sends nothing on a re-run, and updates a new contract commit with the base body', async () => {
    h = await createHarness();
    h.repo.writeJson(`${PROJECT}/project.json`, {
      name: PROJECT,
      targets: { 'deeploy-deploy': { options: { deploymentType: 'Registration', approverUserIds: ['u1'] } } },
    });
    h.repo.commit('register the churn model');
    h.repo.push();
    const deploy = () => deployExecutor(h?.options('deeploy-deploy') ?? {}, h?.context() as never);
    expect(await deploy()).toEqual({ success: true });
    expect(Object.keys(h.writes()[0].body as object).sort()).toEqual([
      'approverUserIds',
      'branchName',
      'commit',
      'contractPath',
      'deploymentType',
      'name',
      'repositoryId',
    ]);
    expect(await deploy()).toEqual({ success: true });
    expect(h.writes()).toHaveLength(1);
    h.repo.write(`${PROJECT}/metadata.json`, '{"problemType": "regression"}\n');
    const head = h.repo.commit('describe the model');
    h.repo.push();
    expect(await deploy()).toEqual({ success: true });
    expect(h.writes()[1]).toMatchObject({ method: 'PATCH', body: { deploymentType: 'Registration', commit: head, approverUserIds: ['u1'] } });
    expect(Object.keys(h.writes()[1].body as object)).not.toContain('modelType');
  });

  it('refuses an External deployment whose secret is not in the environment, before any request', async () => {
    h = await createHarness();
    const options = { ...h.options('deeploy-deploy', { ...EXTERNAL, externalSecretEnv: 'CHURN_TOKEN' }), modelType: undefined };
    expect(await deployExecutor(options, h.context())).toEqual({ success: false });
    expect(h.requests()).toEqual([]);
    expect(plain(h.printed)).toEqual([
      `[${PROJECT}] deploy failed: bearer authentication of this External deployment needs its secret in the environment variable CHURN_TOKEN: set it there (or name another variable with "externalSecretEnv"); secrets are never read from options`,
    ]);
  });

  it('refuses an option of another type before any request, naming the types that take it', async () => {
    h = await createHarness();
    expect(await deployExecutor(h.options('deeploy-deploy', { deploymentType: 'AzureML', region: 'eu-west-1' }), h.context())).toEqual({ success: false });
    expect(h.requests()).toEqual([]);
    expect(plain(h.printed)[0]).toBe(
      `[${PROJECT}] deploy failed: ${PROJECT}/project.json or the command line at targets.deeploy-deploy.options.region: "region" is taken only by Sagemaker deployments, and this contract deploys as AzureML (deploymentType); remove it, or change deploymentType`,
    );
  });

  it('waits longer for a create than for a read: a create slower than requestTimeoutSeconds succeeds', async () => {
    h = await createHarness();
    h.emulator.setFaults({ slowReply: { count: 1, delayMs: 600, method: 'POST' } });
    expect(await deployExecutor(h.options('deeploy-deploy', { requestTimeoutSeconds: 0.2 }), h.context())).toEqual({ success: true });
    expect(h.deployments()).toHaveLength(1);
    expect(h.writes()).toHaveLength(1);
  });
});
