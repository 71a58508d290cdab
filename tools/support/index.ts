/**
 * tools/support: the ONE test-support layer of the repository, shared by e2e/, the demo, the
 * benchmarks and the reliability suite. Import from here (`tools/support`), not from its files.
 */
export { EMULATOR_DIR, PLUGIN_DIR, REGISTER_TS, REPO_ROOT, REPO_TMP, repoTempDir, requireBuilt, tempDir, tsNodeArgs } from './paths';
export { GIT_IDENTITY, GIT_ISOLATION, INHERITED_ENV_TO_DROP, NX_QUIET, cleanEnv, shouldDrop } from './env';
export { CommandFailed, DEFAULT_TIMEOUT_MS, describeFailure, redactText, runCommand, runCommandOk } from './run-command';
export type { CommandResult, RunOptions } from './run-command';
export { commitAll, commitAndPush, createRepo, git, initBareOrigin, initRepoWithOrigin } from './git';
export type { GitRepo } from './git';
export { REPO_NX_BIN, nxBinOf, nxVersionOf } from './nx';
export { contractFiles, dockerReference, writeFile, writeFiles } from './files';
export type { ContractFiles } from './files';
export { SUBFOLDER_1_CONTRACT, SUBFOLDER_2_CONTRACT, SUBFOLDER_2_DOCKER_REFERENCE } from './readme-story';
export { linkPluginAsAlias } from './link-plugin';
export { TestWorkspace } from './workspace';
export type { LinkedWorkspaceOptions, TestWorkspaceOptions } from './workspace';
export {
  TEST_ACCESS_KEY,
  TEST_REPOSITORY_ID,
  TEST_SECRET_KEY,
  TEST_WORKSPACE_ID,
  deeployEnvFor,
  deploymentAt,
  deploymentIdOf,
  deploymentsByContract,
  deploymentsOf,
  describeRequests,
  isWriteRequest,
  startEmulatorFor,
  startTestEmulator,
  testSeed,
  writesIn,
} from './emulator';
export type { TestSeedOptions } from './emulator';
export { TARGET_OF, executorContext, executorOptions } from './executor-context';
export type { ExecutorContextInput, TaskKind } from './executor-context';
