import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { defaultSeed, DEFAULT_REPOSITORY_ID, DEFAULT_WORKSPACE_ID } from './seed';
import { startEmulator } from './server';
import { call } from './testing/http';

const WS = `/workspaces/${DEFAULT_WORKSPACE_ID}`;

describe('persisted state', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'deeploy-emulator-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('survives a restart: deployments, their ids and a rename are still there', async () => {
    const dataFile = path.join(dir, 'nested', 'state.json');
    const first = await startEmulator({ dataFile, readyDelayMs: 0 });
    const created = await call(first.url, 'POST', `${WS}/deployments`, {
      json: { name: 'churn', repositoryId: DEFAULT_REPOSITORY_ID, branchName: 'main', modelType: 2 },
    });
    await call(first.url, 'PATCH', `${WS}/deployments/${created.body.id}/description`, { json: { description: 'kept' } });
    await first.stop();

    const second = await startEmulator({ dataFile, readyDelayMs: 0 });
    try {
      const list = await call(second.url, 'GET', `${WS}/deployments`);
      expect(list.body).toEqual([expect.objectContaining({ id: created.body.id, name: 'churn', description: 'kept', status: 1 })]);
      expect((await call(second.url, 'GET', `${WS}/repositories`)).body).toHaveLength(1);
    } finally {
      await second.stop();
    }
    // Written atomically: only the state file is left, no temporary files beside it.
    expect(readdirSync(path.dirname(dataFile))).toEqual(['state.json']);
  });

  it('keeps a pending deployment pending across a restart and settles it afterwards', async () => {
    const dataFile = path.join(dir, 'state.json');
    const first = await startEmulator({ dataFile, readyDelayMs: 300, dialect: 'classic' });
    const created = await call(first.url, 'POST', `${WS}/deployments`, {
      json: { name: 'slow', repositoryId: DEFAULT_REPOSITORY_ID, branchName: 'main', modelType: 2 },
    });
    expect(created.body.status).toBe(0);
    await first.stop();

    const second = await startEmulator({ dataFile, dialect: 'classic' });
    try {
      let status = created.body.status;
      while (status === 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await call(second.url, 'GET', `${WS}/deployments/${created.body.id}`)).body.status;
      }
      expect(status).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it('adds repositories a later seed brings, keeping the stored ones', async () => {
    const dataFile = path.join(dir, 'state.json');
    await (await startEmulator({ dataFile })).stop();
    const seed = defaultSeed();
    seed.workspaces[0].repositories.push({ name: 'second', remotePath: 'git@github.com:acme/second.git' });
    const emulator = await startEmulator({ dataFile, seed });
    try {
      const names = (await call(emulator.url, 'GET', `${WS}/repositories`)).body.map((r: { name: string }) => r.name);
      expect(names).toEqual(['models', 'second']);
    } finally {
      await emulator.stop();
    }
    const saved = JSON.parse(readFileSync(dataFile, 'utf8'));
    expect(saved.workspaces[0].repositories).toHaveLength(2);
    // Credentials come from the seed each start and are never written to the state file.
    expect(readFileSync(dataFile, 'utf8')).not.toContain(seed.credentials.secretKey);
  });

  it('refuses to start on a corrupt state file, naming it', async () => {
    const dataFile = path.join(dir, 'state.json');
    writeFileSync(dataFile, '{ not json');
    await expect(startEmulator({ dataFile })).rejects.toThrow(`${dataFile}: is not valid JSON; fix it or delete it to start from the seed`);
  });
});
