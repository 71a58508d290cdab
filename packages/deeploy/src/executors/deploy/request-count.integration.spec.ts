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
import { createDeeployClient } from '../../api/client';
import { batchInput, runBatch } from '../testing/batch-harness';
import { ACCESS_KEY, createHarness, plain, PROJECT, REPOSITORY_ID, SECRET_KEY, WORKSPACE_ID, type Harness } from '../testing/harness';
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

describe('the requests a batch saves do not cost its safety ("conservative" dialect: lists say no more than names)', () => {
  let h: Harness;
  afterEach(() => h.close());
  const FRAUD = 'models/fraud';
  const PRICING = 'models/pricing';

  async function setup() {
    h = await createHarness({ emulator: { readyDelayMs: 0 } });
    for (const project of [FRAUD, PRICING]) {
      h.repo.writeJson(`${project}/model/reference.json`, { reference: { blob: { url: `s3://acme-models/${project}/v1` } } });
      h.repo.writeJson(`${project}/project.json`, { name: project, targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN' } } } });
    }
    h.repo.commit('three contracts');
    h.repo.push();
  }
  /** A deployment made by another client (Deeploy's UI, an earlier tool). */
  async function createElsewhere(body: { name: string; contractPath: string; commit?: string }) {
    const client = createDeeployClient({
      baseUrl: h.emulator.url,
      workspaceId: WORKSPACE_ID,
      auth: { kind: 'basic', accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
    });
    try {
      return await client.createDeployment({ repositoryId: REPOSITORY_ID, branchName: 'main', modelType: 2, ...body });
    } finally {
      await client.close();
    }
  }
  const outputOf = (results: Awaited<ReturnType<typeof runBatch>>, project: string) =>
    plain([results.find((r) => r.task === `${project}:deeploy-deploy`)?.terminalOutput ?? ''])[0];
  const oneReads = () => h.requests().filter((r) => r.method === 'GET' && /\/deployments\/[^/]+$/.test(r.path));

  it('finds a renamed deployment in a batch whose creates came first, reading only what no task of the batch claimed', async () => {
    await setup();
    const renamed = await createElsewhere({ name: 'pricing-old-name', contractPath: PRICING });
    h.emulator.clearLog();
    // fraud and pricing wait for churn: churn's create ends, the batch is quiet, the list after it shows churn's deployment.
    const input = batchInput(
      h,
      [PROJECT, FRAUD, PRICING].map((p) => [p, 'deeploy-deploy'] as const),
    );
    input.taskGraph.dependencies[`${FRAUD}:deeploy-deploy`] = [{ id: `${PROJECT}:deeploy-deploy` }];
    input.taskGraph.dependencies[`${PRICING}:deeploy-deploy`] = [{ id: `${PROJECT}:deeploy-deploy` }];
    const results = await runBatch(deployBatch, input);

    expect(results.filter((r) => !r.success)).toEqual([]);
    expect(outputOf(results, PRICING)).toMatch(new RegExp(`updated deployment ${renamed.id} at [0-9a-f]{7}: name \\("pricing-old-name" → "models-pricing"\\)`));
    expect(h.deployments()).toHaveLength(3);
    // The renamed one is read once (by id, shared); churn's new deployment, claimed by churn's task, never.
    expect(oneReads().map((r) => r.path.split('/').pop())).toEqual([renamed.id]);
  });

  it('reads a deployment known only by its name before writing to it, even when the contract has not changed since NX_BASE', async () => {
    await setup();
    // A deployment of churn that failed: created before its commit reached the remote.
    h.repo.writeJson(`${PROJECT}/metadata.json`, { problemType: 'regression' });
    const head = h.repo.commit('new metadata, not pushed yet');
    const failed = await createElsewhere({ name: 'models-churn', contractPath: PROJECT, commit: head });
    h.repo.push();
    h.setEnv({ NX_BASE: head });
    h.emulator.clearLog();
    const results = await runBatch(deployBatch, batchInput(h, [[PROJECT, 'deeploy-deploy']]));

    expect(results.filter((r) => !r.success)).toEqual([]);
    expect(outputOf(results, PROJECT)).toMatch(new RegExp(`updated deployment ${failed.id} at ${head.slice(0, 7)}: deployment failed`));
    const sequence = h.requests().map((r) => `${r.method} ${r.path.split('/').pop()}`);
    expect(sequence.indexOf(`GET ${failed.id}`)).toBeGreaterThan(-1);
    expect(sequence.indexOf(`GET ${failed.id}`)).toBeLessThan(sequence.indexOf(`PATCH ${failed.id}`));
  });
});
