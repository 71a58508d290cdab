/**
 * The one place that runs git (through simple-git, and `cat-file --batch`, which reads its
 * questions from stdin, directly). Everything else talks to this small interface,
 * so the deploy logic can be tested with plain values and the git calls with real repositories.
 *
 * simple-git only rejects when git exits non-zero AND writes to stderr; quiet "no" answers
 * (`symbolic-ref -q` on a detached HEAD, `rev-parse --verify --quiet` of a missing object) resolve
 * with empty output. So every query here is phrased to answer through its output, never through
 * an exit code alone.
 *
 * Paths given to these methods are repository-relative POSIX pathspecs; they are passed with the
 * `:(top,literal)` magic so they mean the same from any working directory and folder names with
 * glob characters are taken literally.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

/** One file that differs between two trees; a side is undefined where the file does not exist. */
export interface TreeChange {
  path: string;
  /** Blob id before (in `from`), undefined when the file was added. */
  before?: string;
  /** Blob id after (in `to`), undefined when the file was deleted. */
  after?: string;
}

export interface GitBridge {
  /** Absolute path of the repository's top-level folder. */
  topLevel(): Promise<string>;
  /** Absolute path of the git folder shared by the repository's worktrees (`.git` of the main one). */
  commonDir(): Promise<string>;
  /** The fetch URL of a remote, or undefined when there is no such remote. */
  remoteUrl(remote: string): Promise<string | undefined>;
  /** The checked-out branch, or undefined when HEAD is detached. */
  currentBranch(): Promise<string | undefined>;
  /** Full sha of HEAD. */
  headCommit(): Promise<string>;
  /** Paths with uncommitted changes (staged, unstaged or untracked, not ignored) under the pathspecs. */
  uncommittedPaths(paths: readonly string[]): Promise<string[]>;
  /** Every path with uncommitted changes in the whole working tree (staged, unstaged or untracked, not ignored). */
  uncommittedTree(): Promise<string[]>;
  /** The sha `refs/heads/<branch>` points to on the remote (asks the remote), or undefined. */
  remoteBranchHead(remote: string, branch: string): Promise<string | undefined>;
  /** Whether the commit object is present locally. */
  hasCommit(sha: string): Promise<boolean>;
  /** The full id of the local commit a sha or ref name (`main`, a tag) names, or undefined. */
  commitOf(ref: string): Promise<string | undefined>;
  /** Fetches one branch of a remote (objects only; no tags). */
  fetchBranch(remote: string, branch: string): Promise<void>;
  /** Whether the repository is a shallow clone (CI checkouts often are: `fetch-depth: 1`). */
  isShallow(): Promise<boolean>;
  /**
   * Fetches one commit by its sha (no tags). `shallow`: only that commit (`--depth=1`), as a
   * shallow clone needs for comparing trees, without deepening its whole history.
   */
  fetchCommit(remote: string, sha: string, shallow: boolean): Promise<void>;
  /** Whether `ancestor` is `descendant` or one of its ancestors. Both must exist locally. */
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
  /** Files under the pathspecs that differ between two commits (both must exist locally). */
  changedPathsBetween(from: string, to: string, paths: readonly string[]): Promise<string[]>;
  /** Every file that differs between two commits (both must exist locally), with its blob ids. */
  treeChanges(from: string, to: string): Promise<TreeChange[]>;
  /** The text of these blobs, read by one git process; an id git does not have is left out. */
  readBlobs(ids: readonly string[]): Promise<Map<string, string>>;
  /** A file's text at a commit, or undefined when the file is not there. */
  fileAt(commit: string, path: string): Promise<string | undefined>;
  /** Every file of a commit's tree, repository-relative (one `ls-tree`, no checkout). */
  filesAt(commit: string): Promise<string[]>;
  /** Stages and commits exactly these files (nothing else that may be staged); returns the new HEAD. */
  commitPaths(paths: readonly string[], message: string): Promise<string>;
  /** Pushes HEAD to `refs/heads/<branch>` of the remote. */
  push(remote: string, branch: string): Promise<void>;
}

function pathspecs(paths: readonly string[]): string[] {
  return paths.map((p) => `:(top,literal)${p}`);
}

function splitNul(output: string): string[] {
  return output.split('\0').filter((s) => s.length > 0);
}

/** Parses `git status --porcelain=v1 -z`: `XY path` entries; a rename carries its old path next. */
export function parsePorcelainZ(output: string): string[] {
  const entries = output.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return paths;
}

/** An all-zero id stands for "no file on this side" in `diff-tree --raw` (SHA-1 or SHA-256). */
const NO_BLOB = /^0+$/;

/**
 * Parses `git diff-tree -r -z --raw`: `:<mode> <mode> <id> <id> <status>` NUL `<path>` NUL per file
 * (no renames or copies, which would carry a second path: the command asks for `--no-renames`).
 */
export function parseRawDiffZ(output: string): TreeChange[] {
  const fields = output.split('\0');
  const changes: TreeChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = fields[i].replace(/^\n/, '');
    if (!meta.startsWith(':')) break;
    const [, , before, after] = meta.slice(1).split(' ');
    changes.push({ path: fields[i + 1], before: NO_BLOB.test(before) ? undefined : before, after: NO_BLOB.test(after) ? undefined : after });
  }
  return changes;
}

/** Parses `git cat-file --batch` output for the ids asked, in order: `<id> <type> <size>` LF `<bytes>` LF, or `<id> missing` LF. */
export function parseCatFileBatch(output: Buffer, ids: readonly string[]): Map<string, string> {
  const texts = new Map<string, string>();
  let at = 0;
  for (const id of ids) {
    const eol = output.indexOf(0x0a, at);
    if (eol < 0) break;
    const header = output.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    texts.set(id, output.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return texts;
}

/**
 * `git cat-file --batch` takes the ids on stdin, which simple-git cannot feed; the ids are ours
 * (from git's own output), one a line.
 */
function catFileBatch(dir: string, ids: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // The environment as the rest of the process sees it (simple-git passes it the same way).
    const child = spawn('git', ['cat-file', '--batch'], { cwd: dir, env: process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(Buffer.concat(err).toString('utf8').trim() || `git cat-file --batch exited with ${code}`));
    });
    child.stdin.end(`${ids.join('\n')}\n`);
  });
}

export function openGitBridge(dir: string, git: SimpleGit = simpleGit({ baseDir: dir })): GitBridge {
  const raw = async (args: string[]) => git.raw(args);
  const commitOf = async (ref: string) => (await raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || undefined;
  return {
    async topLevel() {
      return (await raw(['rev-parse', '--show-toplevel'])).trim();
    },
    async commonDir() {
      // Printed relative to the working directory by git before 2.31's --path-format.
      return resolve(dir, (await raw(['rev-parse', '--git-common-dir'])).trim());
    },
    async remoteUrl(remote) {
      const remotes = (await raw(['remote'])).split('\n').map((r) => r.trim());
      if (!remotes.includes(remote)) return undefined;
      return (await raw(['remote', 'get-url', remote])).trim();
    },
    async currentBranch() {
      const name = (await raw(['symbolic-ref', '-q', '--short', 'HEAD'])).trim();
      return name || undefined;
    },
    async headCommit() {
      return (await raw(['rev-parse', '--verify', 'HEAD'])).trim();
    },
    async uncommittedPaths(paths) {
      const out = await raw(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...pathspecs(paths)]);
      return parsePorcelainZ(out);
    },
    async uncommittedTree() {
      return parsePorcelainZ(await raw(['status', '--porcelain=v1', '-z', '--untracked-files=all']));
    },
    async remoteBranchHead(remote, branch) {
      const ref = `refs/heads/${branch}`;
      const out = await raw(['ls-remote', '--heads', remote, ref]);
      const line = out.split('\n').find((l) => l.split('\t')[1]?.trim() === ref);
      return line ? line.split('\t')[0].trim() : undefined;
    },
    async hasCommit(sha) {
      return (await commitOf(sha)) !== undefined;
    },
    commitOf,
    async fetchBranch(remote, branch) {
      await raw(['fetch', '--quiet', '--no-tags', remote, `refs/heads/${branch}`]);
    },
    async isShallow() {
      return (await raw(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
    },
    async fetchCommit(remote, sha, shallow) {
      const args = ['fetch', '--quiet', '--no-tags', ...(shallow ? ['--depth=1'] : []), remote, sha];
      // Concurrent tasks (one process each) fetching into one shallow clone contend for .git/shallow.lock.
      for (let attempt = 1; ; attempt++) {
        try {
          await raw(args);
          return;
        } catch (error) {
          if (attempt >= 5 || !/\.lock\b/.test((error as Error).message)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
        }
      }
    },
    async isAncestor(ancestor, descendant) {
      // Commits reachable from `ancestor` but not from `descendant`: none means it is contained.
      const out = await raw(['rev-list', '--max-count=1', ancestor, '--not', descendant, '--']);
      return out.trim() === '';
    },
    async changedPathsBetween(from, to, paths) {
      return splitNul(await raw(['diff', '--name-only', '-z', '--no-renames', from, to, '--', ...pathspecs(paths)]));
    },
    async treeChanges(from, to) {
      // Plumbing, so no diff configuration of the user (renames, external drivers) changes the answer.
      return parseRawDiffZ(await raw(['diff-tree', '-r', '-z', '--raw', '--no-renames', '--no-commit-id', from, to, '--']));
    },
    async readBlobs(ids) {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      return parseCatFileBatch(await catFileBatch(dir, unique), unique);
    },
    async fileAt(commit, path) {
      // `ls-tree` answers "not there" with empty output; `show` would answer with an error.
      const listed = (await raw(['ls-tree', '--name-only', commit, '--', `:(top,literal)${path}`])).trim();
      if (listed === '') return undefined;
      return raw(['show', `${commit}:${path}`]);
    },
    async filesAt(commit) {
      // --full-tree: the whole repository, whatever folder the bridge was opened in.
      return splitNul(await raw(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit]));
    },
    async commitPaths(paths, message) {
      await raw(['add', '--', ...pathspecs(paths)]);
      // A pathspec commit (`--only`) records exactly these files, whatever else the user staged.
      await raw(['commit', '--quiet', '-m', message, '--only', '--', ...pathspecs(paths)]);
      return (await raw(['rev-parse', '--verify', 'HEAD'])).trim();
    },
    async push(remote, branch) {
      await raw(['push', '--quiet', remote, `HEAD:refs/heads/${branch}`]);
    },
  };
}
