import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIALECT_PRESETS } from 'deeploy-emulator';
import deployExecutor from '../executors/deploy/executor';
import { ACCESS_KEY, createHarness, SECRET_KEY, WORKSPACE_ID, type Harness } from '../executors/testing/harness';
import { main } from './deeploy-ci';

const OTHER_REPOSITORY = { id: '2c4e6a80-1b3d-4f5a-8c7e-9d0f1a2b3c4d', name: 'others', remotePath: 'git@github.com:acme/others.git' };

/** What the doctor must find in each dialect: the paging it reports and the assumptions that fail. */
const EXPECTED: Record<string, { paging: string; failing: string[] }> = {
  conservative: { paging: '"offset" counts pages; page size 10; no totals', failing: [] },
  classic: { paging: 'no paging ("offset" ignored); page size 13; no totals', failing: [] },
  'items-with-totals': { paging: '"offset" counts items; page size 7; with totals', failing: ['GET of one deployment gives activeVersion as an object'] },
  'ids-everywhere': { paging: '"offset" counts pages; page size 5; no totals', failing: ['GET of one deployment gives activeVersion as an object'] },
  'unpaged-lists-without-versions': { paging: 'no paging ("offset" ignored); page size 13; no totals', failing: [] },
};

describe.each(Object.keys(DIALECT_PRESETS))('deeploy-ci doctor against the "%s" dialect', (dialect) => {
  let h: Harness;
  let out: string[];
  let err: string[];
  beforeEach(async () => {
    h = await createHarness({ emulator: { dialect, readyDelayMs: 0 }, otherRepositories: [OTHER_REPOSITORY] });
    out = [];
    err = [];
  });
  afterEach(() => h.close());

  const env = () => ({ DEEPLOY_API_URL: h.emulator.url, DEEPLOY_WORKSPACE_ID: WORKSPACE_ID, DEEPLOY_ACCESS_KEY: ACCESS_KEY, DEEPLOY_SECRET_KEY: SECRET_KEY });
  const doctor = (argv: string[] = []) => main(['doctor', ...argv], env(), h.repo.dir, { out: (t) => out.push(t), err: (t) => err.push(t) });

  it("names each difference from the plugin's assumptions, sends only GETs, and writes a redacted JSON", async () => {
    const authorization = `Basic ${Buffer.from(`${ACCESS_KEY}:${SECRET_KEY}`).toString('base64')}`;
    for (let i = 0; i < 12; i++) {
      const body = { name: `secret-name-${i}`, repositoryId: OTHER_REPOSITORY.id, branchName: 'main', modelType: 2, contractPath: `m/${i}` };
      await fetch(`${h.emulator.url}/workspaces/${WORKSPACE_ID}/deployments`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    }
    expect(await deployExecutor(h.options('deeploy-deploy'), h.context())).toEqual({ success: true });
    h.emulator.clearLog();

    const expected = EXPECTED[dialect];
    expect(await doctor()).toBe(expected.failing.length > 0 ? 1 : 0);
    expect(err).toEqual([]);
    expect(h.requests().every((r) => r.method === 'GET')).toBe(true);

    const table = out[0].split('\n');
    expect(table[0]).toMatch(/^assumption\s+seen\s+ok\s+setting that adapts$/);
    const row = (assumption: string) => table.find((line) => line.startsWith(assumption)) ?? '';
    expect(row('the keys and the workspace are accepted')).toMatch(/yes: 2 repositories\s+yes/);
    expect(row('a Deeploy repository matches git remote "origin"')).toMatch(/models \(9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e\)\s+yes\s+remote$/);
    expect(row('the deployment list can be read whole')).toContain(`13 deployments in `);
    expect(row('the deployment list can be read whole')).toContain(expected.paging);
    const failing = table
      .slice(2)
      .filter((line) => /\s{2}no(\s{2}|$)/.test(line))
      .map((line) => line.split(/\s{2,}/)[0]);
    expect(failing).toEqual(expected.failing);

    const file = join(h.repo.dir, '.deeploy/reports/doctor/deeploy-doctor.json');
    expect(out[1]).toBe(`wrote ${file} (shapes and verdicts only, no values: attach it to a bug report)`);
    const text = readFileSync(file, 'utf8');
    const report = JSON.parse(text);
    expect(report.checks.filter((c: { ok: string }) => c.ok === 'no').map((c: { assumption: string }) => c.assumption)).toEqual(expected.failing);
    expect(report.shapes.deployment).toMatchObject({ id: '<uuid>' });
    for (const secret of [
      ACCESS_KEY,
      SECRET_KEY,
      'secret-name-',
      'models-churn',
      WORKSPACE_ID,
      '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e',
      ...h.deployments().map((d) => d.id),
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('deeploy-ci doctor when an assumption fails', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ emulator: { readyDelayMs: 0 } });
  });
  afterEach(() => h.close());

  it('exits 1 naming wrong keys, and 2 with one line when the settings are missing', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const env = {
      DEEPLOY_API_URL: h.emulator.url,
      DEEPLOY_WORKSPACE_ID: WORKSPACE_ID,
      DEEPLOY_ACCESS_KEY: ACCESS_KEY,
      DEEPLOY_SECRET_KEY: 'wrong-secret-value',
    };
    expect(await main(['doctor', '--out', 'report/doctor.json'], env, h.repo.dir, io)).toBe(1);
    expect(out[0]).toMatch(
      /the keys and the workspace are accepted \(GET repositories\)\s+GET \/workspaces\/\S+\/repositories failed: 401 Unauthorized: Unauthorized\s+no/,
    );
    expect(readFileSync(join(h.repo.dir, 'report/doctor.json'), 'utf8')).not.toContain('wrong-secret-value');

    expect(await main(['doctor'], { DEEPLOY_API_URL: h.emulator.url, DEEPLOY_WORKSPACE_ID: WORKSPACE_ID }, h.repo.dir, io)).toBe(2);
    expect(err).toEqual([
      'deeploy-ci doctor: no Deeploy credentials: set DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY (a personal key pair made in the Deeploy UI) in the environment',
    ]);
    expect(h.writes()).toEqual([]);
  });
});
