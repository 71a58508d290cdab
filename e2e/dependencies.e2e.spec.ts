/**
 * Dependency-aware deploys (issue 16) in a fresh Nx workspace with the packed plugin: a contract
 * that declares a shared library project as a dependency (`implicitDependencies`) is redeployed
 * when only the library changed, with the reason on its line, and the other contract is left
 * alone; a change that reaches neither deploys nothing. Steps of one story, in order.
 */
import type { RunningEmulator } from 'deeploy-emulator';
import { reportFileName } from '../packages/deeploy/src/report/report-schema';
import type { LocalRegistry } from './support/local-registry';
import { installPlugin, startPluginRegistry } from './support/plugin-install';
import { deploymentAt, deploymentIdOf, deploymentsOf, describeRequests, startEmulatorFor, TEST_WORKSPACE_ID, TestWorkspace, writesIn } from '../tools/support';

const NX_VERSION = '24.0.6';

describe(`dependency-aware deploys in a fresh Nx ${NX_VERSION} workspace`, () => {
  let ws: TestWorkspace;
  let emulator: RunningEmulator;
  let registry: LocalRegistry;

  beforeAll(async () => {
    ws = await TestWorkspace.create({ nxVersion: NX_VERSION, label: 'deeploy-e2e-deps' });
    registry = await startPluginRegistry(ws.tempDir);
    emulator = await startEmulatorFor(ws);
    await installPlugin(ws, 'alias', registry);
    await ws.commitAndPush('chore: add deeploy');
  });

  afterAll(async () => {
    await emulator?.stop();
    await registry?.stop();
    ws?.destroy();
  });

  const affectedDeploy = (extraEnv: Record<string, string> = {}) =>
    ws.nxOk(['affected', '-t', 'deeploy-deploy', '--base=HEAD~1', '--head=HEAD', '--outputStyle=static'], extraEnv);
  const affectedProjects = async () =>
    JSON.parse((await ws.nxOk(['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '--json'])).stdout) as string[];

  test('a shared library project and two contracts, one depending on it, are deployed', async () => {
    ws.writeJson('shared/features/project.json', { name: 'shared-features' });
    ws.writeFile('shared/features/features.py', 'FEATURES = ["age", "income"]\n');
    await ws.nxOk(['g', 'deeploy:contract', 'models/agenet', '--modelType=SKLEARN', '--blobUrl=s3://acme-models/agenet/model', '--no-interactive']);
    await ws.nxOk(['g', 'deeploy:contract', 'models/churn', '--modelType=SKLEARN', '--blobUrl=s3://acme-models/churn/model', '--no-interactive']);
    const agenet = ws.readJson('models/agenet/project.json');
    ws.writeJson('models/agenet/project.json', { ...agenet, implicitDependencies: ['shared-features'] });
    const head = await ws.commitAndPush('feat: a feature library and two models');

    const graph = JSON.parse((await ws.nxOk(['graph', '--file=stdout'])).stdout).graph;
    expect(graph.dependencies['models/agenet']).toEqual(expect.arrayContaining([expect.objectContaining({ target: 'shared-features' })]));

    emulator.clearLog();
    await ws.nxOk(['run-many', '-t', 'deeploy-deploy', '--outputStyle=static']);
    const state = emulator.state();
    expect(deploymentsOf(state, TEST_WORKSPACE_ID)).toHaveLength(2);
    expect(deploymentAt(state, TEST_WORKSPACE_ID, 'models/agenet').activeVersion.commit).toBe(head);
    expect(deploymentAt(state, TEST_WORKSPACE_ID, 'models/churn').activeVersion.commit).toBe(head);
  });

  test('a change to shared/features alone updates exactly the contract that depends on it, naming the reason', async () => {
    const before = emulator.state();
    const agenet = deploymentAt(before, TEST_WORKSPACE_ID, 'models/agenet');
    const churn = deploymentAt(before, TEST_WORKSPACE_ID, 'models/churn');
    const deployed = String(agenet.activeVersion.commit);
    ws.writeFile('shared/features/features.py', 'FEATURES = ["age", "income", "tenure"]\n');
    const head = await ws.commitAndPush('feat: a tenure feature');
    expect((await affectedProjects()).sort()).toEqual(['models/agenet', 'shared-features']);

    emulator.clearLog();
    const run = await affectedDeploy();

    const writes = writesIn(emulator.requestLog());
    expect({ touched: writes.map(deploymentIdOf), log: describeRequests(writes) }).toMatchObject({ touched: [agenet.id] });
    expect(run.output).toContain(
      `[models/agenet] updated deployment ${agenet.id} at ${head.slice(0, 7)} (shared-features changed since ${deployed.slice(0, 7)}): commit (`,
    );
    expect(run.output).not.toContain('models/churn:deeploy-deploy');
    const after = emulator.state();
    expect(deploymentAt(after, TEST_WORKSPACE_ID, 'models/agenet').activeVersion.commit).toBe(head);
    expect(deploymentAt(after, TEST_WORKSPACE_ID, 'models/churn')).toEqual(churn);
    expect(ws.readJson(`.deeploy/reports/${reportFileName('models/agenet')}`)).toMatchObject({
      action: 'update',
      outcome: 'success',
      commit: head,
      changedFields: ['commit'],
    });
  });

  test('the same holds one process per task (no batch mode)', async () => {
    const before = emulator.state();
    const agenet = deploymentAt(before, TEST_WORKSPACE_ID, 'models/agenet');
    const deployed = String(agenet.activeVersion.commit);
    ws.writeFile('shared/features/features.py', 'FEATURES = ["age"]\n');
    const head = await ws.commitAndPush('feat: fewer features');

    emulator.clearLog();
    const run = await affectedDeploy({ NX_BATCH_MODE: 'false' });

    expect(writesIn(emulator.requestLog()).map(deploymentIdOf)).toEqual([agenet.id]);
    expect(run.output).toContain(`(shared-features changed since ${deployed.slice(0, 7)})`);
    expect(deploymentAt(emulator.state(), TEST_WORKSPACE_ID, 'models/agenet').activeVersion.commit).toBe(head);
  });

  test('a change that reaches neither contract deploys nothing, even when every contract runs', async () => {
    ws.writeFile('README.md', '# ML models\n');
    await ws.commitAndPush('docs: a readme no project owns');
    expect(await affectedProjects()).toEqual([]);
    const before = emulator.state();

    emulator.clearLog();
    await affectedDeploy();
    expect(describeRequests(writesIn(emulator.requestLog()))).toBe('(no requests)');

    // Asking every contract: churn's deployed commit predates the library changes, which do not reach it.
    const run = await ws.nxOk(['run-many', '-t', 'deeploy-deploy', '--outputStyle=static']);
    expect(describeRequests(writesIn(emulator.requestLog()))).toBe('(no requests)');
    expect(run.output).toMatch(
      /\[models\/churn\] already deployed: deployment \S+ is up to date \(the contract has not changed since the deployed commit [0-9a-f]{7}\)/,
    );
    expect(run.output).toMatch(
      /\[models\/agenet\] already deployed: deployment \S+ is up to date \(the contract has not changed since the deployed commit [0-9a-f]{7}\)/,
    );
    expect(emulator.state()).toEqual(before);

    await ws.commitAndPush('chore: a commit that changes nothing');
    expect(await affectedProjects()).toEqual([]);
    emulator.clearLog();
    await affectedDeploy();
    expect(describeRequests(writesIn(emulator.requestLog()))).toBe('(no requests)');
  });
});
