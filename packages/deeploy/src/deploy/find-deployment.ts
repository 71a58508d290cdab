/**
 * Finding a contract's deployment in what Deeploy says, when what it says may be little: a list
 * whose items give their versions as bare ids, or leave out the commit, repository or contract
 * path (deeploy-api.md §8). Such an item is read by id (`GET /deployments/{id}`) before anything
 * is decided on it, and a list that cannot be shown complete never ends in "there is none".
 */
import { deploymentStateOf, type DeploymentState } from '../api/deployment-state';
import type { DeploymentListing } from '../api/deployment-listing';
import { deployedVersionOf, failureReasonOf, versionMembersOf, type Deployment } from '../api/schemas';
import { EXPLAINER_TYPES, MODEL_TYPES, TRANSFORMER_TYPES, nameOfWire } from '../contract/enums';
import type { CurrentDeployment } from './plan';
import { deploysAnotherContract, incompleteListingError, needsDetail, selectDeployment, type ContractIdentity, type Selection } from './select-deployment';
import type { DeeployLookups } from './deeploy-lookups';

/** Deployments read one by one at most, per look-up, to place list items that do not say what they deploy. */
export const MAX_DETAIL_READS = 200;
const DETAIL_READS_AT_ONCE = 4;

/** The deployment in the plan's terms; `statusMap` tells a failed one (see `deploymentStateOf`). */
export function currentOf(deployment: Deployment, statusMap?: Partial<Record<number, DeploymentState>>): CurrentDeployment {
  const version = deployedVersionOf(deployment);
  const failed = deploymentStateOf(deployment.status, statusMap) === 'failed';
  const current: CurrentDeployment = {
    ...(failed ? { failed: { reason: failureReasonOf(deployment) } } : {}),
    id: deployment.id,
    name: deployment.name,
    description: deployment.description,
    deploymentType: deployment.deploymentType,
    repositoryId: version.repositoryId,
    branchName: version.branchName,
    commit: version.commit,
    contractPath: version.contractPath,
    modelType: nameOfWire(MODEL_TYPES, version.modelType),
    explainerType: nameOfWire(EXPLAINER_TYPES, version.explainerType),
    transformerType: nameOfWire(TRANSFORMER_TYPES, version.transformerType),
  };
  if (deployment.updatingTo) current.updatingTo = { expanded: deployment.updatingTo.expanded, commit: versionMembersOf(deployment.updatingTo).commit };
  return current;
}

/** Whether a deployment leaves out which repository or contract path it deploys. */
function unplaced(d: CurrentDeployment): boolean {
  return d.repositoryId === undefined || d.contractPath === undefined;
}

export interface FoundDeployment {
  found: Deployment | undefined;
  list: DeploymentListing;
  /**
   * Set when `found` was matched by its name in the list and not read by id (`nameSuffices`): it
   * may not be this contract's, so nothing may be written to it before it is read.
   */
  unread?: true;
}

/**
 * The contract's deployment, or undefined when it has none. Throws (a `DeploymentLookupError`)
 * when the answer would be "none" but the list cannot be shown complete, or when deployments
 * that may be this contract's are too many to read one by one.
 *
 * `nameSuffices`: whether a list item of the contract's name that does not say what it deploys,
 * and has no version pending, may be taken without a read by id (then marked `unread`): for a
 * contract unchanged since the run's base commit, whose plan is then to leave it alone
 * (docs/executors.md). Asked only when there is such an item, since answering it costs git work.
 */
export async function findContractDeployment(
  lookups: DeeployLookups,
  identity: ContractIdentity,
  options: { fresh?: boolean; nameSuffices?: () => Promise<boolean> } = {},
): Promise<FoundDeployment> {
  const listing = await lookups.deployments({ fresh: options.fresh });
  const known = new Map(listing.deployments.map((d) => [d.id, d]));
  const detailed = new Set<string>();
  const readDetail = async (id: string) => {
    known.set(id, await lookups.deployment(id, { fresh: options.fresh }));
    detailed.add(id);
  };
  const select = () =>
    selectDeployment(
      [...known.values()].map((d) => currentOf(d)),
      identity,
    );
  const chosen = (selected: Selection & { deployment: CurrentDeployment }): FoundDeployment => {
    // Shown to deploy this contract: no other task's search for a renamed deployment reads it.
    if (selected.how === 'contract') lookups.claim(selected.deployment.id);
    return { found: known.get(selected.deployment.id), list: listing };
  };

  // The list's choice, read by id when the list leaves out what it runs; the detail may show it
  // is another contract's, and then the choice is made again.
  for (let selected = select(); selected.deployment; selected = select()) {
    const id = selected.deployment.id;
    if (detailed.has(id) || !needsDetail(selected.deployment)) return chosen(selected);
    if (options.nameSuffices && selected.how === 'name' && selected.deployment.updatingTo === undefined && (await options.nameSuffices())) {
      return { found: known.get(id), list: listing, unread: true };
    }
    await readDetail(id);
  }

  // None matched. A deployment of this contract under another name (renamed through its settings
  // or in Deeploy's UI) is only told apart by what it runs: read each one the list cannot place
  // before saying "none". This costs reads only before a create (shared by a batch's tasks); it
  // is what keeps a rename from making a second deployment on a server that lists ids. A
  // deployment another task of the batch showed to be its contract's is no candidate.
  // Above the bound the name alone decides (documented in docs/executors.md): failing instead
  // would leave a new contract in a large workspace no way to get its first deployment.
  const unplacedCandidates = [...known.values()]
    .map((d) => currentOf(d))
    .filter((d) => !detailed.has(d.id) && unplaced(d) && !lookups.claimed(d.id) && !deploysAnotherContract(d, identity));
  const candidates = unplacedCandidates.length > MAX_DETAIL_READS ? [] : unplacedCandidates;
  // A few at a time: quick for a large workspace, gentle on the server.
  for (let i = 0; i < candidates.length; i += DETAIL_READS_AT_ONCE) {
    await Promise.all(candidates.slice(i, i + DETAIL_READS_AT_ONCE).map((d) => readDetail(d.id)));
  }
  const selected = select();
  if (selected.deployment) return chosen(selected);

  if (!listing.complete) throw incompleteListingError(listing.incomplete ?? 'it was not read to the end', identity);
  return { found: undefined, list: listing };
}
