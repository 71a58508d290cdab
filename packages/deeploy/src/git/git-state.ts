/**
 * What a deploy needs to know from git, and the two refusals made before anything is sent:
 * uncommitted contract files, and a commit the remote branch does not contain (Deeploy reads the
 * contract from the remote at the commit we send, so a commit only we have would fail there).
 */
import { realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { branchFromCiEnv } from './ci-branch';
import type { GitBridge } from './git-bridge';
import { UserError } from '../user-error';

export class GitStateError extends UserError {}

export interface GitState {
  /** Absolute path of the repository's top level. */
  repoRoot: string;
  /** The contract folder relative to the repository root, POSIX, '' for the root. */
  contractPath: string;
  remote: string;
  /** The remote's URL as configured (may embed credentials: never print it; print the normalized form). */
  remoteUrl: string;
  branch: string;
  /** Where the branch name came from: `branch option`, `checkout` or a CI variable's name. */
  branchSource: string;
  commit: string;
}

/** The files Deeploy reads from a contract folder (deeploy-api.md §5). */
export const CONTRACT_ENTRIES = ['model', 'explainer', 'transformer', 'metadata.json'] as const;
/** The contract's settings file (deploy target options), beside the files Deeploy reads. */
export const SETTINGS_FILE = 'project.json';

function inContract(contractPath: string, entry: string): string {
  return contractPath ? `${contractPath}/${entry}` : entry;
}

/**
 * The files Deeploy reads, and with `withSettings` the settings file too. Checks and diffs look
 * only at these, so that a contract at the repository root is not "dirty" because of the rest of
 * the repository, and a README edit does not redeploy a model.
 */
export function contractPathspecs(contractPath: string, withSettings = false): string[] {
  const entries: string[] = [...CONTRACT_ENTRIES, ...(withSettings ? [SETTINGS_FILE] : [])];
  return entries.map((entry) => inContract(contractPath, entry));
}

export function settingsFileOf(contractPath: string): string {
  return inContract(contractPath, SETTINGS_FILE);
}

/** `dir` relative to `root` as POSIX, or undefined when it lies outside `root`. Symlinks resolved. */
export function relativeInside(root: string, dir: string): string | undefined {
  const rel = relative(realpathSync(root), realpathSync(dir));
  if (rel === '..' || rel.startsWith(`..${sep}`) || rel.startsWith('/')) return undefined;
  return rel.split(sep).join('/');
}

export interface ReadGitStateInput {
  workspaceRoot: string;
  /** The project's root, workspace-relative ('' or '.' for the workspace root). */
  projectRoot: string;
  remote: string;
  /** The `branch` option, when set: it wins over the checkout and the CI variables. */
  branch?: string;
  env: NodeJS.ProcessEnv;
}

export async function readGitState(git: GitBridge, input: ReadGitStateInput): Promise<GitState> {
  let repoRoot: string;
  try {
    repoRoot = await git.topLevel();
  } catch {
    throw new GitStateError(`no git repository at ${input.workspaceRoot}: Deeploy reads contracts from git; commit the contract and push it to a remote first`);
  }
  const contractPath = relativeInside(repoRoot, join(input.workspaceRoot, input.projectRoot));
  if (contractPath === undefined) {
    throw new GitStateError(`the contract folder "${input.projectRoot}" is outside the git repository at ${repoRoot}`);
  }

  const remoteUrl = await git.remoteUrl(input.remote);
  if (!remoteUrl) {
    throw new GitStateError(
      `git remote "${input.remote}" does not exist: add it (git remote add ${input.remote} <url>) or set the "remote" option to the remote Deeploy reads`,
    );
  }

  let branch = input.branch;
  let branchSource = 'branch option';
  if (!branch) {
    branch = await git.currentBranch();
    branchSource = 'checkout';
  }
  if (!branch) {
    const ci = branchFromCiEnv(input.env);
    if (ci) {
      branch = ci.branch;
      branchSource = ci.variable;
    }
  }
  if (!branch) {
    throw new GitStateError(
      'HEAD is detached and no CI branch variable (GITHUB_HEAD_REF, GITHUB_REF_NAME, CI_MERGE_REQUEST_SOURCE_BRANCH_NAME, CI_COMMIT_REF_NAME) is set: pass --branch=<branch> or set the "branch" option',
    );
  }
  let commit: string;
  try {
    commit = await git.headCommit();
  } catch {
    throw new GitStateError(`the git repository at ${repoRoot} has no commit yet: commit the contract and push it first`);
  }
  return { repoRoot, contractPath, remote: input.remote, remoteUrl, branch, branchSource, commit };
}

/** Refuses uncommitted changes among the contract's files: what Deeploy reads must be what we validated. */
export async function assertContractCommitted(git: GitBridge, state: GitState): Promise<void> {
  const dirty = await git.uncommittedPaths(contractPathspecs(state.contractPath, true));
  if (dirty.length > 0) {
    const shown = dirty.slice(0, 3).join(', ') + (dirty.length > 3 ? ` and ${dirty.length - 3} more` : '');
    throw new GitStateError(`uncommitted changes in the contract (${shown}): commit and push them, or revert them, before deploying`);
  }
}

/**
 * Refuses a commit that `<remote>/<branch>` does not contain.
 * `ls-remote` asks the remote itself, so a stale remote-tracking ref cannot fool the check, and the
 * common case (HEAD is the remote head) costs one round trip and changes nothing locally. Only when
 * HEAD is behind or beside the remote head, and that head is not known locally, is the branch
 * fetched, so that ancestry can be checked with local objects.
 */
export async function assertCommitOnRemote(git: GitBridge, state: GitState): Promise<void> {
  const where = `${state.remote}/${state.branch}`;
  let remoteHead: string | undefined;
  try {
    remoteHead = await git.remoteBranchHead(state.remote, state.branch);
  } catch (error) {
    throw new GitStateError(`could not reach git remote "${state.remote}" to check that the commit is pushed: ${firstLine(error)}`);
  }
  if (!remoteHead) {
    throw new GitStateError(
      `branch "${state.branch}" (from ${state.branchSource}) does not exist on remote "${state.remote}": push it (git push ${state.remote} ${state.branch}) before deploying`,
    );
  }
  if (remoteHead === state.commit) return;
  if (!(await git.hasCommit(remoteHead))) {
    try {
      await git.fetchBranch(state.remote, state.branch);
    } catch (error) {
      throw new GitStateError(`could not fetch ${where} to check that the commit is pushed: ${firstLine(error)}`);
    }
  }
  if (!(await git.isAncestor(state.commit, remoteHead))) {
    throw new GitStateError(
      `commit ${state.commit.slice(0, 7)} is not on ${where} (Deeploy reads the contract from the remote): push it (git push ${state.remote} HEAD:${state.branch}) and run again`,
    );
  }
}

const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Makes the commit a deployment runs available for comparing it with HEAD, fetching it from the
 * remote when it is missing (one commit, `--depth=1`, in a shallow clone). Returns false when the
 * comparison cannot be made in a full clone (the commit is gone from the remote, or the server sent
 * something that is not a sha): the caller then counts the contract as changed, as before. In a
 * shallow clone, where that would redeploy (restart) every unchanged model on every run, it throws
 * instead, naming the fix.
 */
export async function ensureDeployedCommit(git: GitBridge, state: GitState, deployed: string, deploymentId: string): Promise<boolean> {
  // The sha comes from the server: never hand git anything but a sha (an option, a ref name).
  if (!FULL_SHA.test(deployed)) return false;
  if (await git.hasCommit(deployed)) return true;
  const shallow = await git.isShallow();
  let problem = 'it is not on the remote';
  try {
    await git.fetchCommit(state.remote, deployed, shallow);
  } catch (error) {
    problem = firstLine(error);
  }
  if (await git.hasCommit(deployed)) return true;
  if (!shallow) return false;
  throw new GitStateError(
    `deployment ${deploymentId} runs commit ${deployed.slice(0, 7)}, which this shallow clone does not have and could not fetch from ${state.remote} (${problem}), so whether the contract changed since cannot be told and a redeploy would restart the model for nothing: check out the full history (actions/checkout: fetch-depth: 0; GitLab: GIT_DEPTH: 0), or pass --force to redeploy anyway`,
  );
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .split('\n')
      .find((l) => l.trim().length > 0)
      ?.trim() ?? 'unknown error'
  );
}
