/**
 * Two runs deploying the same contracts at once (issue 12, item 6): the loser of a create race
 * adopts the winner's deployment instead of failing with 409, and on a server that accepts
 * duplicate names two runs still leave one deployment per contract. A create that a run elsewhere
 * duplicated anyway is reported, not kept in silence.
 */
import * as fs from 'node:fs';
import { createDeeployClient } from '../../api/client';
import type { CreateDeploymentBody } from '../../api/schemas';
import { runDeeployTask, type TaskDeps } from '../../deploy/deeploy-task';
import { batchInput, runBatch } from '../testing/batch-harness';
import { ACCESS_KEY, createHarness, plain, PROJECT, SECRET_KEY, WORKSPACE_ID, type Harness } from '../testing/harness';
import deployBatch from './batch';
import deployExecutor from './executor';

const CONTRACTS = [PROJECT, 'models/fraud', 'models/pricing', 'models/upsell'];

describe('concurrent deploys of the same contracts', () => {
  let h: Harness;
  afterEach(() => h.close());

  async function setup(emulator: { allowDuplicateNames?: boolean; latencyMs?: number }) {
    // Written against the emulator's first guesses (the 'classic' dialect); the other dialects are covered by dialects.integration.spec.ts and deployed-state.integration.spec.ts.
    h = await createHarness({
      emulator: { dialect: 'classic', allowDuplicateNames: emulator.allowDuplicateNames, faults: { latencyMs: emulator.latencyMs ?? 0 } },
    });
    for (const project of CONTRACTS.slice(1)) {
      h.repo.writeJson(`${project}/model/reference.json`, { reference: { blob: { url: `s3://acme-models/${project}/v1` } } });
      h.repo.writeJson(`${project}/project.json`, { name: project, targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN' } } } });
    }
    h.repo.commit('four contracts');
    h.repo.push();
  }
  const deploymentsPerContract = () =>
    Object.fromEntries(CONTRACTS.map((project) => [project, h.deployments().filter((d) => d.activeVersion.contractPath === project).length]));
  const onePerContract = Object.fromEntries(CONTRACTS.map((project) => [project, 1]));

  it('two runs of one task per contract, on a server that accepts duplicate names, leave one deployment per contract', async () => {
    await setup({ allowDuplicateNames: true, latencyMs: 60 });
    const run = () => Promise.all(CONTRACTS.map((project) => deployExecutor(h.options('deeploy-deploy', {}, project), h.context(project))));
    const [first, second] = await Promise.all([run(), run()]);
    expect([...first, ...second].every((r) => r.success)).toBe(true);
    expect(deploymentsPerContract()).toEqual(onePerContract);
    const lines = plain(h.printed);
    expect(lines.filter((l) => / created deployment /.test(l))).toHaveLength(4);
    expect(
      lines.filter((l) => /already deployed: deployment \S+ \(another run created it meanwhile\) is up to date \(it runs commit [0-9a-f]{7}\)$/.test(l)),
    ).toHaveLength(4);
  });

  it('two batches at once leave one deployment per contract', async () => {
    await setup({ allowDuplicateNames: true, latencyMs: 60 });
    const run = () =>
      runBatch(
        deployBatch,
        batchInput(
          h,
          CONTRACTS.map((p) => [p, 'deeploy-deploy'] as const),
        ),
      );
    const [first, second] = await Promise.all([run(), run()]);
    expect([...first, ...second].every((r) => r.success)).toBe(true);
    expect(deploymentsPerContract()).toEqual(onePerContract);
  });

  /** A run elsewhere (another machine: no shared lock) creates the same deployment just before this task's create. */
  function raceFromElsewhere() {
    const client = createDeeployClient({
      baseUrl: h.emulator.url,
      workspaceId: WORKSPACE_ID,
      auth: { kind: 'basic', accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
    });
    let raced = false;
    const createApi: TaskDeps['createApi'] = (config) => {
      const api = createDeeployClient(config);
      return Object.assign(Object.create(api), {
        async createDeployment(body: CreateDeploymentBody) {
          if (!raced) {
            raced = true;
            await client.createDeployment(body);
          }
          return api.createDeployment(body);
        },
        close: async () => {
          await api.close();
          await client.close();
        },
      });
    };
    return createApi;
  }

  it('adopts the deployment a run elsewhere created first, when Deeploy refuses the second create (409)', async () => {
    await setup({});
    const result = await runDeeployTask('deploy', h.options('deeploy-deploy'), h.context(), { createApi: raceFromElsewhere() });
    expect(result).toEqual({ success: true });
    expect(deploymentsPerContract()[PROJECT]).toBe(1);
    const id = h.deployments()[0].id;
    expect(
      h
        .requests()
        .filter((r) => r.method === 'POST')
        .map((r) => r.status),
    ).toEqual([201, 409]);
    expect(plain(h.printed)).toEqual([
      `[${PROJECT}] already deployed: deployment ${id} (another run created it meanwhile) is up to date (it runs commit ${h.repo.head().slice(0, 7)})`,
    ]);
    expect(h.reportOf()).toMatchObject({ action: 'skip', outcome: 'success', deploymentId: id });
  });

  it('creates without the lock, listing again first, when the lock folder cannot be made', async () => {
    await setup({});
    fs.writeFileSync(`${h.repo.dir}/.git/deeploy`, 'a file where the lock folder would go\n');
    expect(await deployExecutor(h.options('deeploy-deploy'), h.context())).toEqual({ success: true });
    // The list after the create holds a deployment: two requests under the default dialect (the second shows there is no more).
    expect(h.requests().map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'POST', 'GET', 'GET']);
    expect(h.deployments()).toHaveLength(1);
  });

  it('reports a duplicate that a run elsewhere created at the same time, on a server that accepts it', async () => {
    await setup({ allowDuplicateNames: true });
    const result = await runDeeployTask('deploy', h.options('deeploy-deploy'), h.context(), { createApi: raceFromElsewhere() });
    expect(result).toEqual({ success: false });
    const [theirs, ours] = h.deployments();
    expect(plain(h.printed)).toEqual([
      `[${PROJECT}] deploy failed: created deployment ${ours.id} at ${h.repo.head().slice(0, 7)}, but another run created deployment ${theirs.id} of the same contract at the same time (Deeploy accepted both): delete one of them in Deeploy, or set "deploymentId" in ${PROJECT}/project.json to the one to keep`,
    ]);
    expect(h.reportOf()).toMatchObject({ action: 'create', outcome: 'failure', deploymentId: ours.id });
  });
});
