import { faultPlanProblem } from './faults';
import { DEFAULT_REPOSITORY_ID, DEFAULT_WORKSPACE_ID } from './seed';
import { startEmulator, type RunningEmulator } from './server';
import { call } from './testing/http';

const WS = `/workspaces/${DEFAULT_WORKSPACE_ID}`;
const createBody = { name: 'churn', repositoryId: DEFAULT_REPOSITORY_ID, branchName: 'main', modelType: 2 };

describe('fault injection', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ readyDelayMs: 0 });
  });
  afterEach(() => emulator.stop());

  it('answers 429 with Retry-After in seconds for the next N matching requests only', async () => {
    emulator.setFaults({ rateLimit: { count: 2, retryAfterSeconds: 7, method: 'GET', path: '/deployments$' } });
    expect((await call(emulator.url, 'GET', `${WS}/repositories`)).status).toBe(200);
    const limited = await call(emulator.url, 'GET', `${WS}/deployments`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await call(emulator.url, 'GET', `${WS}/deployments`)).status).toBe(429);
    expect((await call(emulator.url, 'GET', `${WS}/deployments`)).status).toBe(200);
    expect(emulator.requestLog().map((r) => [r.status, r.fault])).toEqual([
      [200, undefined],
      [429, 'rateLimit'],
      [429, 'rateLimit'],
      [200, undefined],
    ]);
  });

  it('sends Retry-After as an HTTP date when asked', async () => {
    emulator.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 30, retryAfterAs: 'date' } });
    const limited = await call(emulator.url, 'GET', `${WS}/deployments`);
    const retryAt = Date.parse(limited.headers.get('retry-after') ?? '');
    expect(retryAt).toBeGreaterThan(Date.now() + 20_000);
  });

  it('answers a burst of 5xx, with a non-JSON body when given one', async () => {
    emulator.setFaults({ serverErrors: { count: 1, status: 502, body: '<html><body>Bad gateway</body></html>' } });
    const gateway = await call(emulator.url, 'GET', `${WS}/deployments`);
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toMatch(/text\/html/);
    expect(gateway.body).toBe('<html><body>Bad gateway</body></html>');
    expect((await call(emulator.url, 'GET', `${WS}/deployments`)).status).toBe(200);
  });

  it('drops the connection before handling: nothing is stored', async () => {
    emulator.setFaults({ dropConnection: { count: 1, method: 'POST' } });
    await expect(call(emulator.url, 'POST', `${WS}/deployments`, { json: createBody })).rejects.toThrow();
    expect(emulator.state().workspaces[0].deployments).toHaveLength(0);
    expect(emulator.requestLog()[0]).toMatchObject({ status: null, fault: 'dropConnection' });
  });

  it('loses the reply of a create that was stored', async () => {
    emulator.setFaults({ loseReply: { count: 1, method: 'POST', path: '/deployments$' } });
    await expect(call(emulator.url, 'POST', `${WS}/deployments`, { json: createBody })).rejects.toThrow();
    expect(emulator.state().workspaces[0].deployments.map((d) => d.name)).toEqual(['churn']);
    expect(emulator.requestLog()[0]).toMatchObject({ status: null, fault: 'loseReply' });
  });

  it('is configured over the admin API too, and refuses a bad plan with 400', async () => {
    const put = await call(emulator.url, 'PUT', '/__emulator/faults', { authorization: null, json: { serverErrors: { count: 1 } } });
    expect(put).toMatchObject({ status: 200, body: { serverErrors: { count: 1 } } });
    expect((await call(emulator.url, 'GET', `${WS}/deployments`)).status).toBe(503);
    expect((await call(emulator.url, 'GET', '/__emulator/faults', { authorization: null })).body).toEqual({ serverErrors: { count: 0 } });
    const bad = await call(emulator.url, 'PUT', '/__emulator/faults', { authorization: null, json: { dropConnections: { count: 1 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/unknown fault "dropConnections"/);
  });

  it('delays a slow reply and still answers', async () => {
    emulator.setFaults({ slowReply: { count: 1, delayMs: 50 } });
    expect((await call(emulator.url, 'GET', `${WS}/deployments`)).status).toBe(200);
    expect(emulator.requestLog()[0].fault).toBe('slowReply');
  });

  it('stops promptly even while a slow reply is pending', async () => {
    emulator.setFaults({ slowReply: { delayMs: 60_000 } });
    const pending = call(emulator.url, 'GET', `${WS}/deployments`).then(
      () => 'answered',
      () => 'connection closed',
    );
    while (emulator.requestLog().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await emulator.stop();
    expect(await pending).toBe('connection closed');
  });
});

describe('faultPlanProblem', () => {
  it.each([
    [{ latencyMs: -1 }, 'latencyMs must be a number of milliseconds, 0 or more'],
    [{ rateLimit: {} }, 'rateLimit.count must be a whole number, 0 or more'],
    [{ rateLimit: { count: 1, retryAfterAs: 'http' } }, 'rateLimit.retryAfterAs must be "seconds" or "date"'],
    [{ serverErrors: { count: 1, status: 404 } }, 'serverErrors.status must be an integer from 500 to 599'],
    [{ slowReply: { count: 1 } }, 'slowReply.delayMs must be a number of milliseconds, 0 or more'],
    [{ loseReply: { count: 1, path: '(' } }, 'loseReply.path is not a valid regular expression'],
  ])('explains what is wrong with %j', (plan, message) => {
    expect(faultPlanProblem(plan)).toBe(message);
  });

  it('accepts a full plan', () => {
    expect(
      faultPlanProblem({
        latencyMs: 5,
        dropConnection: { count: 1, method: 'GET' },
        rateLimit: { count: 1, retryAfterSeconds: 2, retryAfterAs: 'date' },
        serverErrors: { count: 3, status: 504, path: '/deployments' },
        loseReply: { count: 1 },
        slowReply: { delayMs: 100 },
      }),
    ).toBeUndefined();
  });
});
