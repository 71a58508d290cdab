/**
 * The Nx project name of a contract folder. Derived from the whole workspace-relative path (not the
 * last segment, which two folders can share), so `models/churn` and `legacy/churn` never collide:
 * the path itself is the name. The repository root, when it is a contract, is named by the option
 * `rootProjectName` (default `deeploy-contract`), because a folder name would differ between clones.
 */
import { normalizeContractPath } from './validators';

export const DEFAULT_ROOT_PROJECT_NAME = 'deeploy-contract';

export function projectNameOf(contractPath: string, rootProjectName = DEFAULT_ROOT_PROJECT_NAME): string {
  const normalized = normalizeContractPath(contractPath);
  return normalized === '' ? rootProjectName : normalized;
}
