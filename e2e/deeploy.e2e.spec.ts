/**
 * The whole product as a new user meets it: a fresh Nx workspace (the newest supported Nx, pinned)
 * installs the packed plugin as the README says (`npm i -D deeploy@npm:nx-deeploy`, served by a
 * loopback registry as npm will serve it), runs `nx g deeploy:init`, scaffolds two contracts, and `nx affected` deploys
 * only what changed to a Deeploy emulator whose repository is the workspace's `origin`.
 *
 * The tests are steps of one story and run in order on one workspace: each step starts from the
 * state the previous one left (commits, deployments), as a user's repository would.
 */
import type { RunningEmulator } from 'deeploy-emulator';
import { reportFileName } from '../packages/deeploy/src/report/report-schema';
import type { LocalRegistry } from './support/local-registry';
import { installPlugin, startPluginRegistry } from './support/plugin-install';
import {
  type CommandResult,
  deploymentAt,
  deploymentIdOf,
  deploymentsOf,
  describeFailure,
  describeRequests,
  startEmulatorFor,
  SUBFOLDER_1_CONTRACT,
  SUBFOLDER_2_CONTRACT,
  SUBFOLDER_2_DOCKER_REFERENCE,
  TEST_REPOSITORY_ID,
  TEST_SECRET_KEY,
  TEST_WORKSPACE_ID,
  TestWorkspace,
  writesIn,
} from '../tools/support';

/** The newest Nx we support; the oldest runs the core flow in e2e/compat (see tools/e2e-oldest.ts). */
const NX_VERSION = '24.0.6';

describe(`deeploy in a fresh Nx ${NX_VERSION} workspace`, () => {
  let ws: TestWorkspace;
  let emulator: RunningEmulator;
  let registry: LocalRegistry;
  /** Every command's output, to check at the end that no secret was ever printed. */
  const outputs: string[] = [];
  /** The commit after `nx add deeploy` and before any contract: the first base for `nx affected`. */
  let baseCommit: string;

  beforeAll(async () => {
    ws = await TestWorkspace.create({ nxVersion: NX_VERSION });
    process.stdout.write(`e2e: npm install of nx ${NX_VERSION} took ${ws.installDurationMs} ms\n`);
    registry = await startPluginRegistry(ws.tempDir);
    emulator = await startEmulatorFor(ws);
  });

  afterAll(async () => {
    await emulator?.stop();
    await registry?.stop();
    ws?.destroy();
  });

  async function nx(args: string[], extraEnv: Record<string, string> = {}): Promise<CommandResult> {
    const result = await ws.nx(args, extraEnv);
    outputs.push(result.output);
    return result;
  }

  async function nxOk(args: string[], extraEnv: Record<string, string> = {}): Promise<CommandResult> {
    const result = await nx(args, extraEnv);
    if (result.code !== 0) throw new Error(describeFailure(result));
    return result;
  }

  function report(project: string) {
    return ws.readJson(`.deeploy/reports/${reportFileName(project)}`);
  }

  test('`npm i -D deeploy@npm:nx-deeploy` and `nx g deeploy:init` register the plugin as `deeploy`', async () => {
    const started = Date.now();
    await installPlugin(ws, 'alias', registry);
    process.stdout.write(`e2e: alias install + init took ${Date.now() - started} ms\n`);

    expect(ws.readJson('package.json').devDependencies.deeploy).toMatch(/^npm:nx-deeploy@/);
    expect(ws.readJson('node_modules/deeploy/package.json').name).toBe('nx-deeploy');
    // Never the unrelated `deeploy` package of the registry.
    expect(registry.requested.has('deeploy')).toBe(false);
    const plugins: Array<string | { plugin: string }> = ws.readJson('nx.json').plugins ?? [];
    expect(plugins.map((p) => (typeof p === 'string' ? p : p.plugin))).toEqual(['deeploy']);

    baseCommit = await ws.commitAndPush('chore: add deeploy');
  });

  test('`nx g deeploy:contract` scaffolds a full contract and a model-only contract', async () => {
    await nxOk(['g', 'deeploy:contract', ...SUBFOLDER_1_CONTRACT]);
    await nxOk(['g', 'deeploy:contract', ...SUBFOLDER_2_CONTRACT]);

    expect(ws.readJson('subfolder_1/model/reference.json')).toEqual({ reference: { blob: { url: 's3://acme-models/agenet/model' } } });
    expect(ws.readJson('subfolder_1/explainer/reference.json')).toEqual({ reference: { blob: { url: 's3://acme-models/agenet/explainer' } } });
    expect(ws.readJson('subfolder_1/metadata.json')).toMatchObject({ problemType: 'classification', features: [{ name: 'age' }, { name: 'income' }] });
    expect(ws.readJson('subfolder_2/model/reference.json')).toEqual({ reference: { blob: { url: 's3://acme-models/churn/model' } } });
    expect(ws.exists('subfolder_2/explainer')).toBe(false);
  });

  test('each contract folder is an Nx project with the deeploy targets and its settings', async () => {
    const projects = JSON.parse((await nxOk(['show', 'projects', '--json'])).stdout) as string[];
    expect([...projects].sort()).toEqual(['subfolder_1', 'subfolder_2']);

    const project = JSON.parse((await nxOk(['show', 'project', 'subfolder_1', '--json'])).stdout);
    expect(project.root).toBe('subfolder_1');
    expect(Object.keys(project.targets)).toEqual(expect.arrayContaining(['deeploy-validate', 'deeploy-deploy', 'deeploy-update']));
    expect(project.targets['deeploy-deploy']).toMatchObject({ executor: 'deeploy:deploy', cache: false });
    expect(project.targets['deeploy-update']).toMatchObject({ executor: 'deeploy:update', cache: false });
    expect(project.targets['deeploy-deploy'].options).toMatchObject({ modelType: 'PYTORCH', explainerType: 'SHAP_KERNEL' });
  });

  test('`nx affected -t deeploy-deploy` from the first commit creates both deployments', async () => {
    const head = await ws.commitAndPush('feat: two model contracts');
    emulator.clearLog();

    await nxOk(['affected', '-t', 'deeploy-deploy', `--base=${baseCommit}`, '--head=HEAD', '--outputStyle=static']);

    const after = emulator.state();
    expect(deploymentsOf(after, TEST_WORKSPACE_ID)).toHaveLength(2);
    expect(deploymentAt(after, TEST_WORKSPACE_ID, 'subfolder_1').activeVersion).toMatchObject({
      repositoryId: TEST_REPOSITORY_ID,
      branchName: 'main',
      commit: head,
      modelType: 1, // PYTORCH
      explainerType: 4, // SHAP_KERNEL
    });
    expect(deploymentAt(after, TEST_WORKSPACE_ID, 'subfolder_2').activeVersion).toMatchObject({
      repositoryId: TEST_REPOSITORY_ID,
      branchName: 'main',
      commit: head,
      modelType: 2, // SKLEARN
      explainerType: 0,
    });

    const writes = writesIn(emulator.requestLog());
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      `POST /workspaces/${TEST_WORKSPACE_ID}/deployments`,
      `POST /workspaces/${TEST_WORKSPACE_ID}/deployments`,
    ]);
    expect(report('subfolder_1')).toMatchObject({ project: 'subfolder_1', action: 'create', outcome: 'success', contractPath: 'subfolder_1', commit: head });
    expect(report('subfolder_2')).toMatchObject({ project: 'subfolder_2', action: 'create', outcome: 'success', contractPath: 'subfolder_2', commit: head });
  });

  test('a new reference for subfolder_2 affects and updates only subfolder_2', async () => {
    const before = emulator.state();
    const first = deploymentAt(before, TEST_WORKSPACE_ID, 'subfolder_1');
    const second = deploymentAt(before, TEST_WORKSPACE_ID, 'subfolder_2');

    await nxOk(['g', 'deeploy:reference', ...SUBFOLDER_2_DOCKER_REFERENCE]);
    expect(ws.readJson('subfolder_2/model/reference.json')).toEqual({
      reference: { docker: { image: 'docker.io/acme/churn:2.0.0', uri: '/v1/models/churn:predict', port: 8080 } },
    });
    const head = await ws.commitAndPush('feat: serve churn from a docker image');

    const affected = JSON.parse((await nxOk(['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '--json'])).stdout);
    expect(affected).toEqual(['subfolder_2']);

    emulator.clearLog();
    const run = await nxOk(['affected', '-t', 'deeploy-deploy', '--base=HEAD~1', '--head=HEAD', '--outputStyle=static']);
    expect(run.output).toContain('subfolder_2:deeploy-deploy');
    expect(run.output).not.toContain('subfolder_1:deeploy-deploy');

    const log = emulator.requestLog();
    const writes = writesIn(log);
    expect(writes.length).toBeGreaterThan(0);
    // Every write names subfolder_2's deployment: nothing was created, nothing touched subfolder_1.
    expect({ touched: [...new Set(writes.map(deploymentIdOf))], log: describeRequests(writes) }).toMatchObject({ touched: [second.id] });

    const after = emulator.state();
    expect(deploymentsOf(after, TEST_WORKSPACE_ID)).toHaveLength(2);
    expect(deploymentAt(after, TEST_WORKSPACE_ID, 'subfolder_1')).toEqual(first);
    expect(deploymentAt(after, TEST_WORKSPACE_ID, 'subfolder_2').activeVersion).toMatchObject({ commit: head, modelType: 6 }); // docker → CUSTOM
    expect(report('subfolder_2')).toMatchObject({ action: 'update', outcome: 'success', deploymentId: second.id, commit: head });
  });

  test('running `nx affected -t deeploy-deploy` again writes nothing', async () => {
    const before = emulator.state();
    emulator.clearLog();

    await nxOk(['affected', '-t', 'deeploy-deploy', '--base=HEAD~1', '--head=HEAD', '--outputStyle=static']);

    const writes = writesIn(emulator.requestLog());
    expect(describeRequests(writes)).toBe('(no requests)');
    expect(emulator.state()).toEqual(before);
    expect(report('subfolder_2')).toMatchObject({ action: 'skip', outcome: 'success' });
  });

  test('after a metadata change, `deeploy-update --dryRun` sends nothing and `deeploy-update` updates subfolder_1 only', async () => {
    const metadata = ws.readJson('subfolder_1/metadata.json');
    ws.writeJson('subfolder_1/metadata.json', { ...metadata, features: [...metadata.features, { name: 'tenure' }] });
    const head = await ws.commitAndPush('feat: agenet reads tenure');
    const before = emulator.state();
    const first = deploymentAt(before, TEST_WORKSPACE_ID, 'subfolder_1');
    const second = deploymentAt(before, TEST_WORKSPACE_ID, 'subfolder_2');

    emulator.clearLog();
    const reportBefore = report('subfolder_1');
    await nxOk(['run', 'subfolder_1:deeploy-update', '--dryRun', '--outputStyle=static']);
    expect(describeRequests(writesIn(emulator.requestLog()))).toBe('(no requests)');
    expect(emulator.state()).toEqual(before);
    // A dry run writes nothing, not even its report.
    expect(report('subfolder_1')).toEqual(reportBefore);

    emulator.clearLog();
    await nxOk(['run', 'subfolder_1:deeploy-update', '--outputStyle=static']);
    const writes = writesIn(emulator.requestLog());
    expect(writes.length).toBeGreaterThan(0);
    expect({ touched: [...new Set(writes.map(deploymentIdOf))], log: describeRequests(writes) }).toMatchObject({ touched: [first.id] });

    const after = emulator.state();
    expect(deploymentAt(after, TEST_WORKSPACE_ID, 'subfolder_1').activeVersion).toMatchObject({ commit: head });
    expect(deploymentAt(after, TEST_WORKSPACE_ID, 'subfolder_2')).toEqual(second);
    expect(report('subfolder_1')).toMatchObject({ target: 'update', action: 'update', outcome: 'success', deploymentId: first.id, commit: head });
  });

  test('an invalid contract in a third folder fails validate and deploy with one clear line; the others are untouched', async () => {
    ws.writeJson('subfolder_3/model/reference.json', {
      reference: { docker: { image: 'docker.io/acme/broken:1.0.0', uri: '/predict', port: 70000 } },
    });
    await ws.commitAndPush('feat: a broken contract');
    const before = emulator.state();
    // The file, the JSON path and the rule on one line.
    const clearMessage = /subfolder_3\/model\/reference\.json[^\n]*reference\.docker\.port[^\n]*65535/;

    const affected = JSON.parse((await nxOk(['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '--json'])).stdout);
    expect(affected).toEqual(['subfolder_3']);

    const validate = await nx(['run', 'subfolder_3:deeploy-validate', '--outputStyle=static']);
    expect(validate.code).not.toBe(0);
    expect(validate.output).toMatch(clearMessage);

    emulator.clearLog();
    const deployAffected = await nx(['affected', '-t', 'deeploy-deploy', '--base=HEAD~1', '--head=HEAD', '--outputStyle=static']);
    expect(deployAffected.code).not.toBe(0);
    expect(deployAffected.output).toMatch(clearMessage);
    expect(describeRequests(writesIn(emulator.requestLog()))).toBe('(no requests)');

    // All contracts at once: the broken one fails, the deployed ones run and are left as they are.
    emulator.clearLog();
    const deployAll = await nx(['run-many', '-t', 'deeploy-deploy', '--outputStyle=static']);
    expect(deployAll.code).not.toBe(0);
    expect(deployAll.output).toMatch(clearMessage);
    expect(describeRequests(writesIn(emulator.requestLog()))).toBe('(no requests)');
    expect(emulator.state()).toEqual(before);
    expect(report('subfolder_1')).toMatchObject({ action: 'skip', outcome: 'success' });
    expect(report('subfolder_2')).toMatchObject({ action: 'skip', outcome: 'success' });
    expect(report('subfolder_3')).toMatchObject({ outcome: 'failure' });
  });

  test('a contract folder made without the generator (no project.json) gets a fix that works as written', async () => {
    ws.writeJson('legacy/churn/model/reference.json', { reference: { blob: { url: 's3://acme-models/legacy-churn/model' } } });
    const validate = await nx(['run', 'legacy/churn:deeploy-validate', '--outputStyle=static']);
    expect(validate.code).not.toBe(0);
    const command = /run (nx g deeploy:reference legacy\/churn --modelType=<type>)/;
    expect(validate.output).toMatch(command);
    const fix = command.exec(validate.output)![1];

    await nxOk([...fix.replace('<type>', 'SKLEARN').split(' ').slice(1), '--no-interactive']);
    expect(ws.readJson('legacy/churn/model/reference.json')).toEqual({ reference: { blob: { url: 's3://acme-models/legacy-churn/model' } } });
    await nxOk(['run', 'legacy/churn:deeploy-validate', '--outputStyle=static', '--skip-nx-cache']);
  });

  test('no command output and no report ever shows the secret key', () => {
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expect(output).not.toContain(TEST_SECRET_KEY);
    for (const project of ['subfolder_1', 'subfolder_2', 'subfolder_3']) {
      expect(ws.readFile(`.deeploy/reports/${reportFileName(project)}`)).not.toContain(TEST_SECRET_KEY);
    }
  });
});
