/**
 * Whether what a deployment runs differs between its deployed commit and HEAD: the files Deeploy
 * reads from the contract folder, the deploy settings in its project.json (name and description
 * aside), or any file of a workspace project the contract depends on (issue 16). One question to
 * git for all of them (`changedPathsBetween` with every folder at once), which the batch answers
 * from its one diff per deployed commit (`change-index.ts`).
 */
import { deploySettingsChanged } from '../deploy/settings-diff';
import type { GitBridge } from './git-bridge';
import { contractPathspecs, settingsFileOf } from './git-state';
import { pathsUnder } from './path-prefix';

/** A workspace project the contract depends on, with its folder relative to the repository root. */
export interface DependencyFolder {
  project: string;
  path: string;
}

export interface ContractScope {
  /** The contract folder relative to the repository root, POSIX, '' for the root. */
  contractPath: string;
  /** Folders of the projects it depends on (transitively), none of which holds the contract. */
  dependencies: readonly DependencyFolder[];
}

export interface ChangeVerdict {
  /** true = changed, false = same content, undefined = git cannot tell (deployed commit not here). */
  changed: boolean | undefined;
  /** The dependency whose files changed, when the contract's own files and settings did not. */
  dependency?: string;
}

/**
 * A commit id as git prints it. The deployed commit comes from the server: anything else (an
 * option such as `--output=…`, a ref name, a range) never reaches a git command line.
 */
const OBJECT_ID = /^[0-9a-f]{7,64}$/i;

/**
 * `fetchMissing` makes a deployed commit that is not in the local history available (true) or
 * says it cannot be (false: the verdict is then unknown); it may also refuse by throwing. It is
 * asked only when the diff failed and the commit is indeed missing, so the common case costs the
 * diff alone.
 */
export async function contractChangedBetween(
  git: Pick<GitBridge, 'changedPathsBetween' | 'fileAt' | 'hasCommit'>,
  scope: ContractScope,
  from: string,
  to: string,
  fetchMissing: (commit: string) => Promise<boolean> = async () => false,
): Promise<ChangeVerdict> {
  if (from === to) return { changed: false };
  if (!OBJECT_ID.test(from)) return { changed: undefined };
  const own = contractPathspecs(scope.contractPath);
  const settingsFile = settingsFileOf(scope.contractPath);
  const pathspecs = [...own, settingsFile, ...scope.dependencies.map((d) => d.path)];
  let changed: string[];
  try {
    changed = await git.changedPathsBetween(from, to, pathspecs);
  } catch (error) {
    if (await git.hasCommit(from)) throw error;
    // A deployed commit missing here cannot be shown to be the same: unknown, which the caller
    // counts as a change, unless it can be fetched.
    if (!(await fetchMissing(from))) return { changed: undefined };
    changed = await git.changedPathsBetween(from, to, pathspecs);
  }
  if (pathsUnder(changed, own).length > 0) return { changed: true };
  if (changed.includes(settingsFile)) {
    const [before, after] = await Promise.all([git.fileAt(from, settingsFile), git.fileAt(to, settingsFile)]);
    if (deploySettingsChanged(before, after)) return { changed: true };
  }
  const dependency = scope.dependencies.find((d) => pathsUnder(changed, [d.path]).length > 0);
  return dependency ? { changed: true, dependency: dependency.project } : { changed: false };
}
