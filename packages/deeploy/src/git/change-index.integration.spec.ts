/**
 * The batch's change index answers exactly what the per-contract git questions answer, from one
 * whole-tree status and one diff per commit pair, in a real repository with awkward folder names.
 */
import { changeIndex } from './change-index';
import { contractChangedBetween } from './contract-changes';
import { openGitBridge, type GitBridge } from './git-bridge';
import { contractPathspecs, settingsFileOf } from './git-state';
import { createTempRepo, useGitTestIdentity, type TempRepo } from './testing/temp-repo';

/** Contract folders whose names start like each other, one with glob characters, and the root contract. */
const CONTRACTS = ['models/a', 'models/ab', 'models/a b[1]', ''];

function countingBridge(git: GitBridge): { git: GitBridge; calls: string[] } {
  const calls: string[] = [];
  const counted = Object.fromEntries(
    Object.entries(git).map(([name, method]) => [name, (...args: unknown[]) => (calls.push(name), (method as (...a: unknown[]) => unknown)(...args))]),
  ) as unknown as GitBridge;
  return { git: counted, calls };
}

describe('changeIndex: whole-tree git answers split per contract', () => {
  let repo: TempRepo;
  let restore: () => void;
  let first: string;
  let second: string;

  beforeEach(() => {
    restore = useGitTestIdentity();
    repo = createTempRepo();
    for (const contract of CONTRACTS) {
      const at = (p: string) => (contract ? `${contract}/${p}` : p);
      repo.writeJson(at('model/reference.json'), { reference: { blob: { url: `s3://x/${contract}` } } });
      repo.writeJson(at('metadata.json'), { problemType: 'classification' });
      repo.writeJson(at('project.json'), { name: contract || 'root', targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN' } } } });
    }
    repo.write('shared/features/f.py', '1\n');
    first = repo.commit('contracts');
    repo.writeJson('models/ab/model/reference.json', { reference: { blob: { url: 's3://x/ab2' } } });
    repo.writeJson('models/a b[1]/project.json', { name: 'glob', targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN', modelMemLimit: 1 } } } });
    repo.writeJson('project.json', { name: 'root' });
    repo.writeJson('models/a/explainer/reference.json', { reference: { blob: { url: 's3://x/e' } } });
    repo.git('rm', '--quiet', 'models/ab/project.json');
    repo.write('shared/features/f.py', '2\n');
    repo.write('README.md', 'x\n');
    second = repo.commit('changes');
  });
  afterEach(() => {
    repo.remove();
    restore();
  });

  it('changed paths per contract are the same as asking git per contract, from one diff', async () => {
    const bridge = openGitBridge(repo.dir);
    const { git, calls } = countingBridge(bridge);
    const index = changeIndex(git);
    for (const contract of CONTRACTS) {
      const specs = [...contractPathspecs(contract, true), 'shared/features'];
      expect((await index.changedPathsBetween(first, second, specs)).sort()).toEqual((await bridge.changedPathsBetween(first, second, specs)).sort());
    }
    expect(await index.changedPathsBetween(first, second, contractPathspecs('models/a'))).toEqual(['models/a/explainer/reference.json']);
    expect(await index.changedPathsBetween(first, second, contractPathspecs(''))).toEqual([]);
    expect(calls.filter((c) => c === 'treeChanges')).toHaveLength(1);
    expect(calls.filter((c) => c === 'readBlobs')).toHaveLength(1);
  });

  it('settings files at both commits read from the diff are the files git has there (changed, added, deleted)', async () => {
    const bridge = openGitBridge(repo.dir);
    const { git, calls } = countingBridge(bridge);
    const index = changeIndex(git);
    await index.changedPathsBetween(first, second, ['']);
    for (const contract of CONTRACTS) {
      for (const commit of [first, second]) {
        expect(await index.fileAt(commit, settingsFileOf(contract))).toEqual(await bridge.fileAt(commit, settingsFileOf(contract)));
      }
    }
    // Only the unchanged one (models/a/project.json) was asked for on its own, at each commit.
    expect(calls.filter((c) => c === 'fileAt')).toHaveLength(2);
  });

  it('uncommitted paths per contract from one status of the tree', async () => {
    repo.write('models/ab/metadata.json', '{"problemType":"regression"}\n');
    repo.write('models/a b[1]/model/new.bin', 'x');
    repo.write('notes.txt', 'x');
    const bridge = openGitBridge(repo.dir);
    const { git, calls } = countingBridge(bridge);
    const index = changeIndex(git);
    for (const contract of CONTRACTS) {
      const specs = contractPathspecs(contract, true);
      expect((await index.uncommittedPaths(specs)).sort()).toEqual((await bridge.uncommittedPaths(specs)).sort());
    }
    expect(await index.uncommittedPaths(contractPathspecs('models/a', true))).toEqual([]);
    expect(await index.uncommittedPaths(contractPathspecs('models/ab', true))).toEqual(['models/ab/metadata.json']);
    expect(calls).toEqual(['uncommittedTree']);
  });

  it('a deployed commit git does not have: unknown, not unchanged, with or without the index', async () => {
    const missing = 'f'.repeat(40);
    const scope = { contractPath: 'models/a', dependencies: [] };
    expect(await contractChangedBetween(openGitBridge(repo.dir), scope, missing, second)).toEqual({ changed: undefined });
    expect(await contractChangedBetween(changeIndex(openGitBridge(repo.dir)), scope, missing, second)).toEqual({ changed: undefined });
  });

  it('a deployed commit missing here is fetched when it can be, and then compared like any other (one task or a batch)', async () => {
    // The deployed commit is on the remote but not in this clone (as in a shallow CI checkout).
    repo.write('shared/features/f.py', 'remote only\n');
    const deployed = repo.commit('deployed elsewhere');
    repo.push();
    const forget = () => {
      repo.git('update-ref', '-d', 'refs/remotes/origin/main');
      repo.git('reflog', 'expire', '--expire=now', '--all');
      repo.git('gc', '--quiet', '--prune=now');
    };
    repo.git('reset', '--quiet', '--hard', second);
    forget();
    const scope = { contractPath: 'models/a', dependencies: [{ project: 'shared-features', path: 'shared/features' }] };
    for (const git of [openGitBridge(repo.dir), changeIndex(openGitBridge(repo.dir))]) {
      expect(await git.hasCommit(deployed)).toBe(false);
      const fetched: string[] = [];
      const fetchMissing = async (sha: string) => {
        fetched.push(sha);
        repo.git('fetch', '--quiet', 'origin', 'main');
        return true;
      };
      expect(await contractChangedBetween(git, scope, deployed, second, fetchMissing)).toEqual({ changed: true, dependency: 'shared-features' });
      expect(fetched).toEqual([deployed]);
      forget();
    }
  });

  it('a deployed commit that is not a commit id (from a hostile server) is never passed to git: unknown', async () => {
    const { git, calls } = countingBridge(openGitBridge(repo.dir));
    const scope = { contractPath: 'models/a', dependencies: [] };
    for (const hostile of [`--output=${repo.dir}/pwned`, 'HEAD~1', `${first}..${second}`, 'main']) {
      expect(await contractChangedBetween(changeIndex(git), scope, hostile, second)).toEqual({ changed: undefined });
    }
    expect(calls).toEqual([]);
  });

  it('verdicts: own files, settings, a dependency by name, nothing', async () => {
    const index = changeIndex(openGitBridge(repo.dir));
    const shared = [{ project: 'shared-features', path: 'shared/features' }];
    expect(await contractChangedBetween(index, { contractPath: 'models/ab', dependencies: shared }, first, second)).toEqual({ changed: true });
    expect(await contractChangedBetween(index, { contractPath: 'models/a b[1]', dependencies: [] }, first, second)).toEqual({ changed: true });
    // The root contract's project.json lost its deploy options: a settings change.
    expect(await contractChangedBetween(index, { contractPath: '', dependencies: [] }, first, second)).toEqual({ changed: true });
    expect(await contractChangedBetween(index, { contractPath: 'models/a', dependencies: [] }, first, second)).toEqual({ changed: true });
    repo.write('shared/features/f.py', '3\n');
    const third = repo.commit('only the library');
    expect(await contractChangedBetween(index, { contractPath: 'models/a', dependencies: shared }, second, third)).toEqual({
      changed: true,
      dependency: 'shared-features',
    });
    expect(await contractChangedBetween(index, { contractPath: 'models/a', dependencies: [] }, second, third)).toEqual({ changed: false });
  });
});
