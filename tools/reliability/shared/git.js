/**
 * Git for throwaway repositories: a working copy with a local bare repository as `origin` (which
 * the emulator reads the way Deeploy reads the remote). Fixed identity, no user or system config.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Reliability Test',
  GIT_AUTHOR_EMAIL: 'reliability@example.invalid',
  GIT_COMMITTER_NAME: 'Reliability Test',
  GIT_COMMITTER_EMAIL: 'reliability@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

function git(cwd, args) {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function writeFile(root, relative, content) {
  const file = path.join(root, ...relative.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
}

/**
 * `<base>/origin.git` (bare) and `<base>/work` (the workspace root, `origin` → origin.git), with
 * `files` committed and pushed to main. Returns the helpers the tests use.
 */
function createRepo(base, files = {}) {
  const origin = path.join(base, 'origin.git');
  const dir = path.join(base, 'work');
  fs.mkdirSync(dir, { recursive: true });
  git(base, ['init', '--quiet', '--bare', '--initial-branch=main', '--template=', origin]);
  git(dir, ['init', '--quiet', '--initial-branch=main', '--template=']);
  git(dir, ['remote', 'add', 'origin', origin]);
  for (const [relative, content] of Object.entries(files)) writeFile(dir, relative, content);
  const repo = {
    base,
    dir,
    origin,
    git: (...args) => git(dir, args),
    write: (relative, content) => writeFile(dir, relative, content),
    commit(message) {
      git(dir, ['add', '--all']);
      git(dir, ['commit', '--quiet', '--allow-empty', '-m', message]);
      return repo.head();
    },
    push: () => git(dir, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main']),
    commitAndPush(message) {
      const sha = repo.commit(message);
      repo.push();
      return sha;
    },
    head: () => git(dir, ['rev-parse', 'HEAD']),
    originHead: () => git(origin, ['rev-parse', 'refs/heads/main']),
    status: () => git(dir, ['status', '--porcelain', '--untracked-files=all', '--ignored=no']),
    /** The tree of `relative` at `commit`: equal ids mean equal contents. */
    treeAt: (commit, relative) => git(dir, ['rev-parse', `${commit}:${relative}`]),
  };
  repo.commitAndPush('initial commit');
  return repo;
}

module.exports = { git, createRepo, writeFile, GIT_ENV };
