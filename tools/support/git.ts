/**
 * git for throwaway repositories, with the fixed identity and no user or system config (env.ts).
 * Synchronous: git never waits for the emulator, and the blocks are short; callers that must keep
 * the event loop free while a long command runs use runCommand.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv } from './env';
import { writeFile, writeFiles } from './files';

/** Runs `git args` in `cwd`; returns stdout trimmed. Throws one message with git's stderr when it fails. */
export function git(cwd: string, args: readonly string[]): string {
  try {
    return execFileSync('git', args, { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const failed = error as { status?: number | null; stderr?: string; message: string };
    throw new Error(`\`git ${args.join(' ')}\` in ${cwd} failed (exit ${failed.status ?? '?'}): ${(failed.stderr ?? failed.message).trim()}`);
  }
}

/** A bare repository at `originPath` on `main`, the remote a workspace pushes to and the emulator reads. */
export function initBareOrigin(originPath: string): void {
  mkdirSync(originPath, { recursive: true });
  git(originPath, ['init', '--quiet', '--bare', '--initial-branch=main', '--template=']);
}

/** `root` becomes a repository on `main` whose `origin` is `originPath` (created bare when `createOrigin`). */
export function initRepoWithOrigin(root: string, originPath: string, { createOrigin = true } = {}): void {
  if (createOrigin) initBareOrigin(originPath);
  mkdirSync(root, { recursive: true });
  git(root, ['init', '--quiet', '--initial-branch=main', '--template=']);
  git(root, ['config', 'commit.gpgsign', 'false']);
  git(root, ['remote', 'add', 'origin', originPath]);
}

/** Commits everything (empty allowed) and returns the new HEAD sha. */
export function commitAll(root: string, message: string): string {
  git(root, ['add', '--all']);
  git(root, ['commit', '--quiet', '--allow-empty', '-m', message]);
  return git(root, ['rev-parse', 'HEAD']);
}

/** Commits everything, pushes HEAD to origin's `branch` (Deeploy reads the remote) and returns the sha. */
export function commitAndPush(root: string, message: string, branch = 'main'): string {
  const sha = commitAll(root, message);
  git(root, ['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`]);
  return sha;
}

/** A working copy with a local bare `origin`, as createRepo returns it. */
export interface GitRepo {
  /** The folder holding both. */
  base: string;
  /** The working copy (the workspace root). */
  dir: string;
  /** The bare repository. */
  origin: string;
  git(...args: string[]): string;
  write(relative: string, content: string | object): void;
  /** Commits everything (empty allowed); returns the sha. */
  commit(message: string): string;
  push(): void;
  commitAndPush(message: string): string;
  head(): string;
  originHead(): string;
  /** `git status --porcelain`, untracked files included, ignored ones not. */
  status(): string;
  /** The tree id of `relative` at `commit`: equal ids mean equal contents. */
  treeAt(commit: string, relative: string): string;
}

/**
 * `<base>/origin.git` (bare) and `<base>/work` (origin → origin.git), with `files` (see
 * writeFiles) committed and pushed to main as the first commit.
 */
export function createRepo(base: string, files: Record<string, string | object> = {}): GitRepo {
  const origin = join(base, 'origin.git');
  const dir = join(base, 'work');
  initRepoWithOrigin(dir, origin);
  writeFiles(dir, files);
  const repo: GitRepo = {
    base,
    dir,
    origin,
    git: (...args) => git(dir, args),
    write: (relative, content) => writeFile(dir, relative, content),
    commit: (message) => commitAll(dir, message),
    push: () => void git(dir, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main']),
    commitAndPush: (message) => commitAndPush(dir, message),
    head: () => git(dir, ['rev-parse', 'HEAD']),
    originHead: () => git(origin, ['rev-parse', 'refs/heads/main']),
    status: () => git(dir, ['status', '--porcelain', '--untracked-files=all', '--ignored=no']),
    treeAt: (commit, relative) => git(dir, ['rev-parse', `${commit}:${relative}`]),
  };
  repo.commitAndPush('initial commit');
  return repo;
}
