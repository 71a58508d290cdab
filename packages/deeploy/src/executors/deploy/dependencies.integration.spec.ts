/**
 * Issue 16: a contract is changed when a workspace project it depends on (through the project
 * graph Nx hands the executor) changed since the deployed commit, not only its own folder.
 * One task at a time, as Nx runs deploys without batch mode.
 */
import type { ExecutorContext } from '../../nx/devkit';
import { createHarness, plain, PROJECT, type Harness } from '../testing/harness';
import deployExecutor from './executor';

describe('deploy executor: changes that reach a contract through its dependencies', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    h.repo.writeJson('shared/features/project.json', { name: 'shared-features' });
    h.repo.write('shared/features/features.py', 'FEATURES = ["age"]\n');
    h.repo.writeJson('shared/utils/project.json', { name: 'shared-utils' });
    h.repo.write('shared/utils/io.py', 'def read(): pass\n');
    h.repo.writeJson('models/ab/project.json', { name: 'models-ab' });
    h.repo.commit('shared libraries');
    h.repo.push();
  });
  afterEach(() => h.close());

  /** churn → shared-features → shared-utils, churn → npm:numpy, churn → the workspace root project. */
  function context(): ExecutorContext {
    const node = (name: string, root: string) => ({ name, type: 'lib', data: { root } });
    return {
      ...h.context(),
      projectGraph: {
        nodes: {
          [PROJECT]: node(PROJECT, PROJECT),
          'shared-features': node('shared-features', 'shared/features'),
          'shared-utils': node('shared-utils', 'shared/utils'),
          workspace: node('workspace', '.'),
        },
        externalNodes: { 'npm:numpy': { name: 'npm:numpy', type: 'npm', data: { version: '2.0.0', packageName: 'numpy' } } },
        dependencies: {
          [PROJECT]: [
            { source: PROJECT, target: 'shared-features', type: 'implicit' },
            { source: PROJECT, target: 'npm:numpy', type: 'static' },
            { source: PROJECT, target: 'workspace', type: 'implicit' },
          ],
          'shared-features': [{ source: 'shared-features', target: 'shared-utils', type: 'static' }],
          'shared-utils': [],
          workspace: [],
        },
      },
    } as unknown as ExecutorContext;
  }
  const deploy = () => deployExecutor(h.options('deeploy-deploy'), context());
  const commitAndPush = (message: string) => {
    const sha = h.repo.commit(message);
    h.repo.push();
    return sha;
  };
  const lastLine = () => plain(h.printed).at(-1);

  it('updates when a dependency changed, naming it; the line for a change in the contract itself is unchanged', async () => {
    await deploy();
    const deployed = h.repo.head();
    h.repo.write('shared/features/features.py', 'FEATURES = ["age", "tenure"]\n');
    const head = commitAndPush('a new feature');
    h.emulator.clearLog();

    expect(await deploy()).toEqual({ success: true });

    const id = h.deployments()[0].id;
    expect(lastLine()).toBe(
      `[${PROJECT}] updated deployment ${id} at ${head.slice(0, 7)} (shared-features changed since ${deployed.slice(0, 7)}): commit (${deployed.slice(0, 7)} → ${head.slice(0, 7)})`,
    );
    expect(h.writes()).toHaveLength(1);
    expect(h.deployments()[0].activeVersion.commit).toBe(head);
    expect(h.reportOf()).toMatchObject({ action: 'update', changedFields: ['commit'] });

    h.repo.writeJson(`${PROJECT}/metadata.json`, { problemType: 'regression' });
    h.repo.write('shared/features/features.py', 'FEATURES = []\n');
    const next = commitAndPush('both');
    await deploy();
    // Its own files come first: the existing wording, no dependency named.
    expect(lastLine()).toBe(`[${PROJECT}] updated deployment ${id} at ${next.slice(0, 7)}: commit (${head.slice(0, 7)} → ${next.slice(0, 7)})`);
  });

  it('follows dependencies transitively', async () => {
    await deploy();
    const deployed = h.repo.head();
    h.repo.write('shared/utils/io.py', 'def read(): return 1\n');
    commitAndPush('utils');
    await deploy();
    expect(lastLine()).toContain(`(shared-utils changed since ${deployed.slice(0, 7)})`);
  });

  it('skips a change outside the contract and its dependencies: a root README (the root project holds the contract), a sibling named like a prefix', async () => {
    await deploy();
    h.repo.write('README.md', '# models\n');
    h.repo.write('models/ab/notes.md', 'x\n');
    h.repo.write('shared/featuresX/x.py', 'x\n');
    commitAndPush('unrelated');
    h.emulator.clearLog();

    expect(await deploy()).toEqual({ success: true });

    expect(h.writes()).toEqual([]);
    expect(lastLine()).toMatch(/already deployed: deployment \S+ is up to date \(the contract has not changed since the deployed commit [0-9a-f]{7}\)$/);
  });
});
