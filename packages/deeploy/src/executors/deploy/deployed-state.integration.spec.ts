/**
 * What deploy does when Deeploy says little about what runs (issue 14, items 2 and 3): a version
 * still rolling out, a deployed commit nobody reports, a list that cannot be read whole.
 */
import { ACCESS_KEY, createHarness, plain, PROJECT, SECRET_KEY, WORKSPACE_ID, type Harness } from '../testing/harness';
import deployExecutor from './executor';

const FAST_WAIT = { wait: true, waitIntervalSeconds: 0.02, progressIntervalSeconds: 0.05 };

describe('deploy against what Deeploy says runs', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const deploy = (flags: Record<string, unknown> = {}) => deployExecutor(h!.options('deeploy-deploy', flags), h!.context());
  const changeAndPush = (version: string) => {
    h!.repo.writeJson(`${PROJECT}/model/reference.json`, { reference: { blob: { url: `s3://acme-models/churn/${version}` } } });
    const sha = h!.repo.commit(`churn ${version}`);
    h!.repo.push();
    return sha;
  };

  it('does not patch again a version at the wanted commit that is still rolling out, and --wait follows it to running', async () => {
    // Long enough that the version is still rolling out on the re-run, even on a loaded machine.
    h = await createHarness({ emulator: { readyDelayMs: 2500 } });
    await deploy();
    const head = changeAndPush('v2');
    await deploy();
    h.emulator.clearLog();
    h.printed.length = 0;

    expect(await deploy(FAST_WAIT)).toEqual({ success: true });
    expect(h.writes()).toEqual([]);
    const lines = plain(h.printed);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\[${PROJECT}\\] already deployed: deployment \\S+ is up to date \\(a version at ${head.slice(0, 7)} is pending approval or rolling out\\)$`,
      ),
    );
    expect(lines[lines.length - 1]).toMatch(/is running \(after \d+ s\)$/);
    expect(h.reportOf()).toMatchObject({ action: 'skip', status: 'running' });
  });

  it('says "deployed commit unknown" when no reply tells it, and follows NX_BASE', async () => {
    h = await createHarness({ emulator: { dialect: 'ids-everywhere', readyDelayMs: 0 } });
    const first = h.repo.head();
    await deploy();
    h.emulator.clearLog();
    h.printed.length = 0;

    // No base commit: a change cannot be ruled out, so it updates and says why.
    expect(await deploy()).toEqual({ success: true });
    expect(h.writes().map((r) => r.method)).toEqual(['PATCH']);
    expect(plain(h.printed)[0]).toMatch(
      /updated deployment \S+ at [0-9a-f]{7}: commit \(unknown → [0-9a-f]{7}\) \(deployed commit unknown: Deeploy does not say it, and no base commit \(NX_BASE\) shows the contract unchanged\)$/,
    );

    // With the run's base commit: unchanged since it, nothing is sent.
    h.setEnv({ NX_BASE: first });
    h.emulator.clearLog();
    h.printed.length = 0;
    expect(await deploy()).toEqual({ success: true });
    expect(h.writes()).toEqual([]);
    expect(plain(h.printed)[0]).toMatch(
      new RegExp(`up to date \\(deployed commit unknown; the contract has not changed since the base commit ${first.slice(0, 7)} \\(NX_BASE\\)\\)$`),
    );

    // Changed since the base: updated, and the line says how it knew.
    changeAndPush('v2');
    h.emulator.clearLog();
    h.printed.length = 0;
    expect(await deploy({ dryRun: true })).toEqual({ success: true });
    expect(plain(h.printed)[0]).toMatch(
      new RegExp(
        `would update deployment \\S+ at [0-9a-f]{7}: commit \\(unknown → [0-9a-f]{7}\\) \\(deployed commit unknown; the contract changed since the base commit ${first.slice(0, 7)} \\(NX_BASE\\)\\); nothing was sent or written$`,
      ),
    );
  });

  it('follows NX_BASE given as a ref name (a tag, a branch) as it follows a sha', async () => {
    h = await createHarness({ emulator: { dialect: 'ids-everywhere', readyDelayMs: 0 } });
    const first = h.repo.head();
    await deploy();
    h.repo.git('tag', 'last-deploy', first);
    h.setEnv({ NX_BASE: 'last-deploy' });
    h.emulator.clearLog();
    h.printed.length = 0;
    expect(await deploy()).toEqual({ success: true });
    expect(h.writes()).toEqual([]);
    expect(plain(h.printed)[0]).toMatch(/up to date \(deployed commit unknown; the contract has not changed since the base commit last-deploy \(NX_BASE\)\)$/);
  });

  it('never adopts a deployment of the same name that a read by id shows to deploy another contract', async () => {
    h = await createHarness({
      emulator: { readyDelayMs: 0 },
      otherRepositories: [{ id: '2c4e6a80-1b3d-4f5a-8c7e-9d0f1a2b3c4d', name: 'others', remotePath: 'git@github.com:acme/others.git' }],
    });
    const authorization = `Basic ${Buffer.from(`${ACCESS_KEY}:${SECRET_KEY}`).toString('base64')}`;
    const body = { name: 'models-churn', repositoryId: '2c4e6a80-1b3d-4f5a-8c7e-9d0f1a2b3c4d', branchName: 'main', modelType: 2, contractPath: 'elsewhere' };
    await fetch(`${h.emulator.url}/workspaces/${WORKSPACE_ID}/deployments`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const [other] = h.deployments();
    h.emulator.clearLog();

    await deploy();
    // The list gives only a version id; the read by id shows another repository: no PATCH of it.
    expect(h.requests().some((r) => r.method === 'GET' && r.path.endsWith(`/deployments/${other.id}`))).toBe(true);
    expect(h.writes().filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(h.deployments().find((d) => d.id === other.id)?.activeVersion.contractPath).toBe('elsewhere');
  });

  it('creates nothing when the list cannot be shown complete, and says how to pin deploymentId', async () => {
    // A server without paging that caps its list at 100: the plugin cannot know whether there is more.
    h = await createHarness({
      emulator: { dialect: { paging: 'none', pageCap: 100 } },
      otherRepositories: [{ id: '2c4e6a80-1b3d-4f5a-8c7e-9d0f1a2b3c4d', name: 'others', remotePath: 'git@github.com:acme/others.git' }],
    });
    const authorization = `Basic ${Buffer.from(`${ACCESS_KEY}:${SECRET_KEY}`).toString('base64')}`;
    for (let i = 0; i < 100; i++) {
      const body = { name: `other-${i}`, repositoryId: '2c4e6a80-1b3d-4f5a-8c7e-9d0f1a2b3c4d', branchName: 'main', modelType: 2, contractPath: `m/${i}` };
      await fetch(`${h.emulator.url}/workspaces/${WORKSPACE_ID}/deployments`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    }
    h.emulator.clearLog();

    expect(await deploy()).toEqual({ success: false });
    expect(h.writes()).toEqual([]);
    expect(plain(h.printed).pop()).toBe(
      `[${PROJECT}] deploy failed: no deployment of the contract "${PROJECT}" was found, but Deeploy's deployment list cannot be shown complete (it ignores "offset" and sent exactly 100 items, so there may be more), so none was created (it could be a second one): if the contract has a deployment, set "deploymentId" in ${PROJECT}/project.json to its id; run deeploy-ci doctor to see how the list reads`,
    );
  });
});
