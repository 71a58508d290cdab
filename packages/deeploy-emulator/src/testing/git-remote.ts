/**
 * Test helper: a real bare git repository (the "remote" Deeploy reads) fed by a work clone, with
 * commits made under a throwaway identity.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface GitRemote {
  /** Absolute path of the bare repository: use it as a repository's `remotePath`. */
  bare: string;
  /** Writes the files (null deletes), commits them on `branch`, pushes, returns the sha. */
  commit(files: Record<string, string | null>, branch?: string): string;
  cleanup(): void;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export function createGitRemote(): GitRemote {
  const root = mkdtempSync(path.join(tmpdir(), 'deeploy-emulator-git-'));
  const bare = path.join(root, 'remote.git');
  const work = path.join(root, 'work');
  git(root, 'init', '--quiet', '--bare', '-b', 'main', bare);
  git(root, 'init', '--quiet', '-b', 'main', work);
  git(work, 'remote', 'add', 'origin', bare);
  const remote: GitRemote = {
    bare,
    commit(files, branch = 'main') {
      const current = git(work, 'symbolic-ref', '--short', 'HEAD');
      if (current !== branch) {
        const exists = git(work, 'branch', '--list', branch) !== '';
        if (exists) git(work, 'checkout', '--quiet', branch);
        else git(work, 'checkout', '--quiet', '-b', branch);
      }
      for (const [file, content] of Object.entries(files)) {
        const target = path.join(work, file);
        if (content === null) rmSync(target, { force: true });
        else {
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, content);
        }
      }
      git(work, 'add', '--all');
      git(work, 'commit', '--quiet', '--allow-empty', '-m', `commit ${Object.keys(files).join(', ')}`);
      git(work, 'push', '--quiet', 'origin', branch);
      return git(work, 'rev-parse', 'HEAD');
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  // Every test starts from a remote whose main branch exists, whatever order tests run in.
  remote.commit({ 'README.md': 'models\n' });
  return remote;
}
