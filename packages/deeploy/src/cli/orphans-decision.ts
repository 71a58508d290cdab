/**
 * Which deployments of this repository have lost their contract: a deployment whose contract path
 * no longer holds a contract (by the same marker rule as the inference plugin) at the commit the
 * deploy would use. Pure: the deployments as Deeploy lists them, the repository they were matched
 * to, the branch, and the files of that commit are passed in.
 *
 * "Cannot tell" is never "orphaned": a deployment that does not say which contract (or which
 * repository) it deploys is listed apart, because Deeploy's list may carry less than a GET of one
 * deployment (deeploy-api.md §8), and a wrong "orphaned" invites a user to delete a live model.
 */
import { deployedVersionOf, type Deployment } from '../api/schemas';
import { contractRootOfMarker, isContractMarker } from '../contract/contract-marker';
import { normalizeContractPath } from '../contract/validators';

/** Deployment types that deploy no repository contract (deeploy-api.md §8). */
const WITHOUT_CONTRACT = new Set(['external', 'registration']);

export interface DeploymentRef {
  id: string;
  name?: string;
  /** Repository-relative contract path ('' = the repository root), when the deployment says it. */
  contractPath?: string;
  branch?: string;
}

export interface OrphanFindings {
  /** Deployments of this repository and branch whose contract path holds no contract. */
  orphans: DeploymentRef[];
  /** Deployments that may be this repository's but do not say which contract or repository they deploy. */
  unknown: DeploymentRef[];
  /** Deployments of this repository that deploy another branch: not checked against this one. */
  otherBranches: DeploymentRef[];
  /** How many deployments of this repository and branch still have their contract. */
  present: number;
}

/** The contract paths of a commit, from the repository-relative paths of its files. */
export function contractPathsIn(files: readonly string[]): Set<string> {
  return new Set(files.filter(isContractMarker).map((file) => normalizeContractPath(contractRootOfMarker(file))));
}

export interface OrphanInput {
  deployments: readonly Deployment[];
  /** The Deeploy repository the git remote matched. */
  repositoryId: string;
  branch: string;
  /** From `contractPathsIn`. */
  contractPaths: ReadonlySet<string>;
}

export function findOrphans(input: OrphanInput): OrphanFindings {
  const findings: OrphanFindings = { orphans: [], unknown: [], otherBranches: [], present: 0 };
  for (const deployment of input.deployments) {
    if (WITHOUT_CONTRACT.has((deployment.deploymentType ?? '').toLowerCase())) continue;
    const version = deployedVersionOf(deployment);
    if (version.repositoryId !== undefined && version.repositoryId !== input.repositoryId) continue;
    const ref: DeploymentRef = {
      id: deployment.id,
      name: deployment.name,
      contractPath: version.contractPath === undefined ? undefined : normalizeContractPath(version.contractPath),
      branch: version.branchName,
    };
    if (version.repositoryId === undefined || ref.contractPath === undefined) findings.unknown.push(ref);
    else if (ref.branch !== undefined && ref.branch !== input.branch) findings.otherBranches.push(ref);
    else if (input.contractPaths.has(ref.contractPath)) findings.present += 1;
    else findings.orphans.push(ref);
  }
  return findings;
}
