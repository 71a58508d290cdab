import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { createDeeployClient } from './client';
import { PagingMemory } from './deployment-listing';
import { deployedVersionOf, type CreateBodyOf, type CreateDeploymentBody } from './schemas';
import { emulatorAndClient, failureOf, type EmulatorAndClient } from './testing/emulator-client';

const SHA = 'a'.repeat(40);

function createBody(env: EmulatorAndClient, overrides: Partial<CreateBodyOf<'KServe'>> = {}): CreateBodyOf<'KServe'> {
  return { name: 'churn', repositoryId: env.repositoryId, branchName: 'main', modelType: 2, contractPath: 'models/churn', commit: SHA, ...overrides };
}

describe('the Deeploy client against the emulator', () => {
  let env: EmulatorAndClient;
  beforeEach(async () => {
    env = await emulatorAndClient();
  });
  afterEach(() => env.stop());

  it('lists and reads repositories', async () => {
    const repositories = await env.client.listRepositories();
    expect(repositories).toEqual([expect.objectContaining({ id: env.repositoryId, name: 'models', remotePath: 'git@github.com:acme/models.git' })]);
    expect((await env.client.getRepository(env.repositoryId)).remotePath).toBe('git@github.com:acme/models.git');
  });

  it('creates a deployment, sending exactly the fields given (no nulls, no empty objects)', async () => {
    const body = createBody(env, {
      description: 'churn model',
      deploymentType: 'KServe',
      explainerType: 4,
      transformerType: 1,
      modelFrameworkVersion: '1.5',
      explainerFrameworkVersion: '0.9',
      modelServerless: false,
      modelInstanceType: 'm5.large',
      modelMemRequest: 256,
      modelMemLimit: 512,
      modelCpuRequest: 0.5,
      modelCpuLimit: 1,
      modelGpuRequest: 0,
      modelBlobCredentialsId: 'blob-cred',
      modelDockerCredentialsId: 'docker-cred',
      modelEnvironmentVariableIds: ['env-1'],
      modelArgs: { workers: 2 },
      explainerMemLimit: 256,
      transformerCpuLimit: 0.25,
      transformerArgs: {},
      useCaseId: randomUUID(),
      messageToApprovers: 'please',
    });
    const created = await env.client.createDeployment(body);
    const { transformerArgs: _empty, ...sent } = body;
    expect(env.emulator.requestLog()[0].body).toEqual(sent);
    expect(created).toMatchObject({ name: 'churn', description: 'churn model', status: 1, workspaceId: env.workspaceId });
    expect(deployedVersionOf(created)).toEqual({
      repositoryId: env.repositoryId,
      branchName: 'main',
      commit: SHA,
      contractPath: 'models/churn',
      modelType: 2,
      explainerType: 4,
      transformerType: 1,
    });
    expect(await env.client.getDeployment(created.id)).toEqual(created);
  });

  it('updates with a partial PATCH and renames through /description (a wrapped reply)', async () => {
    const { id } = await env.client.createDeployment(createBody(env));
    const updated = await env.client.updateDeployment(id, { modelType: 1, commit: 'b'.repeat(40), modelMemLimit: 1024 });
    expect(deployedVersionOf(updated)).toMatchObject({ modelType: 1, commit: 'b'.repeat(40), contractPath: 'models/churn' });
    expect(env.emulator.requestLog()[1]).toMatchObject({ method: 'PATCH', body: { modelType: 1, commit: 'b'.repeat(40), modelMemLimit: 1024 } });

    const renamed = await env.client.updateDescription(id, { name: 'churn-v2', description: 'second' });
    expect(renamed).toMatchObject({ id, name: 'churn-v2', description: 'second' });
    expect(env.emulator.requestLog()[2]).toMatchObject({
      method: 'PATCH',
      path: `/workspaces/${env.workspaceId}/deployments/${id}/description`,
      body: { name: 'churn-v2', description: 'second' },
    });
  });

  it('lists deployments from a bare array', async () => {
    await env.client.createDeployment(createBody(env, { name: 'a' }));
    await env.client.createDeployment(createBody(env, { name: 'b' }));
    expect((await env.client.listDeployments()).deployments.map((d) => d.name)).toEqual(['a', 'b']);
  });

  it('uploads an artifact as multipart with the upload id and folder in the query', async () => {
    const uploadId = randomUUID();
    const { referencePath } = await env.client.uploadArtifact(env.repositoryId, {
      uploadId,
      folderPath: 'models/churn/model',
      fileName: 'model.joblib',
      content: Buffer.from('weights'),
    });
    expect(referencePath).toBe(`s3://deeploy-emulator/${env.workspaceId}/${env.repositoryId}/${uploadId}/models/churn/model/model.joblib`);
    const [request] = env.emulator.requestLog();
    expect(request.query).toEqual({ commitSha: uploadId, folderPath: 'models/churn/model' });
    expect(request.body).toEqual({ fields: {}, files: [expect.objectContaining({ field: 'file', fileName: 'model.joblib', size: 7 })] });
  });

  it('uses an injected dispatcher and leaves it open on close', async () => {
    const agent = new Agent();
    try {
      const client = env.clientWith({ dispatcher: agent });
      await client.listDeployments();
      await client.close();
      expect(agent.closed).toBe(false);
      expect((await env.clientWith({ dispatcher: agent }).listDeployments()).deployments).toEqual([]);
    } finally {
      await agent.close();
    }
  });

  it('sends the team-id and organization-id headers when set', async () => {
    const client = env.clientWith({ teamId: 'team-7', organizationId: 'org-9' });
    await client.listDeployments();
    expect(env.emulator.requestLog()[0].headers).toMatchObject({ 'team-id': 'team-7', 'organization-id': 'org-9' });
  });

  describe('with only a token', () => {
    it('reads deployments with Bearer auth', async () => {
      const { id } = await env.client.createDeployment(createBody(env));
      const reader = env.clientWith({ auth: { kind: 'bearer', token: 'emulator-token' } });
      expect((await reader.listDeployments()).deployments.map((d) => d.id)).toEqual([id]);
      expect((await reader.getDeployment(id)).id).toBe(id);
      // The list is two requests: the first page, and the second that shows there is no more.
      expect(
        env.emulator
          .requestLog()
          .slice(1)
          .map((r) => r.auth),
      ).toEqual(['bearer', 'bearer', 'bearer']);
    });

    it('refuses the calls that need a personal key pair, sending nothing', async () => {
      const reader = env.clientWith({ auth: { kind: 'bearer', token: 'emulator-token' } });
      const calls = [
        reader.listRepositories(),
        reader.getRepository(env.repositoryId),
        reader.createDeployment(createBody(env)),
        reader.updateDeployment('x', { modelType: 1 }),
        reader.updateDescription('x', { name: 'y' }),
        reader.uploadArtifact(env.repositoryId, { uploadId: randomUUID(), folderPath: 'm', fileName: 'f', content: Buffer.from('') }),
      ];
      for (const failure of await Promise.all(calls.map(failureOf))) {
        expect(failure.name).toBe('DeeployConfigError');
        expect(failure.message).toMatch(
          /needs a personal key pair, but only a token is configured; use a personal key pair: set DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY$/,
        );
      }
      expect(env.emulator.requestLog()).toEqual([]);
    });
  });

  describe('errors', () => {
    it('carries method, path, status and the JSON message', async () => {
      await env.client.createDeployment(createBody(env));
      const conflict = await failureOf(env.client.createDeployment(createBody(env)));
      expect(conflict).toEqual({
        name: 'DeeployApiError',
        message: `POST /workspaces/${env.workspaceId}/deployments failed: 409 Conflict: A deployment named "churn" already exists in this workspace`,
      });
      const missing = await failureOf(env.client.updateDeployment('4e0a2b61-0000-4000-8000-000000000000', { modelType: 1 }));
      expect(missing.message).toBe(
        `PATCH /workspaces/${env.workspaceId}/deployments/4e0a2b61-0000-4000-8000-000000000000 failed: 404 Not Found: Deployment does not exist`,
      );
    });

    it('reads a non-JSON (HTML) error body', async () => {
      env.emulator.setFaults({
        serverErrors: { count: 1, status: 500, body: '<html><head><title>Oops</title></head><body>\n  <h1>Internal   error</h1></body></html>' },
      });
      const failure = await failureOf(env.client.listDeployments());
      expect(failure.message).toBe(`GET /workspaces/${env.workspaceId}/deployments failed: 500 Internal Server Error: Oops Internal error`);
      expect(env.emulator.requestLog()).toHaveLength(1);
    });

    it('says 401 Unauthorized for wrong keys', async () => {
      const wrong = env.clientWith({ auth: { kind: 'basic', accessKey: 'emulator-access-key', secretKey: 'wrong' } });
      expect((await failureOf(wrong.listRepositories())).message).toBe(
        `GET /workspaces/${env.workspaceId}/repositories failed: 401 Unauthorized: Unauthorized`,
      );
    });

    it('refuses an invalid body before sending it', async () => {
      const typo = await failureOf(env.client.createDeployment({ ...createBody(env), commitMassage: 'x' } as unknown as CreateDeploymentBody));
      expect(typo).toEqual({
        name: 'DeeployConfigError',
        message: 'createDeployment: unknown field commitMassage: fix the spelling or remove it; nothing was sent',
      });
      const badType = await failureOf(env.client.updateDeployment('x', { modelType: 42 }));
      expect(badType.message).toMatch(/^updateDeployment: field modelType must be a ModelType wire value \(0 = TENSORFLOW, 1 = PYTORCH/);
      const badPath = await failureOf(env.client.createDeployment(createBody(env, { contractPath: './models/churn/' })));
      expect(badPath.message).toBe('createDeployment: field contractPath must be written as "models/churn"; nothing was sent');
      expect(env.emulator.requestLog()).toEqual([]);
    });
  });
});

describe('list shapes and prefixes', () => {
  let env: EmulatorAndClient | undefined;
  afterEach(() => env?.stop());

  it.each([
    ['pages under a cap, bare (the default)', {}, 'pages'],
    ['items with totals', { dialect: { paging: 'items', totals: true, pageCap: 2 } }, 'items'],
    ['no paging', { dialect: 'classic' }, 'unpaged'],
  ] as const)('reads the whole list of a server paging by %s', async (_label, options, convention) => {
    env = await emulatorAndClient(options, { pagingMemory: new PagingMemory() });
    const names = Array.from({ length: 23 }, (_, i) => `d${i}`);
    for (const name of names) await env.client.createDeployment(createBody(env, { name }));
    const listing = await env.client.listDeployments();
    expect(listing.deployments.map((d) => d.name)).toEqual(names);
    expect(listing).toMatchObject({ complete: true, paging: { convention } });
  });

  it('talks to a server under an API prefix and copes without activeVersion', async () => {
    env = await emulatorAndClient({ apiPrefix: '/v2', dialect: { versionsInGet: 'absent' } });
    const created = await env.client.createDeployment(createBody(env));
    expect(env.emulator.requestLog()[0].path).toBe(`/v2/workspaces/${env.workspaceId}/deployments`);
    expect(created.activeVersion).toBeUndefined();
    expect(deployedVersionOf(created)).toEqual({});
  });
});

it('does not call a list complete when the server ignores offset and its total says there is more', async () => {
  // A real loopback server that claims more items than it ever returns.
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ data: [{ id: 'd1' }, { id: 'd2' }], total: 5 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = createDeeployClient({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    workspaceId: 'ws',
    auth: { kind: 'bearer', token: 'paging-test-token' },
  });
  try {
    const listing = await client.listDeployments();
    expect(listing.deployments.map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(listing).toMatchObject({ complete: false, incomplete: 'it ignores "offset" and its total (5) is more than the 2 items it sends' });
    expect(requests).toEqual(['/workspaces/ws/deployments?offset=0&limit=100', '/workspaces/ws/deployments?offset=1&limit=100']);
  } finally {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  }
});
