/**
 * Which existing deployment is this contract's: the one deploying the same repository and contract
 * path; failing that (servers that do not report what a deployment runs), the one with the same
 * name whose repository and contract path, where known, are this contract's. Pure; the explicit
 * `deploymentId` case is a direct lookup and does not come here.
 */
import { normalizeContractPath } from '../contract/validators';
import type { CurrentDeployment } from './plan';
import { UserError } from '../user-error';

export class DeploymentLookupError extends UserError {}

export interface ContractIdentity {
  repositoryId: string;
  /** Repository-relative contract path. */
  contractPath: string;
  /** The deployment name the contract asks for. */
  name: string;
  /** Where to set `deploymentId`, for the error that asks to pick one. */
  settingsFile: string;
}

export type Selection = { deployment: CurrentDeployment; how: 'contract' | 'name' } | { deployment?: undefined; how: 'none' };

function knowsItsContract(d: CurrentDeployment): boolean {
  return d.repositoryId !== undefined && d.contractPath !== undefined;
}

/**
 * Whether what the server says about a deployment rules it out for this contract: its repository
 * or its contract path is known and another. Such a deployment is never adopted by its name, even
 * when the server says only one of the two (adopting it would move another contract's deployment).
 */
export function deploysAnotherContract(d: CurrentDeployment, wanted: Pick<ContractIdentity, 'repositoryId' | 'contractPath'>): boolean {
  if (d.repositoryId !== undefined && d.repositoryId !== wanted.repositoryId) return true;
  return d.contractPath !== undefined && normalizeContractPath(d.contractPath) !== normalizeContractPath(wanted.contractPath);
}

/**
 * Whether a list item leaves out what the deployment runs (its version is an id, or members are
 * missing): then the deployment is read by id before anything is decided on it.
 */
export function needsDetail(d: CurrentDeployment): boolean {
  return d.repositoryId === undefined || d.contractPath === undefined || d.commit === undefined || (d.updatingTo !== undefined && !d.updatingTo.expanded);
}

/**
 * The one line when a deployment was not found in a list that cannot be shown complete: creating
 * then could make a second deployment, so nothing is created.
 */
export function incompleteListingError(reason: string, wanted: ContractIdentity): DeploymentLookupError {
  const where = wanted.contractPath === '' ? 'the repository root' : `"${normalizeContractPath(wanted.contractPath)}"`;
  return new DeploymentLookupError(
    `no deployment of the contract ${where} was found, but Deeploy's deployment list cannot be shown complete (${reason}), so none was created (it could be a second one): if the contract has a deployment, set "deploymentId" in ${wanted.settingsFile} to its id; run deeploy-ci doctor to see how the list reads`,
  );
}

export function selectDeployment(deployments: readonly CurrentDeployment[], wanted: ContractIdentity): Selection {
  const path = normalizeContractPath(wanted.contractPath);
  const byContract = deployments.filter(
    (d) => knowsItsContract(d) && d.repositoryId === wanted.repositoryId && normalizeContractPath(d.contractPath as string) === path,
  );
  const where = path === '' ? 'the repository root' : `"${path}"`;
  if (byContract.length > 1) {
    throw new DeploymentLookupError(
      `${byContract.length} deployments (${byContract.map((d) => d.id).join(', ')}) deploy the contract ${where} of this repository: set "deploymentId" in ${wanted.settingsFile} to the one to keep`,
    );
  }
  if (byContract.length === 1) return { deployment: byContract[0], how: 'contract' };

  const byName = deployments.filter((d) => !knowsItsContract(d) && !deploysAnotherContract(d, wanted) && d.name === wanted.name);
  if (byName.length > 1) {
    throw new DeploymentLookupError(
      `${byName.length} deployments (${byName.map((d) => d.id).join(', ')}) are named "${wanted.name}": set "deploymentId" in ${wanted.settingsFile} to the one of this contract`,
    );
  }
  if (byName.length === 1) return { deployment: byName[0], how: 'name' };
  return { how: 'none' };
}

/**
 * Every deployment that may be this contract's: those of the same repository and contract path,
 * and those of the same name that do not say what they deploy (and are not known to deploy another
 * contract). After a create, more than one means another run created one at the same time.
 */
export function deploymentsOfContract(deployments: readonly CurrentDeployment[], wanted: ContractIdentity): CurrentDeployment[] {
  const path = normalizeContractPath(wanted.contractPath);
  return deployments.filter((d) =>
    knowsItsContract(d)
      ? d.repositoryId === wanted.repositoryId && normalizeContractPath(d.contractPath as string) === path
      : !deploysAnotherContract(d, wanted) && d.name === wanted.name,
  );
}
