/**
 * Git for throwaway repositories: a working copy with a local bare repository as `origin` (which
 * the emulator reads the way Deeploy reads the remote). Fixed identity, no user or system config.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FileContent, Files } from './fixtures';

export const GIT_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: 'Reliability Test',
  GIT_AUTHOR_EMAIL: 'reliability@example.invalid',
  GIT_COMMITTER_NAME: 'Reliability Test',
  GIT_COMMITTER_EMAIL: 'reliability@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

export function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export function writeFile(root: string, relative: string, content: FileContent): void {
  const file = path.join(root, ...relative.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
}

/** A working copy with its bare `origin`, and the git steps the tests take in it. */
export interface TestRepo {
  base: string;
  /** The workspace root. */
  dir: string;
  /** The bare repository `origin` points at. */
  origin: string;
  git(...args: string[]): string;
  write(relative: string, content: FileContent): void;
  /** Commits everything; returns the new HEAD. */
  commit(message: string): string;
  push(): string;
  /** Commits everything and pushes to main; returns the new HEAD. */
  commitAndPush(message: string): string;
  head(): string;
  originHead(): string;
  status(): string;
  /** The tree of `relative` at `commit`: equal ids mean equal contents. */
  treeAt(commit: string, relative: string): string;
}

/**
 * `<base>/origin.git` (bare) and `<base>/work` (the workspace root, `origin` → origin.git), with
 * `files` committed and pushed to main. Returns the helpers the tests use.
 */
export function createRepo(base: string, files: Files = {}): TestRepo {
  const origin = path.join(base, 'origin.git');
  const dir = path.join(base, 'work');
  fs.mkdirSync(dir, { recursive: true });
  git(base, ['init', '--quiet', '--bare', '--initial-branch=main', '--template=', origin]);
  git(dir, ['init', '--quiet', '--initial-branch=main', '--template=']);
  git(dir, ['remote', 'add', 'origin', origin]);
  for (const [relative, content] of Object.entries(files)) writeFile(dir, relative, content);
  const repo: TestRepo = {
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
    treeAt: (commit, relative) => git(dir, ['rev-parse', `${commit}:${relative}`]),
  };
  repo.commitAndPush('initial commit');
  return repo;
}
