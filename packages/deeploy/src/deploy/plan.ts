/**
 * The apply decision: create, update (which fields differ) or skip, from the deployment as Deeploy
 * reports it and the deployment the contract asks for. Pure: the one git fact it needs (did the
 * contract's files change between the deployed commit and HEAD) is passed in.
 */
import type { DeploymentType, ExplainerTypeName, ModelTypeName, TransformerTypeName } from '../contract/enums';
import type { CreateDeploymentBody, UpdateDeploymentBody } from '../api/schemas';
import { buildCreateBody, buildUpdateBody } from './bodies';
import type { DesiredDeployment } from './desired-deployment';

/** The existing deployment, in the user's terms; a field is undefined when the server did not say. */
export interface CurrentDeployment {
  id: string;
  name?: string;
  description?: string;
  deploymentType?: DeploymentType | string;
  repositoryId?: string;
  branchName?: string;
  commit?: string;
  contractPath?: string;
  modelType?: ModelTypeName;
  explainerType?: ExplainerTypeName;
  transformerType?: TransformerTypeName;
  /** A version pending approval or rolling out (`updatingTo`); `expanded` false when the server gave only its id. */
  updatingTo?: { expanded: boolean; commit?: string };
  /** Set when Deeploy says the deployment failed: it then runs nothing, whatever its commit. */
  failed?: { reason?: string };
}

export interface PlanFacts {
  /**
   * Whether the contract's files differ between the deployed commit and the desired one:
   * false = same content, true = changed, undefined = unknown (e.g. the deployed commit is not in
   * the local history).
   */
  contentChanged?: boolean;
  /** The dependency project whose files changed, when the contract's own files did not. */
  changedDependency?: string;
  force: boolean;
}

export type DeploymentPlan =
  | { action: 'create'; body: CreateDeploymentBody; changedFields: string[] }
  | {
      action: 'update';
      deploymentId: string;
      /** What differs, in the user's terms (`commit`, `modelType`, `name`, …); `force` when nothing did. */
      changedFields: string[];
      /** Why the commit counts as a change when the contract's own files did not change: `shared-features changed since 1a2b3c4`. */
      because?: string;
      /** The PATCH of the deployment; absent when only the name or description change. */
      updateBody?: UpdateDeploymentBody;
      /** The PATCH of `/description`; absent when name and description are unchanged. */
      descriptionBody?: { name?: string; description?: string };
    }
  | { action: 'skip'; deploymentId: string; reason: string };

/** The "field" of a plan that redeploys a failed deployment. */
export const FAILED_FIELD = 'failed';

const COMPARED_VERSION_FIELDS = ['repositoryId', 'branchName', 'contractPath', 'deploymentType', 'modelType', 'explainerType', 'transformerType'] as const;

/** Version fields that differ. Fields the server did not report are not counted as different. */
export function versionChanges(current: CurrentDeployment, desired: DesiredDeployment, facts: PlanFacts): string[] {
  const changed: string[] = COMPARED_VERSION_FIELDS.filter((field) => current[field] !== undefined && current[field] !== desired[field]);
  // A different commit with the same contract files runs the same model: not a change. An unknown
  // deployed commit cannot be shown to be the same, so it counts as one.
  if (current.commit !== desired.commit && facts.contentChanged !== false) changed.unshift('commit');
  return changed;
}

/** Name and description changes: they go to `/description`, which does not restart the deployment. */
export function descriptionChanges(
  current: CurrentDeployment,
  desired: DesiredDeployment,
): { changed: string[]; body?: { name?: string; description?: string } } {
  const body: { name?: string; description?: string } = {};
  if (current.name !== desired.name) body.name = desired.name;
  if (desired.description !== undefined && (current.description ?? '') !== desired.description) body.description = desired.description;
  const changed = Object.keys(body);
  return changed.length ? { changed, body } : { changed };
}

export function planDeployment(current: CurrentDeployment | undefined, desired: DesiredDeployment, facts: PlanFacts): DeploymentPlan {
  if (!current) return { action: 'create', body: buildCreateBody(desired), changedFields: [] };

  const version = versionChanges(current, desired, facts);
  // A failed deployment is never up to date: redeploying it is what a re-run is for.
  if (current.failed) version.unshift(FAILED_FIELD);
  const description = descriptionChanges(current, desired);
  if (version.length === 0 && description.changed.length === 0 && !facts.force) {
    const why =
      current.commit === desired.commit
        ? `it runs commit ${desired.commit.slice(0, 7)}`
        : `the contract has not changed since the deployed commit ${String(current.commit).slice(0, 7)}`;
    return { action: 'skip', deploymentId: current.id, reason: why };
  }
  const plan: DeploymentPlan = {
    action: 'update',
    deploymentId: current.id,
    changedFields: [...version, ...description.changed],
  };
  if (version.includes('commit') && facts.changedDependency) plan.because = `${facts.changedDependency} changed since ${String(current.commit).slice(0, 7)}`;
  if (version.length > 0 || facts.force) plan.updateBody = buildUpdateBody(desired);
  if (description.body) plan.descriptionBody = description.body;
  if (plan.changedFields.length === 0) plan.changedFields = ['force'];
  return plan;
}
