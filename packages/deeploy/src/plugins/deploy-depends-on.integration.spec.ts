/**
 * `deployDependsOn` as Nx itself reads it: a workspace that loads the BUILT plugin (run
 * `npm run build` first), a shared library project that a contract declares as a dependency in
 * its project.json, and nx's own answers (`nx show project`, the task graph of `nx affected`).
 * Nothing is deployed: without Deeploy keys the deploy task stops at its first check.
 */
import type { TempRepo } from '../git/testing/temp-repo';
import { assertPluginBuilt, createPipelineWorkspace, runIn, writeDockerContract } from '../generators/ci/testing/pipeline-workspace';

describe('deployDependsOn, read by nx', () => {
  let repo: TempRepo;
  let base: string;
  const env = () => ({ PATH: process.env.PATH, HOME: process.env.HOME, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_ISOLATE_PLUGINS: 'false', CI: 'true' });
  const nx = async (...args: string[]) => {
    const result = await runIn(repo.dir, 'npx', ['--no', 'nx', ...args], env());
    if (result.code !== 0) throw new Error(`nx ${args.join(' ')} failed:\n${result.output}`);
    return result.output;
  };

  beforeAll(() => {
    assertPluginBuilt();
    repo = createPipelineWorkspace({ plugins: [{ plugin: 'deeploy', options: { deployDependsOn: ['^build'] } }] });
    repo.writeJson('shared/features/project.json', {
      name: 'shared-features',
      implicitDependencies: ['shared-core'],
      targets: { build: { executor: 'nx:run-commands', options: { command: 'echo built' } } },
    });
    repo.writeJson('shared/core/project.json', { name: 'shared-core' });
    repo.write('shared/core/core.py', 'VERSION = 1\n');
    repo.write('docs/notes.md', 'notes\n');
    repo.write('shared/features/features.py', 'FEATURES = ["age"]\n');
    for (const model of ['churn', 'fraud']) writeDockerContract(repo, `models/${model}`, `docker.io/acme/${model}:1.0.0`);
    repo.writeJson('models/churn/project.json', { name: 'models/churn', implicitDependencies: ['shared-features'] });
    base = repo.commit('a shared library and two contracts');
  }, 60_000);

  afterAll(() => repo?.remove());

  /** Runs `nx affected -t deeploy-deploy` from the first commit; the tasks nx started, in order. */
  async function affectedDeploy(head: string): Promise<{ output: string; started: string[] }> {
    const run = await runIn(
      repo.dir,
      'npx',
      ['--no', 'nx', 'affected', '-t', 'deeploy-deploy', `--base=${base}`, `--head=${head}`, '--parallel=1', '--outputStyle=static'],
      env(),
    );
    // eslint-disable-next-line no-control-regex -- the colour codes Nx prints
    const output = run.output.replace(/\u001b\[[0-9;]*m/g, '');
    return { output, started: [...new Set([...output.matchAll(/^> nx run (\S+)$/gm)].map((match) => match[1]))] };
  }

  it('shows dependsOn on the deploy and update targets of each contract', async () => {
    const project = JSON.parse(await nx('show', 'project', 'models/churn', '--json')) as { targets: Record<string, { dependsOn?: unknown }> };
    expect(project.targets['deeploy-deploy'].dependsOn).toEqual(['^build']);
    expect(project.targets['deeploy-update'].dependsOn).toEqual(['^build']);
    expect(project.targets['deeploy-validate'].dependsOn).toBeUndefined();
  }, 60_000);

  it('a change to the shared library alone: nx affected builds the library, then deploys the contract that depends on it', async () => {
    repo.write('shared/features/features.py', 'FEATURES = ["age", "tenure"]\n');
    const head = repo.commit('a new feature');
    // No Deeploy keys: each deploy task stops at its first check, after Nx has run what it depends on.
    const { output, started } = await affectedDeploy(head);
    expect(started).toEqual(['shared-features:build', 'models/churn:deeploy-deploy']);
    expect(output).toMatch(/^built$/m);
    expect(output).toContain('[models/churn] deploy failed: no Deeploy credentials');
    expect(output).not.toContain('models/fraud');
  }, 60_000);

  it('a change to a project the library depends on reaches the contract too (transitively)', async () => {
    repo.git('checkout', '--quiet', base, '--', 'shared');
    repo.write('shared/core/core.py', 'VERSION = 2\n');
    const head = repo.commit('core only');
    expect((await affectedDeploy(head)).started).toEqual(['shared-features:build', 'models/churn:deeploy-deploy']);
  }, 60_000);

  it('a change to neither the contracts nor what they depend on runs nothing', async () => {
    repo.git('checkout', '--quiet', base, '--', 'shared');
    repo.write('docs/notes.md', 'more notes\n');
    const head = repo.commit('docs only');
    const { output, started } = await affectedDeploy(head);
    expect(started).toEqual([]);
    expect(output).toContain('No tasks were run');
  }, 60_000);
});
