/**
 * Everything a deploy or update checks before it talks to Deeploy, in order: settings and
 * credentials, the contract (offline validation and types), git (repository, remote, branch, HEAD,
 * no uncommitted contract files, the commit on the remote branch), and route 3's upload plan.
 * Any problem here stops the task before the first request.
 */
import { requiredWorkspaceId } from '../settings/client-settings';
import { parseJson, type ExecutorContext, type NxJsonConfiguration } from '../nx/devkit';
import { resolveApiBaseUrl } from '../api/base-url';
import { formatContractErrors, readContract, resolveTypes, type ContractError, type ContractFiles, type ResolvedTypes } from '../contract';
import { nameClashRule, projectsNamed } from './deployment-names';
import { defaultDeploymentName } from './desired-deployment';
import { reportDirOf } from '../report/report-dir';
import { planArtifactUploads, type ArtifactUploadPlan, type UploadedArtifact } from './artifact-upload';
import type { GitBridge } from '../git/git-bridge';
import type { DependencyFolder } from '../git/contract-changes';
import { assertCommitOnRemote, assertContractCommitted, GitStateError, readGitState, relativeInside, type GitState } from '../git/git-state';
import { dependencyFoldersOf } from '../nx/project-dependencies';
import { settingsHintOf, settingsLayersOf, taskIdentityOf, typeLayersOf, type TaskIdentity, type TaskKind } from '../settings/context-layers';
import { readExternalSecret, readKeyPair, type KeyPairCredentials } from '../settings/credentials';
import { resolveSettings, SettingsError } from '../settings/resolve-settings';
import type { ResolvedSettings, SettingKey } from '../settings/settings-schema';
import { uncommittedDeploySettings } from '../settings/uncommitted-settings';
import { UserError } from '../user-error';

export class ContractInvalidError extends UserError {
  constructor(errors: readonly ContractError[], project: string) {
    const more =
      errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''}: run nx run ${project}:deeploy-validate to list them)` : '';
    super(`${formatContractErrors(errors.slice(0, 1))}${more}`);
  }
}

export interface PreparedTask {
  kind: TaskKind;
  task: TaskIdentity;
  workspaceRoot: string;
  settings: ResolvedSettings;
  sources: Partial<Record<SettingKey, string>>;
  keyPair: KeyPairCredentials;
  /** External: the secret its authentication needs, from the environment. */
  externalSecret?: string;
  baseUrl: string;
  workspaceId: string;
  types: Pick<ResolvedTypes, 'modelType' | 'explainerType' | 'transformerType'>;
  git: GitBridge;
  gitState: GitState;
  /** The workspace projects the contract depends on (transitively), with repository-relative folders. */
  dependencies: DependencyFolder[];
  /** Route 3: artifacts to upload before deploying; empty otherwise. */
  uploads: ArtifactUploadPlan[];
  /** The run's base commit (`NX_BASE`, as `nx affected` uses it), for when Deeploy does not say what it runs. */
  baseCommit?: string;
  /** Kept but worth a look (unknown keys in a reference.json), one located line each. */
  contractWarnings: string[];
}

/** The contract as it will be once route 3 points the uploaded artifacts' references at a blob. */
function afterUploads(contract: ContractFiles, artifacts: readonly UploadedArtifact[]): ContractFiles {
  const next = { ...contract };
  for (const artifact of artifacts) {
    const file = [contract.contractPath, artifact, 'reference.json'].filter(Boolean).join('/');
    next[artifact] = { source: 'reference', file, reference: { blob: { url: 's3://uploaded/artifact' } } };
  }
  return next;
}

/**
 * Refuses uncommitted deploy settings in nx.json's deeploy plugin options (a deploymentType, a
 * default size): they would reach the deployment without being in the commit it records.
 * `git status` of one file first; the committed nx.json is read only when it differs.
 */
async function assertNxJsonSettingsCommitted(git: GitBridge, gitState: GitState, context: ExecutorContext, task: TaskIdentity): Promise<void> {
  const workspacePath = relativeInside(gitState.repoRoot, context.root) ?? '';
  const nxJsonPath = workspacePath ? `${workspacePath}/nx.json` : 'nx.json';
  if ((await git.uncommittedPaths([nxJsonPath])).length === 0) return;
  const text = await git.fileAt(gitState.commit, nxJsonPath);
  let committed: NxJsonConfiguration | undefined;
  try {
    committed = text === undefined ? undefined : parseJson<NxJsonConfiguration>(text);
  } catch {
    committed = undefined; // An unreadable committed nx.json holds no settings that could be deployed.
  }
  const targets = Object.keys(context.projectsConfigurations?.projects?.[task.project]?.targets ?? {});
  const changed = uncommittedDeploySettings(committed, context.nxJsonConfiguration, targets);
  if (changed.length > 0) {
    const shown = changed.slice(0, 3).join(', ') + (changed.length > 3 ? ` and ${changed.length - 3} more` : '');
    throw new GitStateError(`uncommitted changes in nx.json reach the deployment (${shown}): commit and push them, or revert them, before deploying`);
  }
}

/** What is known so far, kept when a later check fails, so the failure's report can still say it. */
export interface PrepareProgress {
  gitState?: GitState;
  /** The `reportDir` setting, once it is known to stay inside the workspace. */
  reportDir?: string;
  verbose?: boolean;
  dryRun?: boolean;
}

export async function prepareTask(
  kind: TaskKind,
  options: Record<string, unknown>,
  context: ExecutorContext,
  env: NodeJS.ProcessEnv,
  progress: PrepareProgress,
  openGit: (workspaceRoot: string) => GitBridge,
): Promise<PreparedTask> {
  const task = taskIdentityOf(context, kind);
  const workspaceRoot = context.root;
  const layers = settingsLayersOf(context, options, kind);
  const { settings, sources } = resolveSettings(layers, env);
  progress.verbose = settings.verbose;
  progress.dryRun = settings.dryRun;
  // Checked before anything is sent; the report folder is known only once it is confined.
  reportDirOf(workspaceRoot, settings.reportDir, sources.reportDir);
  progress.reportDir = settings.reportDir;
  const keyPair = readKeyPair(env);
  const externalSecret = readExternalSecret(env, settings);
  const baseUrl = resolveApiBaseUrl(settings);
  const workspaceId = requiredWorkspaceId(settings);

  const name = settings.name ?? defaultDeploymentName(task.project);
  const sameName = projectsNamed(name, task.project, context.projectsConfigurations?.projects ?? {}, context.nxJsonConfiguration);
  if (sameName.length > 0) {
    const hint = settingsHintOf(task, workspaceRoot);
    throw new SettingsError(nameClashRule(name, sameName, sources.name ?? `${hint.file} at ${hint.optionsPath}.name`));
  }

  const read = readContract(workspaceRoot, task.projectRoot);
  if (!read.contract) throw new ContractInvalidError(read.errors, task.project);
  const uploadSources = (
    [
      ['model', settings.modelArtifact, 'modelArtifact'],
      ['explainer', settings.explainerArtifact, 'explainerArtifact'],
    ] as const
  ).flatMap(([artifact, path, option]) => (path ? [{ artifact, path, option: `${option} (${sources[option]})` }] : []));
  const contract = afterUploads(
    read.contract,
    uploadSources.map((s) => s.artifact),
  );
  const resolved = resolveTypes(contract, typeLayersOf(layers), settingsHintOf(task, workspaceRoot));
  if (!resolved.types) throw new ContractInvalidError(resolved.errors, task.project);
  const { modelType, explainerType, transformerType } = resolved.types;

  const git = openGit(workspaceRoot);
  const gitState = await readGitState(git, { workspaceRoot, projectRoot: task.projectRoot, remote: settings.remote, branch: settings.branch, env });
  progress.gitState = gitState;
  await assertContractCommitted(git, gitState);
  await assertNxJsonSettingsCommitted(git, gitState, context, task);

  const uploads = planArtifactUploads({ workspaceRoot, projectRoot: task.projectRoot, contractPath: gitState.contractPath, sources: uploadSources });
  if (uploads.length > 0 && !settings.push) {
    const options = uploadSources.map((s) => s.option.split(' ')[0]).join(' and ');
    throw new SettingsError(
      `${options} would upload and commit a new reference, but that commit would not reach ${gitState.remote}/${gitState.branch}, which Deeploy reads: pass --push (or set "push": true) to push it`,
    );
  }
  // Route 3 pushes one more commit on top of HEAD, so HEAD itself must already be on the remote.
  await assertCommitOnRemote(git, gitState);
  const dependencies = dependencyFoldersIn(context, task.project, task.projectRoot, gitState);

  return {
    kind,
    task,
    workspaceRoot,
    settings,
    sources,
    keyPair,
    ...(externalSecret !== undefined ? { externalSecret } : {}),
    baseUrl,
    workspaceId,
    types: { modelType, explainerType, transformerType },
    git,
    gitState,
    dependencies,
    uploads,
    ...(env.NX_BASE?.trim() ? { baseCommit: env.NX_BASE.trim() } : {}),
    contractWarnings: read.warnings.map((warning) => warning.message),
  };
}

/** The project graph's dependency folders, made repository-relative like the contract path. */
function dependencyFoldersIn(context: ExecutorContext, project: string, projectRoot: string, gitState: GitState): DependencyFolder[] {
  const folders = dependencyFoldersOf(context.projectGraph, project, projectRoot);
  if (folders.length === 0) return [];
  // The workspace may be a folder of the repository; readGitState has checked that it lies inside.
  const prefix = relativeInside(gitState.repoRoot, context.root) ?? '';
  return folders.map(({ project: name, root }) => ({ project: name, path: [prefix, root].filter(Boolean).join('/') }));
}
