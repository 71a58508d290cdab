/**
 * Test helper: a real git repository in a temp dir, with a local bare repository as its `origin`.
 * Identity and signing are set per command, so the tests never depend on the user's git config.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};

/** Sets a test identity in process.env for code under test that commits (route 3); returns a restore function. */
export function useGitTestIdentity(): () => void {
  const saved: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(GIT_ENV)) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

export interface TempRepo {
  /** The working copy (the workspace root in executor tests). */
  dir: string;
  /** The bare repository used as `origin`. */
  origin: string;
  git(...args: string[]): string;
  write(path: string, content: string): void;
  /** Writes JSON with 2-space indent and a final newline. */
  writeJson(path: string, value: unknown): void;
  /** `git add -A` and commit; returns the new HEAD sha. */
  commit(message: string): string;
  push(): void;
  head(): string;
  remove(): void;
}

export function createTempRepo(prefix = 'deeploy-git-'): TempRepo {
  const base = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const dir = join(base, 'work');
  const origin = join(base, 'origin.git');
  mkdirSync(dir);
  const run = (cwd: string, args: string[]) =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
      cwd,
      env: { ...process.env, ...GIT_ENV },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  // No template: no sample hooks to write and delete.
  run(base, ['init', '--quiet', '--template=', '--bare', origin]);
  run(dir, ['init', '--quiet', '--template=']);
  run(dir, ['remote', 'add', 'origin', origin]);
  const repo: TempRepo = {
    dir,
    origin,
    git: (...args) => run(dir, args).trim(),
    write(path, content) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    },
    writeJson(path, value) {
      repo.write(path, `${JSON.stringify(value, null, 2)}\n`);
    },
    commit(message) {
      repo.git('add', '-A');
      repo.git('commit', '--quiet', '--allow-empty', '-m', message);
      return repo.head();
    },
    push() {
      repo.git('push', '--quiet', 'origin', 'HEAD:refs/heads/main');
    },
    head: () => repo.git('rev-parse', 'HEAD'),
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
  return repo;
}
