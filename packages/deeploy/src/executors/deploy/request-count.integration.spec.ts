/**
 * Issue 15: the requests a batch sends, per case, at two dialects of the emulator: `classic`
 * (whole lists, versions as objects) and `conservative` (pages of 10 counted by page index, no
 * totals, versions as ids in lists). The counts are the emulator's request log, so they are what
 * a server would see. What each dialect cannot go below is named in docs/benchmarks.md:
 * - create: the repositories, one list before (empty), one write each, one list after the batch's creates;
 * - update: the repositories, one list, one write each, plus under `conservative` one read by id
 *   each (a list item known only by its name is read before it is written to);
 * - all affected, none changed (`NX_BASE` is the previous run's commit): the repositories and the list.
 * The list is 1 request when `classic` paging is remembered (the run's memory), 4 pages of
 * `conservative` for 30 deployments (3 full, 1 empty).
 */
import { batchInput, runBatch } from '../testing/batch-harness';
import { createHarness, PROJECT, WORKSPACE_ID, type Harness } from '../testing/harness';
import deployBatch from './batch';

const CONTRACTS = [PROJECT, ...Array.from({ length: 29 }, (_, i) => `models/m${String(i + 1).padStart(2, '0')}`)];

/** The requests by kind, e.g. `{ 'GET repositories': 1, 'GET list': 4, POST: 30 }`. */
function countsOf(h: Harness): Record<string, number> {
  const deployments = `/workspaces/${WORKSPACE_ID}/deployments`;
  const counts: Record<string, number> = {};
  for (const r of h.requests()) {
    const kind =
      r.method === 'GET' && r.path.endsWith('/repositories')
        ? 'GET repositories'
        : r.method === 'GET' && r.path === deployments
          ? 'GET list'
          : r.method === 'GET' && r.path.startsWith(`${deployments}/`)
            ? 'GET one'
            : r.method;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

describe.each([
  {
    dialect: 'classic',
    create: { 'GET repositories': 1, 'GET list': 1 + 2, POST: 30 },
    update: { 'GET repositories': 1, 'GET list': 1, PATCH: 30 },
    none: { 'GET repositories': 1, 'GET list': 1 },
  },
  {
    dialect: 'conservative',
    create: { 'GET repositories': 1, 'GET list': 1 + 4, POST: 30 },
    update: { 'GET repositories': 1, 'GET list': 4, 'GET one': 30, PATCH: 30 },
    none: { 'GET repositories': 1, 'GET list': 4 },
  },
])('deploy batch of 30 contracts against the "$dialect" dialect: requests per case', ({ dialect, create, update, none }) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ emulator: { dialect, readyDelayMs: 0 } });
    for (const project of CONTRACTS.slice(1)) writeContract(project, 'v1');
    h.repo.commit('thirty contracts');
    h.repo.push();
  }, 60000);
  afterEach(() => h.close());

  function writeContract(project: string, version: string) {
    h.repo.writeJson(`${project}/model/reference.json`, { reference: { blob: { url: `s3://acme-models/${project}/${version}` } } });
    h.repo.writeJson(`${project}/project.json`, { name: project, targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN' } } } });
  }
  async function deployAll(): Promise<void> {
    h.emulator.clearLog();
    const results = await runBatch(
      deployBatch,
      batchInput(
        h,
        CONTRACTS.map((p) => [p, 'deeploy-deploy'] as const),
      ),
    );
    expect(results.filter((r) => !r.success)).toEqual([]);
    expect(results).toHaveLength(CONTRACTS.length);
  }
  const deployedCommits = () => new Set(h.deployments().map((d) => d.activeVersion.commit));

  it('create, update, and all affected with none changed: each at its floor', async () => {
    await deployAll();
    expect(countsOf(h)).toEqual(create);
    expect(h.deployments()).toHaveLength(30);

    const before = h.repo.head();
    for (const project of CONTRACTS) writeContract(project, 'v2');
    const changed = h.repo.commit('every contract changed');
    h.repo.push();
    h.setEnv({ NX_BASE: before });
    await deployAll();
    expect(countsOf(h)).toEqual(update);
    expect(deployedCommits()).toEqual(new Set([changed]));

    // As a lockfile bump does: every contract affected, none changed.
    h.repo.write('nx.json', '{ "namedInputs": { "unused": [] } }\n');
    const bumped = h.repo.commit('nx.json only');
    h.repo.push();
    h.setEnv({ NX_BASE: changed });
    await deployAll();
    expect(countsOf(h)).toEqual(none);
    expect(bumped).not.toBe(changed);
    expect(h.deployments()).toHaveLength(30);
    expect(deployedCommits()).toEqual(new Set([changed]));
  }, 120000);
});
