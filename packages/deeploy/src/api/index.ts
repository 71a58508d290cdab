/**
 * The Deeploy API client: what the executors import. See deeploy-api.md for the wire contract.
 */
export { resolveApiBaseUrl, isLoopback } from './base-url';
export type { ApiBaseUrlInput } from './base-url';
export type { DeeployAuth } from './auth';
export { PERSONAL_KEYS_FIX } from './auth';
export { createDeeployClient } from './client';
export type { DeeployClient, DeeployClientConfig, UploadArtifactInput } from './client';
export { DeeployConfigError } from './config-error';
export { DeeployApiError, OutcomeUnknownError } from './errors';
export { redact } from './redact';
export { deploymentStateOf, DEFAULT_STATUS_MAP } from './deployment-state';
export type { DeploymentState } from './deployment-state';
export {
  repositorySchema,
  deploymentSchema,
  versionObjectSchema,
  versionRefSchema,
  createDeploymentBodySchema,
  updateDeploymentBodySchema,
  updateDescriptionBodySchema,
  deployedVersionOf,
} from './schemas';
export type {
  Repository,
  Deployment,
  VersionObject,
  VersionRef,
  DeployedVersion,
  CreateDeploymentBody,
  UpdateDeploymentBody,
  UpdateDescriptionBody,
} from './schemas';
