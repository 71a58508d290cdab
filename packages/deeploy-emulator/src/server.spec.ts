import { defaultSeed, DEFAULT_REPOSITORY_ID, DEFAULT_WORKSPACE_ID } from './seed';
import { startEmulator, type RunningEmulator } from './server';
import { DEPLOYMENT_STATUS } from './status';
import { BASIC, BEARER, call } from './testing/http';

const WS = `/workspaces/${DEFAULT_WORKSPACE_ID}`;
const createBody = { name: 'churn', repositoryId: DEFAULT_REPOSITORY_ID, branchName: 'main', modelType: 2, contractPath: 'models/churn' };

describe('the emulated Deeploy API', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    // The first guesses' dialect: these tests pin its shapes; dialect.spec.ts covers the others.
    emulator = await startEmulator({ readyDelayMs: 0, dialect: 'classic' });
  });
  afterEach(() => emulator.stop());

  describe('authentication', () => {
    it('answers 401 without credentials or with a wrong key pair', async () => {
      expect((await call(emulator.url, 'GET', `${WS}/repositories`, { authorization: null })).status).toBe(401);
      const wrong = `Basic ${Buffer.from('emulator-access-key:wrong').toString('base64')}`;
      const answer = await call(emulator.url, 'GET', `${WS}/repositories`, { authorization: wrong });
      expect(answer.status).toBe(401);
      expect(answer.body.message).toBe('Unauthorized');
    });

    it('lets a token read deployments but not repositories or writes', async () => {
      expect((await call(emulator.url, 'GET', `${WS}/deployments`, { authorization: BEARER })).status).toBe(200);
      const repositories = await call(emulator.url, 'GET', `${WS}/repositories`, { authorization: BEARER });
      expect(repositories.status).toBe(403);
      expect(repositories.body.message).toMatch(/personal key pair/);
      expect((await call(emulator.url, 'POST', `${WS}/deployments`, { authorization: BEARER, json: createBody })).status).toBe(403);
      expect((await call(emulator.url, 'GET', `${WS}/deployments`, { authorization: 'Bearer not-a-token' })).status).toBe(401);
    });
  });

  it('lists workspaces and repositories with the seeded remotePath', async () => {
    const workspaces = await call(emulator.url, 'GET', '/workspaces');
    expect(workspaces.body).toEqual([expect.objectContaining({ id: DEFAULT_WORKSPACE_ID, name: 'emulator' })]);
    expect((await call(emulator.url, 'GET', WS)).body.id).toBe(DEFAULT_WORKSPACE_ID);

    const repositories = await call(emulator.url, 'GET', `${WS}/repositories`);
    expect(repositories.status).toBe(200);
    expect(repositories.body).toEqual([
      expect.objectContaining({
        id: DEFAULT_REPOSITORY_ID,
        name: 'models',
        remotePath: defaultSeed().workspaces[0].repositories[0].remotePath,
        status: 1,
        workspaceId: DEFAULT_WORKSPACE_ID,
      }),
    ]);
    expect((await call(emulator.url, 'GET', `${WS}/repositories/${DEFAULT_REPOSITORY_ID}`)).body.name).toBe('models');
  });

  it('answers 404 with a JSON message for an unknown workspace, repository, deployment or path', async () => {
    const workspace = await call(emulator.url, 'GET', '/workspaces/00000000-0000-4000-8000-000000000000/deployments');
    expect(workspace).toMatchObject({ status: 404, body: { message: 'Workspace does not exist' } });
    expect((await call(emulator.url, 'GET', `${WS}/repositories/nope`)).status).toBe(404);
    expect(await call(emulator.url, 'GET', `${WS}/deployments/nope`)).toMatchObject({ status: 404, body: { message: 'Deployment does not exist' } });
    expect((await call(emulator.url, 'PUT', `${WS}/deployments/nope`, { json: {} })).status).toBe(404);
  });

  describe('create', () => {
    it('stores the deployment and returns it unwrapped with status, publicURL and activeVersion', async () => {
      const created = await call(emulator.url, 'POST', `${WS}/deployments`, {
        json: { ...createBody, description: 'd', explainerType: 4, modelMemLimit: 512, modelArgs: { a: 1 } },
      });
      expect(created.status).toBe(201);
      const deployment = created.body;
      expect(deployment).toMatchObject({
        name: 'churn',
        description: 'd',
        workspaceId: DEFAULT_WORKSPACE_ID,
        deploymentType: 'KServe',
        riskClassification: 'unclassified',
        status: DEPLOYMENT_STATUS.RUNNING,
        publicURL: `${emulator.url}${WS}/deployments/${deployment.id}/predict`,
        activeVersion: {
          repositoryId: DEFAULT_REPOSITORY_ID,
          branchName: 'main',
          contractPath: 'models/churn',
          modelType: 2,
          explainerType: 4,
          transformerType: 0,
          modelMemLimit: 512,
          modelArgs: { a: 1 },
        },
      });
      expect(deployment.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof deployment.createdAt).toBe('string');
      expect((await call(emulator.url, 'GET', `${WS}/deployments/${deployment.id}`)).body).toEqual(deployment);
    });

    it.each([
      [{ ...createBody, name: undefined }, 'name is required'],
      [{ ...createBody, modelType: undefined }, 'modelType is required'],
      [{ ...createBody, modelType: 'PYTORCH' }, 'modelType must be an integer number'],
      [{ ...createBody, modelType: 42 }, 'modelType must be one of the integers 0 to 10'],
      [{ ...createBody, commitMassage: 'typo' }, 'property commitMassage should not exist'],
      [{ ...createBody, description: null }, 'description must be a string'],
      [{ ...createBody, contractPath: '../outside' }, 'contractPath must be a relative path'],
      [{ ...createBody, deploymentType: 'SageMaker' }, 'deploymentType must be one of'],
      [{ ...createBody, repositoryId: '00000000-0000-4000-8000-000000000000' }, 'does not exist in this workspace'],
    ])('refuses a bad body with 400 and a message (%#)', async (body, message) => {
      const answer = await call(emulator.url, 'POST', `${WS}/deployments`, { json: body });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain(message);
      expect(emulator.state().workspaces[0].deployments).toHaveLength(0);
    });

    it('answers 409 for a second deployment with the same name', async () => {
      expect((await call(emulator.url, 'POST', `${WS}/deployments`, { json: createBody })).status).toBe(201);
      const again = await call(emulator.url, 'POST', `${WS}/deployments`, { json: createBody });
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/already exists/);
    });

    it('accepts a second deployment with the same name when told to, as a server without unique names', async () => {
      await emulator.stop();
      emulator = await startEmulator({ readyDelayMs: 0, allowDuplicateNames: true });
      expect((await call(emulator.url, 'POST', `${WS}/deployments`, { json: createBody })).status).toBe(201);
      expect((await call(emulator.url, 'POST', `${WS}/deployments`, { json: createBody })).status).toBe(201);
      expect(emulator.state().workspaces[0].deployments.map((d) => d.name)).toEqual(['churn', 'churn']);
    });
  });

  it('updates with PATCH (partial body) and refuses name/description there', async () => {
    const { id } = (await call(emulator.url, 'POST', `${WS}/deployments`, { json: createBody })).body;
    const updated = await call(emulator.url, 'PATCH', `${WS}/deployments/${id}`, { json: { modelType: 1, contractPath: 'models/other' } });
    expect(updated.status).toBe(200);
    expect(updated.body.activeVersion).toMatchObject({ modelType: 1, contractPath: 'models/other', branchName: 'main' });
    const named = await call(emulator.url, 'PATCH', `${WS}/deployments/${id}`, { json: { name: 'x' } });
    expect(named.status).toBe(400);
    expect(named.body.message).toMatch(/PATCH \.\.\.\/description/);
  });

  it('changes name and description through /description, wrapped in {data}', async () => {
    const { id } = (await call(emulator.url, 'POST', `${WS}/deployments`, { json: createBody })).body;
    const answer = await call(emulator.url, 'PATCH', `${WS}/deployments/${id}/description`, { json: { name: 'renamed', description: 'new words' } });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({ id, name: 'renamed', description: 'new words' });
  });

  it('lists deployments as a bare array by default', async () => {
    await call(emulator.url, 'POST', `${WS}/deployments`, { json: createBody });
    const list = await call(emulator.url, 'GET', `${WS}/deployments`);
    expect(Array.isArray(list.body)).toBe(true);
    expect(list.body.map((d: { name: string }) => d.name)).toEqual(['churn']);
  });

  it('accepts a multipart upload and answers the reference path', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('model bytes')]), 'model.joblib');
    const uploadId = '5b1d2f0e-8c3a-4e7b-9d6f-1a2b3c4d5e6f';
    const answer = await call(emulator.url, 'POST', `${WS}/repositories/${DEFAULT_REPOSITORY_ID}/upload?commitSha=${uploadId}&folderPath=models/churn/model`, {
      body: form,
    });
    expect(answer.status).toBe(201);
    expect(answer.body.data.referencePath).toBe(
      `s3://deeploy-emulator/${DEFAULT_WORKSPACE_ID}/${DEFAULT_REPOSITORY_ID}/${uploadId}/models/churn/model/model.joblib`,
    );
    expect(emulator.state().workspaces[0].uploads).toEqual([expect.objectContaining({ fileName: 'model.joblib', size: 11, folderPath: 'models/churn/model' })]);

    const noUuid = await call(emulator.url, 'POST', `${WS}/repositories/${DEFAULT_REPOSITORY_ID}/upload?commitSha=abc&folderPath=m`, { body: form });
    expect(noUuid.status).toBe(400);
    expect(noUuid.body.message).toMatch(/commitSha must be a UUID/);
    const notMultipart = await call(emulator.url, 'POST', `${WS}/repositories/${DEFAULT_REPOSITORY_ID}/upload?commitSha=${uploadId}&folderPath=m`, {
      json: {},
    });
    expect(notMultipart.body.message).toMatch(/multipart\/form-data/);
  });

  it('logs requests without the Authorization header and clears the log on demand', async () => {
    await call(emulator.url, 'POST', `${WS}/deployments`, { json: createBody, headers: { 'team-id': 'team-1' } });
    const [entry] = emulator.requestLog();
    expect(entry).toMatchObject({ method: 'POST', path: `${WS}/deployments`, status: 201, auth: 'basic', body: createBody });
    expect(entry.headers['team-id']).toBe('team-1');
    expect(JSON.stringify(entry)).not.toContain(BASIC.slice('Basic '.length));
    expect(entry.headers.authorization).toBeUndefined();

    const overHttp = await call(emulator.url, 'GET', '/__emulator/requests', { authorization: null });
    expect(overHttp.body).toHaveLength(1);
    expect((await call(emulator.url, 'DELETE', '/__emulator/requests', { authorization: null })).status).toBe(204);
    expect(emulator.requestLog()).toEqual([]);
    emulator.clearLog();
  });

  it('serves the state over the admin API', async () => {
    await call(emulator.url, 'POST', `${WS}/deployments`, { json: createBody });
    const state = await call(emulator.url, 'GET', '/__emulator/state', { authorization: null });
    expect(state.body.workspaces[0].deployments[0].name).toBe('churn');
    expect(emulator.requestLog().some((r) => r.path.startsWith('/__emulator'))).toBe(false);
  });
});

describe('emulator options', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(() => emulator?.stop());

  it('serves under an API prefix', async () => {
    emulator = await startEmulator({ apiPrefix: '/v2', readyDelayMs: 0 });
    expect((await call(emulator.url, 'GET', `${WS}/deployments`)).status).toBe(404);
    const created = await call(emulator.url, 'POST', `/v2${WS}/deployments`, { json: createBody });
    expect(created.status).toBe(201);
    expect(created.body.publicUrl).toBe(`${emulator.url}/v2${WS}/deployments/${created.body.id}/predict`);
  });

  it('stays pending until the ready delay has passed', async () => {
    emulator = await startEmulator({ readyDelayMs: 60_000, dialect: 'classic' });
    const created = await call(emulator.url, 'POST', `${WS}/deployments`, { json: createBody });
    expect(created.body.status).toBe(DEPLOYMENT_STATUS.PENDING);
    expect((await call(emulator.url, 'GET', `${WS}/deployments/${created.body.id}`)).body.status).toBe(DEPLOYMENT_STATUS.PENDING);
  });

  it('refuses a seed without credentials', async () => {
    await expect(startEmulator({ seed: { workspaces: [] } as never })).rejects.toThrow(
      'seed: "credentials" must hold non-empty "accessKey" and "secretKey" strings',
    );
  });
});
