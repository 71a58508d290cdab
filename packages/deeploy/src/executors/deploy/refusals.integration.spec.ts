import deployBatch from './batch';
import deployExecutor from './executor';
import { symlinkSync } from 'node:fs';
import { batchInput, runBatch } from '../testing/batch-harness';
import { createHarness, plain, PROJECT, WORKSPACE_ID, type Harness } from '../testing/harness';

describe('deploy executor: dry run, refusals and other checkouts', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  const deploy = (flags: Record<string, unknown> = {}) => deployExecutor(h.options('deeploy-deploy', flags), h.context());
  const commitAndPush = (message: string) => {
    const sha = h.repo.commit(message);
    h.repo.push();
    return sha;
  };

  it('dry run (--dryRun or NX_DRY_RUN=true) sends only reads, writes and commits nothing, and prints the plan', async () => {
    const head = h.repo.head();
    expect(await deploy({ dryRun: true })).toEqual({ success: true });
    expect(h.writes()).toEqual([]);
    expect(h.deployments()).toEqual([]);
    expect(plain(h.printed)).toEqual([
      `[${PROJECT}] dry run: would create deployment "models-churn" at ${head.slice(0, 7)} (branch main, contract ${PROJECT}); nothing was sent or written`,
    ]);
    expect(h.reportOf()).toBeUndefined();

    await deploy();
    h.repo.writeJson(`${PROJECT}/model/reference.json`, { reference: { docker: { image: 'acme/churn:2', uri: '/predict' } } });
    h.repo.writeJson(`${PROJECT}/project.json`, { name: PROJECT, targets: { 'deeploy-deploy': { options: { modelType: 'CUSTOM' } } } });
    const next = commitAndPush('docker');
    h.emulator.clearLog();
    h.printed.length = 0;
    h.setEnv({ NX_DRY_RUN: 'true' });
    expect(await deploy()).toEqual({ success: true });
    expect(h.writes()).toEqual([]);
    expect(plain(h.printed)[0]).toBe(
      `[${PROJECT}] dry run: would update deployment ${h.deployments()[0].id} at ${next.slice(0, 7)}: commit (${head.slice(0, 7)} → ${next.slice(0, 7)}), modelType (SKLEARN → CUSTOM); nothing was sent or written`,
    );
    expect(h.repo.git('status', '--porcelain')).toBe('');
    expect(h.repo.head()).toBe(next);
  });

  it('refuses a commit the remote does not have, before any request', async () => {
    h.repo.writeJson(`${PROJECT}/model/reference.json`, { reference: { blob: { url: 's3://acme-models/churn/v3' } } });
    const local = h.repo.commit('not pushed');
    expect(await deploy()).toEqual({ success: false });
    expect(h.requests()).toEqual([]);
    expect(plain(h.printed)).toEqual([
      `[${PROJECT}] deploy failed: commit ${local.slice(0, 7)} is not on origin/main (Deeploy reads the contract from the remote): push it (git push origin HEAD:main) and run again`,
    ]);
    expect(h.reportOf()).toMatchObject({ action: 'none', outcome: 'failure', commit: local });
  });

  it('refuses uncommitted contract files, before any request', async () => {
    h.repo.writeJson(`${PROJECT}/model/reference.json`, { reference: { blob: { url: 's3://acme-models/churn/dirty' } } });
    expect(await deploy()).toEqual({ success: false });
    expect(h.requests()).toEqual([]);
    expect(plain(h.printed)).toEqual([
      `[${PROJECT}] deploy failed: uncommitted changes in the contract (${PROJECT}/model/reference.json): commit and push them, or revert them, before deploying`,
    ]);
  });

  // What is deployed must be committed: nx.json's plugin options reach the deployment too (issue 12, item 8).
  it('refuses uncommitted deploy settings in nx.json, before any request, and ignores uncommitted connection settings', async () => {
    const withPluginOptions = (extra: Record<string, unknown>) => {
      const context = h.context();
      const options = { apiUrl: h.emulator.url, workspaceId: WORKSPACE_ID, ...extra };
      const nxJson = { plugins: [{ plugin: 'deeploy', options }] };
      h.repo.writeJson('nx.json', nxJson);
      return { ...context, nxJsonConfiguration: nxJson } as typeof context;
    };
    expect(await deployExecutor(h.options('deeploy-deploy'), withPluginOptions({ modelCpuLimit: 1, modelMemLimit: 512 }))).toEqual({ success: false });
    expect(h.requests()).toEqual([]);
    const refusal = `[${PROJECT}] deploy failed: uncommitted changes in nx.json reach the deployment (plugins[0].options.modelCpuLimit, plugins[0].options.modelMemLimit): commit and push them, or revert them, before deploying`;
    expect(plain(h.printed)).toEqual([refusal]);
    // The batch refuses it the same way.
    const input = batchInput(h, [[PROJECT, 'deeploy-deploy']]);
    const batched = await runBatch(deployBatch, {
      ...input,
      context: { ...input.context, nxJsonConfiguration: withPluginOptions({ modelCpuLimit: 1, modelMemLimit: 512 }).nxJsonConfiguration },
    });
    expect(batched.map((r) => [r.success, plain([r.terminalOutput])[0]])).toEqual([[false, `${refusal}\n`]]);
    expect(h.requests()).toEqual([]);

    // Committed, they deploy; a local apiUrl or timeout is not part of the deployment.
    withPluginOptions({ modelMemLimit: 512 });
    commitAndPush('size in nx.json');
    h.printed.length = 0;
    expect(await deployExecutor(h.options('deeploy-deploy'), withPluginOptions({ modelMemLimit: 512, requestTimeoutSeconds: 20 }))).toEqual({ success: true });
    expect(h.deployments()[0].activeVersion).toMatchObject({ modelMemLimit: 512 });
  });

  it('refuses a symbolic link in the contract, before any request', async () => {
    h.repo.write(`${PROJECT}/shared.json`, '{"problemType":"classification"}\n');
    h.repo.git('rm', '--quiet', `${PROJECT}/metadata.json`);
    symlinkSync('shared.json', `${h.repo.dir}/${PROJECT}/metadata.json`);
    commitAndPush('metadata as a link');
    expect(await deploy()).toEqual({ success: false });
    expect(h.requests()).toEqual([]);
    expect(plain(h.printed)).toEqual([
      `[${PROJECT}] deploy failed: ${PROJECT}/metadata.json: is a symbolic link; Deeploy reads the contract from git, where a link stays a link, not the file it points to: replace it with the real file or folder`,
    ]);
  });

  it('refuses an invalid contract offline with one line naming the file', async () => {
    h.repo.writeJson(`${PROJECT}/model/reference.json`, { reference: { blob: { url: 'ftp://nope' } } });
    commitAndPush('broken');
    expect(await deploy()).toEqual({ success: false });
    expect(h.requests()).toEqual([]);
    expect(plain(h.printed)).toHaveLength(1);
    expect(plain(h.printed)[0]).toMatch(
      /^\[models\/churn\] deploy failed: models\/churn\/model\/reference\.json at reference\.blob\.url: .*unsupported scheme/,
    );
  });

  it('deploys from a detached CI checkout, taking the branch from the CI variables', async () => {
    h.repo.git('checkout', '--quiet', '--detach');
    h.setEnv({ GITHUB_REF_NAME: 'main', GITHUB_REF_TYPE: 'branch' });
    expect(await deploy()).toEqual({ success: true });
    expect(h.deployments()[0].activeVersion.branchName).toBe('main');
  });

  it('says which option is missing when the model type cannot be derived', async () => {
    h.repo.writeJson(`${PROJECT}/project.json`, { name: PROJECT });
    commitAndPush('no settings');
    expect(await deploy()).toEqual({ success: false });
    expect(plain(h.printed)[0]).toContain(
      `run nx g nx-deeploy:reference models/churn --modelType=<type> (one of TENSORFLOW, PYTORCH, SKLEARN, XGBOOST, ONNX, TRITON, CUSTOM, LIGHTGBM, PMML, HUGGINGFACE, CATBOOST), which sets "modelType" under targets.deeploy-deploy.options`,
    );
    expect(plain(h.printed)[0]).toContain(`${PROJECT}/project.json`);
  });

  it('deploys a contract at the repository root, looking only at its own files', async () => {
    h.repo.writeJson('model/reference.json', { reference: { docker: { image: 'acme/root-model:1', uri: '/predict' } } });
    commitAndPush('root contract');
    h.repo.write('models/churn/notes.txt', 'uncommitted, but not a file of the root contract\n');
    const context = h.context('deeploy-contract', 'deeploy-deploy', '.');
    expect(await deployExecutor(h.options('deeploy-deploy', {}, '.'), context)).toEqual({ success: true });
    expect(h.deployments()[0]).toMatchObject({ name: 'deeploy-contract', activeVersion: { contractPath: '', modelType: 6 } });
    expect(h.reportOf('deeploy-contract')).toMatchObject({ contractPath: '', action: 'create' });
  });
});
