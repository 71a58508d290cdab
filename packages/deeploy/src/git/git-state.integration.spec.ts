import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { branchFromCiEnv } from './ci-branch';
import { openGitBridge, parsePorcelainZ } from './git-bridge';
import { assertCommitOnRemote, assertContractCommitted, contractPathspecs, readGitState, relativeInside } from './git-state';
import { createTempRepo, useGitTestIdentity, type TempRepo } from './testing/temp-repo';

describe('branchFromCiEnv', () => {
  it('prefers the pull request source branch over GitHub’s merge ref', () => {
    expect(branchFromCiEnv({ GITHUB_HEAD_REF: 'feature/x', GITHUB_REF_NAME: '12/merge' })).toEqual({
      branch: 'feature/x',
      variable: 'GITHUB_HEAD_REF',
    });
  });
  it('reads GITHUB_REF_NAME on pushes, but not for tags', () => {
    expect(branchFromCiEnv({ GITHUB_HEAD_REF: '', GITHUB_REF_NAME: 'main', GITHUB_REF_TYPE: 'branch' })?.branch).toBe('main');
    expect(branchFromCiEnv({ GITHUB_REF_NAME: 'v1.0.0', GITHUB_REF_TYPE: 'tag' })).toBeUndefined();
  });
  it('reads GitLab’s merge request source branch, then the ref name outside tag pipelines', () => {
    expect(branchFromCiEnv({ CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'mr', CI_COMMIT_REF_NAME: 'x' })?.branch).toBe('mr');
    expect(branchFromCiEnv({ CI_COMMIT_REF_NAME: 'main' })).toEqual({ branch: 'main', variable: 'CI_COMMIT_REF_NAME' });
    expect(branchFromCiEnv({ CI_COMMIT_REF_NAME: 'v1', CI_COMMIT_TAG: 'v1' })).toBeUndefined();
  });
});

describe('parsePorcelainZ', () => {
  it('lists changed paths and skips the old path of a rename', () => {
    expect(parsePorcelainZ(' M a/model/reference.json\0R  new.json\0old.json\0?? a/metadata.json\0')).toEqual([
      'a/model/reference.json',
      'new.json',
      'a/metadata.json',
    ]);
  });
});

describe('contractPathspecs', () => {
  it('names only the files Deeploy reads, plus the settings file when asked, also at the root', () => {
    expect(contractPathspecs('models/churn', true)).toEqual([
      'models/churn/model',
      'models/churn/explainer',
      'models/churn/transformer',
      'models/churn/metadata.json',
      'models/churn/project.json',
    ]);
    expect(contractPathspecs('')).toEqual(['model', 'explainer', 'transformer', 'metadata.json']);
  });
});

describe('git state against real repositories', () => {
  let repo: TempRepo;
  let restoreIdentity: () => void;
  beforeEach(() => {
    restoreIdentity = useGitTestIdentity();
    repo = createTempRepo();
    repo.writeJson('models/churn/model/reference.json', { reference: { blob: { url: 's3://bucket/m' } } });
    repo.write('README.md', 'hello\n');
    repo.commit('init');
    repo.push();
  });
  afterEach(() => {
    repo.remove();
    restoreIdentity();
  });

  const input = (over: Partial<Parameters<typeof readGitState>[1]> = {}) => ({
    workspaceRoot: repo.dir,
    projectRoot: 'models/churn',
    remote: 'origin',
    env: {},
    ...over,
  });

  it('reads the root, repository-relative contract path, remote, branch and HEAD', async () => {
    const git = openGitBridge(repo.dir);
    const state = await readGitState(git, input());
    expect(state).toEqual({
      repoRoot: repo.dir,
      contractPath: 'models/churn',
      remote: 'origin',
      remoteUrl: repo.origin,
      branch: 'main',
      branchSource: 'checkout',
      commit: repo.head(),
    });
  });

  it('computes the contract path from the repository root when the workspace is a subfolder', async () => {
    repo.write('ws/nx.json', '{}\n');
    repo.writeJson('ws/churn/model/reference.json', { reference: { blob: { url: 's3://bucket/m' } } });
    repo.commit('nested workspace');
    const state = await readGitState(openGitBridge(join(repo.dir, 'ws')), input({ workspaceRoot: join(repo.dir, 'ws'), projectRoot: 'churn' }));
    expect(state.contractPath).toBe('ws/churn');
  });

  it('takes the branch from CI variables when HEAD is detached, and the branch option over both', async () => {
    repo.git('checkout', '--quiet', '--detach');
    const git = openGitBridge(repo.dir);
    await expect(readGitState(git, input())).rejects.toThrow(/HEAD is detached.*--branch/);
    expect((await readGitState(git, input({ env: { GITHUB_REF_NAME: 'main' } }))).branchSource).toBe('GITHUB_REF_NAME');
    const state = await readGitState(git, input({ branch: 'release', env: { GITHUB_REF_NAME: 'main' } }));
    expect([state.branch, state.branchSource]).toEqual(['release', 'branch option']);
  });

  it('names a missing remote and how to fix it', async () => {
    await expect(readGitState(openGitBridge(repo.dir), input({ remote: 'upstream' }))).rejects.toThrow('git remote "upstream" does not exist');
  });

  it('refuses uncommitted or untracked contract files, and ignores changes elsewhere', async () => {
    const git = openGitBridge(repo.dir);
    const state = await readGitState(git, input());
    repo.write('README.md', 'changed\n');
    repo.write('models/churn/notes.txt', 'not a contract file\n');
    await expect(assertContractCommitted(git, state)).resolves.toBeUndefined();
    repo.write('models/churn/metadata.json', '{}\n');
    await expect(assertContractCommitted(git, state)).rejects.toThrow('uncommitted changes in the contract (models/churn/metadata.json)');
  });

  it('accepts a pushed commit and refuses one the remote branch does not contain', async () => {
    const git = openGitBridge(repo.dir);
    await expect(assertCommitOnRemote(git, await readGitState(git, input()))).resolves.toBeUndefined();
    repo.write('README.md', 'local only\n');
    repo.commit('local');
    await expect(assertCommitOnRemote(git, await readGitState(git, input()))).rejects.toThrow(
      /commit [0-9a-f]{7} is not on origin\/main .*git push origin HEAD:main/,
    );
  });

  it('accepts a commit behind the remote head, fetching the head it does not know yet', async () => {
    const git = openGitBridge(repo.dir);
    const pushedBefore = await readGitState(git, input());
    // Another clone moves the remote branch ahead.
    const other = createTempRepo();
    other.git('fetch', '--quiet', repo.origin, 'main');
    other.git('reset', '--quiet', '--hard', 'FETCH_HEAD');
    other.write('other.txt', 'x');
    other.commit('elsewhere');
    other.git('push', '--quiet', repo.origin, 'HEAD:refs/heads/main');
    other.remove();
    await expect(assertCommitOnRemote(git, pushedBefore)).resolves.toBeUndefined();
  });

  it('says when the branch is not on the remote', async () => {
    repo.git('checkout', '--quiet', '-b', 'feature');
    const git = openGitBridge(repo.dir);
    await expect(assertCommitOnRemote(git, await readGitState(git, input()))).rejects.toThrow(
      'branch "feature" (from checkout) does not exist on remote "origin": push it',
    );
  });

  it('lists contract files changed between commits and commits only the given paths', async () => {
    const git = openGitBridge(repo.dir);
    const first = repo.head();
    repo.write('README.md', 'staged but not ours\n');
    repo.git('add', 'README.md');
    repo.writeJson('models/churn/model/reference.json', { reference: { blob: { url: 's3://bucket/m2' } } });
    const second = await git.commitPaths(['models/churn/model/reference.json'], 'deeploy: new reference');
    expect(await git.changedPathsBetween(first, second, contractPathspecs('models/churn'))).toEqual(['models/churn/model/reference.json']);
    expect(repo.git('status', '--porcelain')).toBe('M  README.md');
    expect(await git.hasCommit(second)).toBe(true);
    expect(JSON.parse((await git.fileAt(first, 'models/churn/model/reference.json')) ?? '')).toEqual({ reference: { blob: { url: 's3://bucket/m' } } });
    expect(await git.fileAt(first, 'models/churn/project.json')).toBeUndefined();
    expect(await git.hasCommit('0123456789012345678901234567890123456789')).toBe(false);
  });

  it('lists every file of a commit, repository-relative from any folder, odd names included', async () => {
    const first = repo.head();
    repo.write('models/we ird\nname/model/model.onnx', 'x');
    const second = repo.commit('odd folder name');
    repo.write('uncommitted.txt', 'not in any commit');
    const git = openGitBridge(join(repo.dir, 'models'));
    expect(await git.filesAt(first)).toEqual(['README.md', 'models/churn/model/reference.json']);
    expect(await git.filesAt(second)).toEqual(['README.md', 'models/churn/model/reference.json', 'models/we ird\nname/model/model.onnx']);
  });

  it('resolves symlinks when placing the contract inside the repository', () => {
    mkdirSync(join(repo.dir, 'real'));
    symlinkSync(join(repo.dir, 'real'), join(repo.dir, 'link'));
    expect(relativeInside(repo.dir, join(repo.dir, 'link'))).toBe('real');
    expect(relativeInside(join(repo.dir, 'real'), repo.dir)).toBeUndefined();
  });
});
