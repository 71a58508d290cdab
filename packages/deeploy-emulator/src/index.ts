/**
 * deeploy-emulator: a local stand-in for the Deeploy API, for tests, demos and offline work.
 * It depends on nothing but node and the `git` CLI.
 */
export { startEmulator, ADMIN_PREFIX } from './server';
export type { EmulatorOptions, RunningEmulator } from './server';
export { defaultSeed, DEFAULT_WORKSPACE_ID, DEFAULT_REPOSITORY_ID } from './seed';
export { DEPLOYMENT_STATUS } from './status';
export { CONSERVATIVE_DIALECT, DIALECT_PRESETS, resolveDialect } from './dialect';
export type { EmulatorDialect, DialectSetting } from './dialect';
export { UPLOAD_REFERENCE_FORMS, type UploadReferenceForm } from './upload-reply';
export type {
  EmulatorSeed,
  EmulatorCredentials,
  SeedWorkspace,
  SeedRepository,
  FaultPlan,
  RequestMatch,
  RateLimitFault,
  ServerErrorFault,
  CountedFault,
  SlowReplyFault,
  LoggedRequest,
  EmulatorState,
  StoredWorkspace,
  StoredRepository,
  StoredDeployment,
  StoredVersion,
  StoredUpload,
} from './types';
