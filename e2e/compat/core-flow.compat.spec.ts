/**
 * The core of the e2e story on another Nx version (set by tools/e2e-compat.js through the
 * environment): add the plugin, scaffold two contracts, deploy both, change one, and check that
 * `nx affected` finds and updates only that one. Not part of `npm test`; run `npm run e2e:compat`.
 */
import type { RunningEmulator } from 'deeploy-emulator';
import { deploymentAt, deploymentIdOf, deploymentsOf, describeRequests, writesIn } from '../support/emulator-records';
import { packPlugin } from '../support/pack-plugin';
import { WORKSPACE_ID, startEmulatorFor } from '../support/seeded-emulator';
import { TestWorkspace } from '../support/test-workspace';

const NX_VERSION = process.env.DEEPLOY_COMPAT_NX_VERSION;
const DEVKIT_VERSION = process.env.DEEPLOY_COMPAT_DEVKIT_VERSION || NX_VERSION;
/** Set for Nx versions outside the plugin's peer range: npm refuses them otherwise. */
const LEGACY_PEER_DEPS = process.env.DEEPLOY_COMPAT_LEGACY_PEER_DEPS === 'true';

if (!NX_VERSION) throw new Error('DEEPLOY_COMPAT_NX_VERSION is not set: run the compatibility tests with `npm run e2e:compat`.');

describe(`deeploy core flow on Nx ${NX_VERSION}`, () => {
  let ws: TestWorkspace;
  let emulator: RunningEmulator;
  let baseCommit: string;

  beforeAll(async () => {
    ws = await TestWorkspace.create({ nxVersion: NX_VERSION, devkitVersion: DEVKIT_VERSION, label: 'deeploy-compat' });
    emulator = await startEmulatorFor(ws);
  });

  afterAll(async () => {
    await emulator?.stop();
    ws?.destroy();
  });

  test('nx add deeploy registers the plugin', async () => {
    const tarball = await packPlugin(ws.tempDir);
    await ws.nxOk(['add', `deeploy@file:${tarball}`], {
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_legacy_peer_deps: String(LEGACY_PEER_DEPS),
    });
    const plugins: Array<string | { plugin: string }> = ws.readJson('nx.json').plugins ?? [];
    expect(plugins.map((p) => (typeof p === 'string' ? p : p.plugin))).toContain('deeploy');
    await ws.commitAll('chore: add deeploy');
    await ws.push();
    baseCommit = await ws.head();
  });

  test('contracts scaffolded by the generator become projects', async () => {
    await ws.nxOk(['g', 'deeploy:contract', 'subfolder_1', '--modelType=PYTORCH', '--blobUrl=s3://acme-models/agenet/model', '--no-interactive']);
    await ws.nxOk(['g', 'deeploy:contract', 'subfolder_2', '--modelType=SKLEARN', '--blobUrl=s3://acme-models/churn/model', '--no-interactive']);
    const projects = JSON.parse((await ws.nxOk(['show', 'projects', '--json'])).stdout) as string[];
    expect([...projects].sort()).toEqual(['subfolder_1', 'subfolder_2']);
    await ws.nxOk(['run-many', '-t', 'deeploy-validate', '--outputStyle=static']);
  });

  test('nx affected deploys both contracts', async () => {
    const head = await ws.commitAll('feat: two model contracts');
    await ws.push();
    await ws.nxOk(['affected', '-t', 'deeploy-deploy', `--base=${baseCommit}`, '--head=HEAD', '--outputStyle=static']);
    const state = emulator.state();
    expect(deploymentsOf(state, WORKSPACE_ID)).toHaveLength(2);
    expect(deploymentAt(state, WORKSPACE_ID, 'subfolder_1').activeVersion).toMatchObject({ commit: head });
    expect(deploymentAt(state, WORKSPACE_ID, 'subfolder_2').activeVersion).toMatchObject({ commit: head });
  });

  test('after changing subfolder_2, nx affected updates only subfolder_2', async () => {
    const before = emulator.state();
    await ws.nxOk(['g', 'deeploy:reference', 'subfolder_2', '--dockerImage=docker.io/acme/churn:2.0.0', '--dockerUri=/v1/models/churn:predict', '--dockerPort=8080', '--overwrite', '--no-interactive']);
    const head = await ws.commitAll('feat: serve churn from a docker image');
    await ws.push();

    const affected = JSON.parse((await ws.nxOk(['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '--json'])).stdout);
    expect(affected).toEqual(['subfolder_2']);

    emulator.clearLog();
    await ws.nxOk(['affected', '-t', 'deeploy-deploy', '--base=HEAD~1', '--head=HEAD', '--outputStyle=static']);
    const writes = writesIn(emulator.requestLog());
    const second = deploymentAt(before, WORKSPACE_ID, 'subfolder_2');
    expect({ touched: [...new Set(writes.map(deploymentIdOf))], log: describeRequests(writes) }).toMatchObject({ touched: [second.id] });
    const after = emulator.state();
    expect(deploymentAt(after, WORKSPACE_ID, 'subfolder_1')).toEqual(deploymentAt(before, WORKSPACE_ID, 'subfolder_1'));
    expect(deploymentAt(after, WORKSPACE_ID, 'subfolder_2').activeVersion).toMatchObject({ commit: head });
  });
});
