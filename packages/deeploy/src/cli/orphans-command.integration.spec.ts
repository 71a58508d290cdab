/**
 * `deeploy-ci orphans` end to end: contracts deployed by the real deploy executor to the emulator,
 * a real git repository with a bare `origin`, and the CLI's `main` as a pipeline runs it.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import deployExecutor from '../executors/deploy/executor';
import { ACCESS_KEY, createHarness, PROJECT, SECRET_KEY, WORKSPACE_ID, type Harness } from '../executors/testing/harness';
import { main } from './deeploy-ci';

const FRAUD = 'models/fraud';

describe('deeploy-ci orphans against the emulator', () => {
  let h: Harness;
  let out: string[];
  let err: string[];
  let env: NodeJS.ProcessEnv;
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  const orphans = (args: string[] = []) => main(['orphans', ...args], env, join(h.repo.dir, 'models'), io);
  const deploymentOf = (contractPath: string) => h.deployments().find((d) => d.activeVersion.contractPath === contractPath)!;

  beforeEach(async () => {
    // Written against the emulator's first guesses (the 'classic' dialect); the other dialects are covered by dialects.integration.spec.ts and deployed-state.integration.spec.ts.
    h = await createHarness({ emulator: { dialect: 'classic' } });
    h.repo.writeJson(`${FRAUD}/model/reference.json`, { reference: { docker: { image: 'docker.io/acme/fraud:1.0.0', uri: '/predict', port: 8080 } } });
    h.repo.commit('add the fraud contract');
    h.repo.push();
    for (const project of [PROJECT, FRAUD]) {
      expect(await deployExecutor(h.options('deeploy-deploy', {}, project), h.context(project))).toEqual({ success: true });
    }
    expect(h.deployments()).toHaveLength(2);
    h.emulator.clearLog();
    env = { DEEPLOY_API_URL: h.emulator.url, DEEPLOY_WORKSPACE_ID: WORKSPACE_ID, DEEPLOY_ACCESS_KEY: ACCESS_KEY, DEEPLOY_SECRET_KEY: SECRET_KEY };
    out = [];
    err = [];
  });
  afterEach(() => h.close());

  function deleteFraud(): string {
    rmSync(join(h.repo.dir, FRAUD), { recursive: true });
    const commit = h.repo.commit('remove the fraud model');
    h.repo.push();
    return commit;
  }

  it('says there are no orphaned deployments while every contract is there', async () => {
    expect(await orphans()).toBe(0);
    expect(out).toEqual([`deeploy-ci orphans: no orphaned deployments (2 deployments of repository models on main at ${h.repo.head().slice(0, 7)} checked)`]);
    expect(err).toEqual([]);
  });

  it('names the deployment of a deleted contract folder, with where to delete it, sending only GETs', async () => {
    const commit = deleteFraud();
    const fraud = deploymentOf(FRAUD);
    expect(await orphans()).toBe(0);
    expect(out).toEqual([
      `deeploy-ci orphans: 1 of 2 deployments of repository models on main at ${commit.slice(0, 7)} deploy a contract that no longer exists:`,
      `  deployment ${fraud.id} "models-fraud" deploys models/fraud, which holds no contract any more: delete it in Deeploy (deployment ${fraud.id}) if nothing uses it`,
    ]);
    expect(h.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /workspaces/${WORKSPACE_ID}/repositories`,
      `GET /workspaces/${WORKSPACE_ID}/deployments`,
    ]);
    expect(h.deployments()).toHaveLength(2);
  });

  it('counts a folder whose model/ marker was removed as gone, and one with only other files changed as there', async () => {
    rmSync(join(h.repo.dir, FRAUD, 'model'), { recursive: true });
    h.repo.write(`${FRAUD}/README.md`, 'retired\n');
    h.repo.write(`${PROJECT}/README.md`, 'still here\n');
    h.repo.commit('retire fraud, document churn');
    expect(await orphans()).toBe(0);
    expect(out[0]).toMatch(/^deeploy-ci orphans: 1 of 2 deployments/);
    expect(out[1]).toContain('deploys models/fraud,');
  });

  it('exits 1 with --fail-on-orphans when there are orphans, 0 when there are none', async () => {
    expect(await orphans(['--fail-on-orphans'])).toBe(0);
    deleteFraud();
    expect(await orphans(['--fail-on-orphans'])).toBe(1);
  });

  it('adds its own section to --out, keeping what is there, and replaces it on the next run', async () => {
    deleteFraud();
    const file = join(h.repo.dir, 'summary.md');
    writeFileSync(file, '# Earlier step\n');
    expect(await orphans(['--out', 'summary.md'])).toBe(0);
    expect(await orphans(['--out', 'summary.md'])).toBe(0);
    const markdown = readFileSync(file, 'utf8');
    expect(markdown.startsWith('# Earlier step\n')).toBe(true);
    expect(markdown.match(/### Deeploy: orphaned deployments/g)).toHaveLength(1);
    expect(markdown).toContain(`| ${deploymentOf(FRAUD).id} | models-fraud | models/fraud |`);
  });

  it("reads the Deeploy settings from nx.json's plugin options, as a deploy does", async () => {
    h.repo.writeJson('nx.json', {
      plugins: [{ plugin: 'deeploy', options: { apiUrl: h.emulator.url, workspaceId: WORKSPACE_ID, deployDependsOn: ['^build'] } }],
    });
    env = { DEEPLOY_ACCESS_KEY: ACCESS_KEY, DEEPLOY_SECRET_KEY: SECRET_KEY };
    expect(await orphans()).toBe(0);
    expect(out[0]).toMatch(/^deeploy-ci orphans: no orphaned deployments \(2 deployments/);
  });

  it('checks the branch Deeploy reads in a detached CI checkout', async () => {
    deleteFraud();
    h.repo.git('checkout', '--quiet', '--detach');
    expect(await orphans()).toBe(2);
    expect(err).toEqual([expect.stringMatching(/^deeploy-ci orphans: HEAD is detached and no CI branch variable .* pass --branch=<branch>/)]);
    err = [];
    env.GITHUB_REF_NAME = 'main';
    expect(await orphans()).toBe(0);
    expect(out[0]).toMatch(/^deeploy-ci orphans: 1 of 2 deployments of repository models on main/);
    out = [];
    expect(await orphans(['--branch', 'release'])).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(/^deeploy-ci orphans: no orphaned deployments \(0 deployments of repository models on release/),
      'deeploy-ci orphans: not checked: 2 deployments of other branches (main); run it on a checkout of that branch',
    ]);
  });

  it.each([
    [
      'no keys',
      { DEEPLOY_ACCESS_KEY: undefined, DEEPLOY_SECRET_KEY: undefined },
      'deeploy-ci orphans: no Deeploy credentials: set DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY (a personal key pair made in the Deeploy UI) in the environment',
    ],
    [
      'no workspace',
      { DEEPLOY_WORKSPACE_ID: undefined },
      'deeploy-ci orphans: no Deeploy workspace: set "workspaceId" in the deeploy plugin options of nx.json, or DEEPLOY_WORKSPACE_ID',
    ],
    [
      'a wrong secret key',
      { DEEPLOY_SECRET_KEY: 'wrong-secret' },
      /^deeploy-ci orphans: GET \/workspaces\/\S+\/repositories failed: .*401.*; check DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY/,
    ],
  ])('fails with exit 2 and one line, sending nothing it need not (%s)', async (_case, change, message) => {
    env = { ...env, ...change };
    expect(await orphans()).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([expect.stringMatching(typeof message === 'string' ? `^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : message)]);
    expect(err.join('\n')).not.toContain('wrong-secret');
    expect(h.requests().every((r) => r.method === 'GET')).toBe(true);
  });

  it('fails with one line naming the remote when no Deeploy repository matches it', async () => {
    h.repo.git('remote', 'set-url', 'origin', 'https://user:hunter2@github.com/acme/elsewhere.git');
    expect(await orphans()).toBe(2);
    expect(err).toEqual([expect.stringMatching(/^deeploy-ci orphans: git remote "origin" \(github\.com\/acme\/elsewhere\) matches no Deeploy repository/)]);
    expect(err[0]).not.toContain('hunter2');
  });

  it('refuses bad arguments with one line', async () => {
    expect(await orphans(['--branch=-x'])).toBe(2);
    expect(await orphans(['--out='])).toBe(2);
    expect(await orphans(['--delete'])).toBe(2);
    expect(err).toEqual([
      'deeploy-ci orphans: --branch "-x" is not a branch name; e.g. --branch=main.',
      'deeploy-ci orphans: --out is empty; pass a path, e.g. --out="$GITHUB_STEP_SUMMARY".',
      "deeploy-ci orphans: Unknown option '--delete'; see deeploy-ci --help.",
    ]);
    expect(h.requests()).toEqual([]);
  });
});
