/** Git for throwaway benchmark repositories: a fixed identity, no user or system config. */
const { execFileSync } = require('node:child_process');

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Deeploy Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'Deeploy Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function git(cwd, args) {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Commits everything, pushes to origin (Deeploy reads the remote), returns the commit sha. */
function commitAndPush(cwd, message, branch = 'main') {
  git(cwd, ['add', '--all']);
  git(cwd, ['commit', '--quiet', '-m', message]);
  git(cwd, ['push', '--quiet', 'origin', branch]);
  return git(cwd, ['rev-parse', 'HEAD']);
}

module.exports = { git, commitAndPush, GIT_ENV };
