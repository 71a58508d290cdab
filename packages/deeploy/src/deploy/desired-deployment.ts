/**
 * What the deployment of a contract should be, from the resolved settings, the contract's types and
 * git, in the user's terms (enum names, option names). Wire numbers and wire names appear only in
 * the bodies built from it (`bodies.ts`). Pure.
 */
import type { DeploymentType, ExplainerTypeName, ModelTypeName, TransformerTypeName } from '../contract/enums';
import { BODY_OPTIONS, BODY_OPTION_KEYS, type BodyOptionKey, type ResolvedSettings } from '../settings/settings-schema';

export interface DesiredDeployment {
  name: string;
  description?: string;
  repositoryId: string;
  branchName: string;
  commit: string;
  /** Repository-relative POSIX path; '' for the repository root. */
  contractPath: string;
  deploymentType: DeploymentType;
  /** Absent for External and Registration deployments, which take no artifact types. */
  modelType?: ModelTypeName;
  explainerType?: ExplainerTypeName;
  transformerType?: TransformerTypeName;
  /** Body options Deeploy takes on create and on update (sizing, approval, External's URL, …), by option name. */
  versionFields: Partial<Record<BodyOptionKey, unknown>>;
  /** Body options Deeploy takes on create only (use case, documentation templates). */
  createFields: Partial<Record<BodyOptionKey, unknown>>;
  /** External: the secret its authentication needs, read from the environment (never from options). */
  externalSecret?: string;
}

export interface DesiredInputs {
  settings: ResolvedSettings;
  types: { modelType?: ModelTypeName; explainerType?: ExplainerTypeName; transformerType?: TransformerTypeName };
  repositoryId: string;
  branch: string;
  commit: string;
  contractPath: string;
  /** The Nx project name, the default deployment name. */
  project: string;
  /** External: the secret read from the environment variable `externalSecretEnv` names. */
  externalSecret?: string;
}

/** Deployment names show in URLs and lists: the project path with "/" turned into "-". */
export function defaultDeploymentName(project: string): string {
  return project.replace(/\//g, '-');
}

function pick(settings: ResolvedSettings, sentOn: 'create' | 'create-and-update'): Partial<Record<BodyOptionKey, unknown>> {
  const picked: Partial<Record<BodyOptionKey, unknown>> = {};
  for (const key of BODY_OPTION_KEYS) {
    const value = settings[key];
    if (value !== undefined && BODY_OPTIONS[key].sentOn === sentOn) picked[key] = value;
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
    versionFields: pick(settings, 'create-and-update'),
    createFields: pick(settings, 'create'),
  };
  if (settings.description !== undefined) desired.description = settings.description;
  if (input.externalSecret !== undefined) desired.externalSecret = input.externalSecret;
  return desired;
}
