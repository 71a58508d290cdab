import { CONSERVATIVE_DIALECT, resolveDialect } from './dialect';
import { defaultSeed, DEFAULT_REPOSITORY_ID, DEFAULT_WORKSPACE_ID } from './seed';
import { createGitRemote } from './testing/git-remote';
import { ADMIN_PREFIX, startEmulator, type RunningEmulator } from './server';
import { call } from './testing/http';

const WS = `/workspaces/${DEFAULT_WORKSPACE_ID}`;
const createBody = { repositoryId: DEFAULT_REPOSITORY_ID, branchName: 'main', modelType: 2, contractPath: 'models/churn', commit: 'a'.repeat(40) };

describe('emulator dialects', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(() => emulator?.stop());

  const createMany = async (count: number) => {
    for (let i = 0; i < count; i++) await call(emulator!.url, 'POST', `${WS}/deployments`, { json: { ...createBody, name: `d${i}` } });
  };
  const names = (body: unknown) => (Array.isArray(body) ? body : (body as { data: { name: string }[] }).data).map((d: { name: string }) => d.name);

  it('by default pages by page index under a cap of 10, as bare arrays without totals', async () => {
    emulator = await startEmulator({ readyDelayMs: 0 });
    await createMany(23);
    const first = await call(emulator.url, 'GET', `${WS}/deployments?offset=0&limit=100`);
    expect(Array.isArray(first.body)).toBe(true);
    expect(names(first.body)).toEqual(Array.from({ length: 10 }, (_, i) => `d${i}`));
    expect(names((await call(emulator.url, 'GET', `${WS}/deployments?offset=2&limit=100`)).body)).toEqual(['d20', 'd21', 'd22']);
    expect(names((await call(emulator.url, 'GET', `${WS}/deployments?offset=1&limit=4`)).body)).toEqual(['d4', 'd5', 'd6', 'd7']);
  });

  it('pages by item offset with totals, or sends everything, as asked', async () => {
    emulator = await startEmulator({ readyDelayMs: 0, dialect: { paging: 'items', totals: true, pageCap: 3 } });
    await createMany(5);
    const page = await call(emulator.url, 'GET', `${WS}/deployments?offset=1&limit=100`);
    expect(page.body).toMatchObject({ total: 5, offset: 1, limit: 3 });
    expect(names(page.body)).toEqual(['d1', 'd2', 'd3']);
    emulator.setDialect({ paging: 'none', pageCap: 0 });
    expect(names((await call(emulator.url, 'GET', `${WS}/deployments?offset=1&limit=2`)).body)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
  });

  it('shows versions as ids in lists and as objects in a GET, a new one in updatingTo until it settles, nulls for absent fields', async () => {
    emulator = await startEmulator({ readyDelayMs: 60_000 });
    const created = (await call(emulator.url, 'POST', `${WS}/deployments`, { json: { ...createBody, name: 'churn' } })).body;
    // Status 1 while deploying: only updatingTo tells it is not running yet.
    expect(created).toMatchObject({
      status: 1,
      activeVersion: null,
      updatingTo: { commit: 'a'.repeat(40), contractPath: 'models/churn' },
      description: null,
      errorDetails: null,
    });
    expect(created.publicUrl).toBe(`${emulator.url}${WS}/deployments/${created.id}/predict`);
    const [item] = (await call(emulator.url, 'GET', `${WS}/deployments`)).body;
    expect(item.activeVersion).toBeNull();
    expect(typeof item.updatingTo).toBe('string');
    expect(item.updatingTo).toBe(created.updatingTo.id);
  });

  it('shows the previous version as active while an update rolls out, and the failure in errorDetails', async () => {
    emulator = await startEmulator({ readyDelayMs: 0 });
    const created = (await call(emulator.url, 'POST', `${WS}/deployments`, { json: { ...createBody, name: 'churn' } })).body;
    const settled = (await call(emulator.url, 'GET', `${WS}/deployments/${created.id}`)).body;
    expect(settled).toMatchObject({ status: 1, updatingTo: null, lastVersion: null, activeVersion: { commit: 'a'.repeat(40) } });
    emulator.setDialect({ versionsInGet: 'id' });
    const updated = (await call(emulator.url, 'PATCH', `${WS}/deployments/${created.id}`, { json: { commit: 'b'.repeat(40) } })).body;
    expect(updated).toMatchObject({ activeVersion: expect.any(String), lastVersion: settled.activeVersion.id });
  });

  it('puts a failure reason in errorDetails, with the failing status', async () => {
    const remote = createGitRemote();
    try {
      emulator = await startEmulator({ readyDelayMs: 0, seed: defaultSeed(remote.bare) });
      const created = (await call(emulator.url, 'POST', `${WS}/deployments`, { json: { ...createBody, name: 'x', branchName: 'nope' } })).body;
      const failed = (await call(emulator.url, 'GET', `${WS}/deployments/${created.id}`)).body;
      expect(failed).toMatchObject({ status: 2, errorDetails: [{ message: 'branch "nope" does not exist in repository models' }] });
      expect(failed.statusMessage).toBeUndefined();
    } finally {
      remote.cleanup();
    }
  });

  it.each([
    ['text', 'text/plain', 'Deployment does not exist'],
    ['html', 'text/html', '<h1>404 Not Found</h1><p>Deployment does not exist</p>'],
  ] as const)('answers errors as %s', async (errorBody, contentType, text) => {
    emulator = await startEmulator({ readyDelayMs: 0, dialect: { errorBody } });
    const answer = await call(emulator.url, 'GET', `${WS}/deployments/nope`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toContain(contentType);
    expect(answer.body).toContain(text);
  });

  it('changes dialect through the admin API, and refuses a bad one with one line', async () => {
    emulator = await startEmulator({ readyDelayMs: 0 });
    expect((await call(emulator.url, 'GET', `${ADMIN_PREFIX}/dialect`)).body).toEqual(CONSERVATIVE_DIALECT);
    const put = await call(emulator.url, 'PUT', `${ADMIN_PREFIX}/dialect`, { json: 'classic' });
    expect(put.body).toEqual(resolveDialect('classic'));
    const bad = await call(emulator.url, 'PUT', `${ADMIN_PREFIX}/dialect`, { json: { pageCap: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('dialect.pageCap must be a whole number, 0 or more (0 = no cap)');
    expect(() => resolveDialect({ paging: 'cursor' } as never)).toThrow('dialect: dialect.paging must be one of pages, items, none');
  });
});
