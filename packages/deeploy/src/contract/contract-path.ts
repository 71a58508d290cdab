/**
 * Confines a contract path to the workspace. The text rules (relative, POSIX, no `..`) are in
 * `contractPathProblem`; this adds the file system's view: through symbolic links, the folder (or,
 * when it does not exist yet, its nearest existing ancestor) must still lie inside the workspace.
 * The Python client deleted folders at an unchecked joined path; we refuse before touching anything.
 * Links that stay inside the workspace are fine: git stores them, and they resolve in a checkout.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { ContractError } from './errors';
import { contractPathProblem, normalizeContractPath } from './validators';

export interface ResolvedContractPath {
  /** Normalized, workspace-relative POSIX path; '' is the workspace root. */
  contractPath: string;
  /** The folder on disk, joined onto the workspace root (not resolved through links). */
  absolutePath: string;
}

/**
 * @param source how the user named the path, for the error (an option such as `--path`); defaults to
 *   the path itself.
 * @throws ContractError when the path breaks a rule or leads outside the workspace.
 */
export function resolveContractPath(workspaceRoot: string, contractPath: string, source?: string): ResolvedContractPath {
  const file = source ?? (contractPath === '' ? '.' : contractPath);
  const problem = contractPathProblem(contractPath);
  if (problem) throw new ContractError(file, '', `contract path ${problem}`);

  const normalized = normalizeContractPath(contractPath);
  const absolutePath = normalized === '' ? workspaceRoot : join(workspaceRoot, ...normalized.split('/'));
  const escape = linkOutside(workspaceRoot, normalized);
  if (escape !== undefined) {
    throw new ContractError(
      file,
      '',
      `contract path ${JSON.stringify(contractPath)} leads outside the workspace through the symbolic link "${escape}"; move the contract into the workspace instead of linking to it`,
    );
  }
  return { contractPath: normalized, absolutePath };
}

/**
 * The first prefix of `relativePath` (workspace-relative POSIX) whose real location is outside the
 * workspace (or a dangling link), or undefined when every existing prefix stays inside. Prefixes
 * that do not exist yet cannot escape: they hold no `..` and will be created below their parent.
 */
export function linkOutside(workspaceRoot: string, relativePath: string): string | undefined {
  const realRoot = realpathSync(workspaceRoot);
  const segments = relativePath === '' ? [] : relativePath.split('/');
  for (let k = 1; k <= segments.length; k++) {
    const prefix = segments.slice(0, k);
    let real: string;
    const path = join(workspaceRoot, ...prefix);
    try {
      real = realpathSync(path);
    } catch {
      // A dangling link could be made to point anywhere by creating its target: refuse it too.
      return isSymbolicLink(path) ? prefix.join('/') : undefined;
    }
    if (!isInside(realRoot, real)) return prefix.join('/');
  }
  return undefined;
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** True when `candidate` is `root` or below it (both already resolved through links). */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
