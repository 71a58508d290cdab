import { createServer } from 'node:net';
import { createDeeployClient } from './client';
import { deployedVersionOf, type CreateDeploymentBody } from './schemas';
import { emulatorAndClient, failureOf, type EmulatorAndClient } from './testing/emulator-client';

function createBody(env: EmulatorAndClient, name = 'churn'): CreateDeploymentBody {
  return { name, repositoryId: env.repositoryId, branchName: 'main', modelType: 2 };
}

/** The statuses the emulator sent, in order (null = no reply). */
function statuses(env: EmulatorAndClient): (number | null)[] {
  return env.emulator.requestLog().map((r) => r.status);
}

describe('client reliability under faults', () => {
  let env: EmulatorAndClient;
  beforeEach(async () => {
    env = await emulatorAndClient();
  });
  afterEach(() => env.stop());

  describe('429 Too Many Requests', () => {
    it('waits the Retry-After seconds, then succeeds', async () => {
      env.emulator.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 1 } });
      expect((await env.client.listDeployments()).deployments).toEqual([]);
      expect(statuses(env)).toEqual([429, 200]);
      expect(env.logLines).toEqual([
        `GET /workspaces/${env.workspaceId}/deployments: 429 Too Many Requests; retrying in 1000 ms (Retry-After) (attempt 2 of 5)`,
      ]);
    });

    it('honours Retry-After given as an HTTP date', async () => {
      env.emulator.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 1, retryAfterAs: 'date' } });
      expect(await env.client.listRepositories()).toHaveLength(1);
      expect(statuses(env)).toEqual([429, 200]);
      expect(env.logLines[0]).toMatch(/: 429 Too Many Requests; retrying in \d+ ms \(Retry-After\)/);
    });

    it('gives up at once when Retry-After is longer than allowed', async () => {
      env.emulator.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 60 } });
      const failure = await failureOf(env.client.listDeployments());
      expect(failure.message).toBe(
        `GET /workspaces/${env.workspaceId}/deployments failed: 429 Too Many Requests: Too Many Requests (the server asked to wait 60 s before retrying, more than the 2000 ms allowed (maxRetryAfterMs))`,
      );
      expect(statuses(env)).toEqual([429]);
    });

    it('re-sends a POST the server refused with 429, and creates it once', async () => {
      env.emulator.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 0, method: 'POST' } });
      await env.client.createDeployment(createBody(env));
      expect(statuses(env)).toEqual([429, 201]);
      expect((await env.client.listDeployments()).deployments).toHaveLength(1);
    });
  });

  it('rides out a 503 burst on GET', async () => {
    env.emulator.setFaults({ serverErrors: { count: 3, status: 503 } });
    expect((await env.client.listDeployments()).deployments).toEqual([]);
    expect(statuses(env)).toEqual([503, 503, 503, 200]);
  });

  it('stops after maxRetries, saying how many attempts were made', async () => {
    env.emulator.setFaults({ serverErrors: { count: 10, status: 502 } });
    const failure = await failureOf(env.client.listDeployments());
    expect(failure).toEqual({
      name: 'DeeployApiError',
      message: `GET /workspaces/${env.workspaceId}/deployments failed: 502 Bad Gateway: Bad Gateway (after 5 attempts)`,
    });
    expect(statuses(env)).toHaveLength(5);
  });

  it('retries a dropped connection on GET and on PATCH', async () => {
    const { id } = await env.client.createDeployment(createBody(env));
    env.emulator.clearLog();
    env.emulator.setFaults({ dropConnection: { count: 1, method: 'GET' } });
    expect((await env.client.getDeployment(id)).id).toBe(id);
    env.emulator.setFaults({ dropConnection: { count: 1, method: 'PATCH' } });
    const updated = await env.client.updateDeployment(id, { modelType: 1 });
    expect(deployedVersionOf(updated).modelType).toBe(1);
    expect(env.emulator.requestLog().map((r) => `${r.method} ${r.status}`)).toEqual(['GET null', 'GET 200', 'PATCH null', 'PATCH 200']);
  });

  it('re-sends a PATCH whose reply was lost: the same body sets the same values', async () => {
    const { id } = await env.client.createDeployment(createBody(env));
    env.emulator.setFaults({ loseReply: { count: 1, method: 'PATCH' } });
    const updated = await env.client.updateDeployment(id, { branchName: 'release' });
    expect(deployedVersionOf(updated).branchName).toBe('release');
  });

  it('times out a slow reply and ends within the retry budget', async () => {
    env.emulator.setFaults({ slowReply: { delayMs: 10_000, method: 'GET' } });
    const client = env.clientWith({ requestTimeoutMs: 100, maxRetries: 1 });
    const failure = await failureOf(client.listDeployments());
    expect(failure).toEqual({
      name: 'DeeployApiError',
      message: `GET /workspaces/${env.workspaceId}/deployments failed: no complete reply within 100 ms (after 2 attempts)`,
    });
    expect(statuses(env)).toHaveLength(2);
  });

  it('gives a write longer than a read: a create slower than the read timeout still succeeds', async () => {
    const client = env.clientWith({ requestTimeoutMs: 100, writeTimeoutMs: 3_000, maxRetries: 0 });
    env.emulator.setFaults({ slowReply: { count: 1, delayMs: 400, method: 'POST' } });
    const created = await client.createDeployment(createBody(env));
    env.emulator.setFaults({ slowReply: { count: 1, delayMs: 400, method: 'GET' } });
    const failure = await failureOf(client.getDeployment(created.id));
    expect(failure.message).toMatch(/no complete reply within 100 ms/);
  });

  it('stops at the overall deadline', async () => {
    env.emulator.setFaults({ slowReply: { delayMs: 10_000, method: 'GET' } });
    const client = env.clientWith({ requestTimeoutMs: 5_000, deadlineMs: 150, maxRetries: 10 });
    const failure = await failureOf(client.listDeployments());
    expect(failure.message).toMatch(
      /^GET \/workspaces\/[^ ]+\/deployments failed: no complete reply within \d+ ms \(gave up after 1 attempt: the 150 ms deadline would pass before the next one\)$/,
    );
  });

  describe('a POST is never re-sent blindly', () => {
    it('reports an outcome unknown when the reply of a stored create is lost; a lookup finds exactly one', async () => {
      env.emulator.setFaults({ loseReply: { count: 1, method: 'POST' } });
      const failure = await failureOf(env.client.createDeployment(createBody(env)));
      expect(failure.name).toBe('OutcomeUnknownError');
      // The socket is closed after the request was read: undici calls it a socket error (or a reset).
      expect(failure.message).toMatch(
        /^POST \/workspaces\/[^ ]+\/deployments: outcome unknown \(connection failed \((UND_ERR_SOCKET|ECONNRESET)\)\); it may have been applied, so look it up before sending it again$/,
      );
      expect(env.emulator.requestLog().filter((r) => r.method === 'POST')).toHaveLength(1);
      expect((await env.client.listDeployments()).deployments.map((d) => d.name)).toEqual(['churn']);
    });

    it('reports an outcome unknown for a 503 or a timeout after sending', async () => {
      env.emulator.setFaults({ serverErrors: { count: 1, status: 503, method: 'POST' } });
      expect((await failureOf(env.client.createDeployment(createBody(env, 'a')))).name).toBe('OutcomeUnknownError');

      env.emulator.setFaults({ slowReply: { count: 1, delayMs: 10_000, method: 'POST' } });
      const slow = env.clientWith({ writeTimeoutMs: 100 });
      const timedOut = await failureOf(slow.createDeployment(createBody(env, 'b')));
      expect(timedOut.message).toMatch(/: outcome unknown \(no complete reply within 100 ms\)/);
      expect(env.emulator.requestLog().filter((r) => r.method === 'POST')).toHaveLength(2);
    });

    it('reports an outcome unknown for an upload whose connection dropped', async () => {
      env.emulator.setFaults({ dropConnection: { count: 1, method: 'POST' } });
      const failure = await failureOf(
        env.client.uploadArtifact(env.repositoryId, {
          uploadId: '0d6f3c52-9a8e-4b1f-8c2d-3e4f5a6b7c8d',
          folderPath: 'm/model',
          fileName: 'model.bin',
          content: Buffer.from('x'),
        }),
      );
      expect(failure.name).toBe('OutcomeUnknownError');
      expect(env.emulator.requestLog()).toHaveLength(1);
    });
  });
});

it('retries a refused connection and names the error when the server never comes', async () => {
  // A port that was free a moment ago: nothing listens there.
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  const client = createDeeployClient({
    baseUrl: `http://127.0.0.1:${port}`,
    workspaceId: 'ws',
    auth: { kind: 'basic', accessKey: 'refused-access-key', secretKey: 'refused-secret-key' },
    maxRetries: 2,
    retryBaseDelayMs: 1,
  });
  try {
    expect(
      (await failureOf(client.createDeployment({ name: 'x', repositoryId: '0d6f3c52-9a8e-4b1f-8c2d-3e4f5a6b7c8d', branchName: 'main', modelType: 0 }))).message,
    ).toBe('POST /workspaces/ws/deployments failed: connection failed (ECONNREFUSED) (after 3 attempts)');
  } finally {
    await client.close();
  }
});
