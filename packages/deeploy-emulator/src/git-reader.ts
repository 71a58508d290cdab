/**
 * Reads a local git repository the way Deeploy reads a remote: objects at a commit, never the
 * working tree. Uses the `git` CLI asynchronously (`execFile`), so the server keeps answering
 * other requests while git runs.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const GIT_TIMEOUT_MS = 10_000;

/**
 * The git directory of a repository's `remotePath` when it is local (an absolute path or a
 * `file://` URL, bare or not), else undefined: a hosted remote cannot be read by the emulator.
 */
export function localGitDirOf(remotePath: string): string | undefined {
  let dir: string;
  if (remotePath.startsWith('file://')) {
    try {
      dir = fileURLToPath(remotePath);
    } catch {
      return undefined;
    }
  } else if (path.isAbsolute(remotePath)) {
    dir = remotePath;
  } else {
    return undefined;
  }
  const dotGit = path.join(dir, '.git');
  if (existsSync(dotGit) && statSync(dotGit).isDirectory()) return dotGit;
  if (existsSync(path.join(dir, 'HEAD')) && existsSync(path.join(dir, 'objects'))) return dir;
  return undefined;
}

export class GitReader {
  constructor(private readonly gitDir: string) {}

  /** The full sha of a commit-ish, or undefined when it does not name a commit. */
  async commitOf(revision: string): Promise<string | undefined> {
    if (revision.startsWith('-')) return undefined;
    const result = await this.run(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  async branchHead(branch: string): Promise<string | undefined> {
    if (branch.startsWith('-')) return undefined;
    return this.commitOf(`refs/heads/${branch}`);
  }

  /** Names of the entries of a folder at a commit, or undefined when the folder does not exist. */
  async listFolder(commit: string, folder: string): Promise<string[] | undefined> {
    const spec = folder === '' ? commit : `${commit}:${folder}`;
    const type = await this.run(['cat-file', '-t', spec]);
    if (type.code !== 0 || type.stdout.trim() !== 'tree') return undefined;
    const listing = await this.run(['ls-tree', '--name-only', '-z', spec]);
    if (listing.code !== 0) return undefined;
    return listing.stdout.split('\0').filter((name) => name.length > 0);
  }

  /** The text of a file at a commit, or undefined when it is not a file there. */
  async readFile(commit: string, file: string): Promise<string | undefined> {
    const result = await this.run(['cat-file', 'blob', `${commit}:${file}`]);
    return result.code === 0 ? result.stdout : undefined;
  }

  private run(args: string[]): Promise<{ code: number; stdout: string }> {
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        ['--git-dir', this.gitDir, ...args],
        { timeout: GIT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
        (error, stdout) => {
          if (!error) return resolve({ code: 0, stdout });
          const code = (error as { code?: unknown }).code;
          // A non-zero exit is an answer ("no such object"); anything else (git missing, timeout) is a fault.
          if (typeof code === 'number') return resolve({ code, stdout });
          reject(error);
        },
      );
    });
  }
}
