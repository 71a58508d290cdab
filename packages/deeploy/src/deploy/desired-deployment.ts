/**
 * What the deployment of a contract should be, from the resolved settings, the contract's types and
 * git, in the user's terms (enum names). Wire numbers appear only in the bodies built from it
 * (`bodies.ts`). Pure.
 */
import type { DeploymentType, ExplainerTypeName, ModelTypeName, TransformerTypeName } from '../contract/enums';
import { ARTIFACT_BODY_KEYS, CREATE_ONLY_BODY_KEYS, type ResolvedSettings } from '../settings/settings-schema';

export interface DesiredDeployment {
  name: string;
  description?: string;
  repositoryId: string;
  branchName: string;
  commit: string;
  /** Repository-relative POSIX path; '' for the repository root. */
  contractPath: string;
  deploymentType: DeploymentType;
  modelType: ModelTypeName;
  explainerType: ExplainerTypeName;
  transformerType: TransformerTypeName;
  /** Sizing, credentials, framework versions and region: sent on create and on update. */
  versionFields: Record<string, unknown>;
  /** Use case, approvers, guardrails, documentation templates: Deeploy takes them on create only. */
  createFields: Record<string, unknown>;
}

export interface DesiredInputs {
  settings: ResolvedSettings;
  types: { modelType: ModelTypeName; explainerType: ExplainerTypeName; transformerType: TransformerTypeName };
  repositoryId: string;
  branch: string;
  commit: string;
  contractPath: string;
  /** The Nx project name, the default deployment name. */
  project: string;
}

/** Deployment names show in URLs and lists: the project path with "/" turned into "-". */
export function defaultDeploymentName(project: string): string {
  return project.replace(/\//g, '-');
}

function pick(settings: ResolvedSettings, keys: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (settings as Record<string, unknown>)[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}

export function desiredDeploymentOf(input: DesiredInputs): DesiredDeployment {
  const { settings } = input;
  const desired: DesiredDeployment = {
    name: settings.name ?? defaultDeploymentName(input.project),
    repositoryId: input.repositoryId,
    branchName: input.branch,
    commit: input.commit,
    contractPath: input.contractPath,
    deploymentType: settings.deploymentType,
    ...input.types,
    versionFields: pick(settings, [...ARTIFACT_BODY_KEYS, 'region']),
    createFields: pick(settings, CREATE_ONLY_BODY_KEYS),
  };
  if (settings.description !== undefined) desired.description = settings.description;
  return desired;
}
