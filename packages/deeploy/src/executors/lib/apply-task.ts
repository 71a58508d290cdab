/**
 * The part of a task that talks to Deeploy: match the repository, find the contract's deployment,
 * (route 3: upload, commit, push), plan, and apply — or, in a dry run, print the plan having sent
 * only reads. Then `--wait`.
 */
import { OutcomeUnknownError, DeeployApiError, serverTextOf } from '../../api/errors';
import { deploymentStateOf, type DeploymentState } from '../../api/deployment-state';
import { deployedVersionOf, type Deployment } from '../../api/schemas';
import { EXPLAINER_TYPES, MODEL_TYPES, TRANSFORMER_TYPES, nameOfWire } from '../../contract/enums';
import { uploadArtifacts } from '../../deploy/artifact-upload';
import { defaultDeploymentName, desiredDeploymentOf, type DesiredDeployment } from '../../deploy/desired-deployment';
import { planDeployment, type CurrentDeployment, type DeploymentPlan } from '../../deploy/plan';
import { describeChanges, describePlan } from '../../deploy/plan-text';
import { matchRepository } from '../../deploy/remote-url';
import { deploySettingsChanged } from '../../deploy/settings-diff';
import { DeploymentLookupError, selectDeployment, type ContractIdentity } from '../../deploy/select-deployment';
import { waitForDeployment } from '../../deploy/wait';
import { contractPathspecs, settingsFileOf } from '../../git/git-state';
import { projectFile } from '../../settings/context-layers';
import type { DeeployApi, DeeployLookups } from './deeploy-lookups';
import type { PreparedTask } from './prepare-task';
import type { TaskOutput } from './task-output';

export class DeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployError';
  }
}

/** What the task did, for the report and the executor's result. */
export interface TaskResult {
  action: 'create' | 'update' | 'skip' | 'none';
  outcome: 'success' | 'failure' | 'dry-run';
  deploymentId?: string;
  deploymentName?: string;
  commit: string;
  changedFields?: string[];
  status?: string;
  message: string;
  url?: string;
}

export interface ApplyIo {
  api: DeeployApi;
  lookups: DeeployLookups;
  out: TaskOutput;
  now(): number;
  sleep(ms: number): Promise<void>;
}

export function currentOf(deployment: Deployment): CurrentDeployment {
  const version = deployedVersionOf(deployment);
  return {
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
}

async function findDeployment(prepared: PreparedTask, io: ApplyIo, identity: ContractIdentity): Promise<Deployment | undefined> {
  const { settings, sources } = prepared;
  if (settings.deploymentId) {
    try {
      return await io.api.getDeployment(settings.deploymentId);
    } catch (error) {
      if (error instanceof DeeployApiError && error.status === 404) {
        throw new DeploymentLookupError(
          `deploymentId "${settings.deploymentId}" (${sources.deploymentId}) is not a deployment of workspace ${prepared.workspaceId}: fix it, or remove it to find the deployment by repository and contract path`,
        );
      }
      throw error;
    }
  }
  const deployments = await io.lookups.deployments();
  const selected = selectDeployment(deployments.map(currentOf), identity);
  return selected.deployment ? deployments.find((d) => d.id === selected.deployment?.id) : undefined;
}

/**
 * Creates the deployment. When the reply is lost, the create may have been stored: the
 * deployments are listed afresh and the contract's deployment taken if it is there; only when it
 * is not is the create sent again (once). So a lost reply never leaves two deployments.
 */
async function createOnce(io: ApplyIo, body: Extract<DeploymentPlan, { action: 'create' }>['body'], identity: ContractIdentity): Promise<{ deployment: Deployment; recovered: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { deployment: await io.api.createDeployment(body), recovered: false };
    } catch (error) {
      if (!(error instanceof OutcomeUnknownError)) throw error;
      const deployments = await io.lookups.deployments({ fresh: true });
      const selected = selectDeployment(deployments.map(currentOf), identity);
      const found = selected.deployment && deployments.find((d) => d.id === selected.deployment?.id);
      if (found) return { deployment: found, recovered: true };
      if (attempt >= 2) {
        throw new DeployError(
          `creating the deployment ended twice without a usable reply (last: ${error.message}) and it is not in Deeploy's list: run again (the task looks the deployment up before creating)`,
        );
      }
    }
  }
}

/**
 * Whether what Deeploy runs differs between the deployed commit and HEAD: the contract's files, or
 * the deploy settings in its project.json (name and description aside). Undefined when git cannot
 * tell (a shallow CI clone without the deployed commit): then a change cannot be ruled out.
 */
async function contentChanged(prepared: PreparedTask, deployedCommit: string | undefined, commit: string): Promise<boolean | undefined> {
  if (!deployedCommit) return undefined;
  if (deployedCommit === commit) return false;
  const { git, gitState } = prepared;
  if (!(await git.hasCommit(deployedCommit))) return undefined;
  const changed = await git.changedPathsBetween(deployedCommit, commit, contractPathspecs(gitState.contractPath));
  if (changed.length > 0) return true;
  const settingsFile = settingsFileOf(gitState.contractPath);
  const [before, after] = await Promise.all([git.fileAt(deployedCommit, settingsFile), git.fileAt(commit, settingsFile)]);
  return deploySettingsChanged(before, after);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function runUploads(prepared: PreparedTask, io: ApplyIo, repositoryId: string): Promise<string> {
  const { git, gitState, settings, task } = prepared;
  const written = await uploadArtifacts(prepared.uploads, (file) => io.api.uploadArtifact(repositoryId, file));
  const message = settings.commitMessage ?? `deeploy: upload artifacts of ${task.project}`;
  let commit: string;
  try {
    commit = await git.commitPaths(written, message);
    await git.push(gitState.remote, gitState.branch);
  } catch (error) {
    throw new DeployError(
      `uploaded the artifacts and rewrote ${written.join(', ')}, but committing or pushing failed (${(error as Error).message.split('\n')[0]}): commit and push ${written.length > 1 ? 'them' : 'it'} yourself, then deploy again`,
    );
  }
  const files = prepared.uploads.reduce((n, u) => n + u.files.length, 0);
  io.out.info(`uploaded ${files} file${files === 1 ? '' : 's'}, committed ${commit.slice(0, 7)} (${written.join(', ')}) and pushed it to ${gitState.remote}/${gitState.branch}`);
  return commit;
}

function uploadPlanLine(prepared: PreparedTask): string {
  return prepared.uploads
    .map((u) => {
      const bytes = u.files.reduce((n, f) => n + f.size, 0);
      return `upload ${u.files.length} file${u.files.length === 1 ? '' : 's'} (${formatBytes(bytes)}) from ${u.source} to ${u.folderPath}, rewrite ${u.referencePath}`;
    })
    .join('; ');
}

export async function applyTask(prepared: PreparedTask, io: ApplyIo): Promise<TaskResult> {
  const { settings, gitState, task } = prepared;
  const repositories = await io.lookups.repositories();
  const repository = matchRepository(gitState.remoteUrl, repositories, gitState.remote);
  const identity: ContractIdentity = {
    repositoryId: repository.id,
    contractPath: gitState.contractPath,
    name: settings.name ?? defaultDeploymentName(task.project),
    settingsFile: projectFile(task),
  };
  const found = await findDeployment(prepared, io, identity);
  if (!found && prepared.kind === 'update') {
    const where = gitState.contractPath === '' ? 'the repository root' : `"${gitState.contractPath}"`;
    throw new DeployError(
      `no deployment of the contract ${where} in repository ${repository.name ?? repository.id} exists yet: run nx run ${task.project}:deeploy-deploy first to create it`,
    );
  }
  const current = found ? currentOf(found) : undefined;

  const desiredAt = (commit: string): DesiredDeployment =>
    desiredDeploymentOf({
      settings,
      types: prepared.types,
      repositoryId: repository.id,
      branch: gitState.branch,
      commit,
      contractPath: gitState.contractPath,
      project: task.project,
      externalSecret: prepared.externalSecret,
    });

  let commit = gitState.commit;
  if (prepared.uploads.length > 0) {
    // Building the request bodies checks them: a problem shows now, not after the upload and push.
    planDeployment(current, desiredAt(commit), { contentChanged: true, force: settings.force });
    if (settings.dryRun) io.out.info(`dry run: would ${uploadPlanLine(prepared)}, commit and push to ${gitState.remote}/${gitState.branch}, then deploy that commit`);
    else commit = await runUploads(prepared, io, repository.id);
  }

  const desired = desiredAt(commit);
  const changed = prepared.uploads.length > 0 ? true : await contentChanged(prepared, current?.commit, commit);
  const plan = planDeployment(current, desired, { contentChanged: changed, force: settings.force });
  const base = { commit, deploymentName: desired.name };

  if (settings.dryRun) {
    const line = describePlan(plan, current, desired, prepared.uploads.length > 0 ? 'the new commit' : undefined);
    io.out.info(`dry run: ${line}; nothing was sent or written`);
    return {
      ...base,
      action: plan.action,
      outcome: 'dry-run',
      deploymentId: plan.action === 'create' ? undefined : plan.deploymentId,
      changedFields: plan.action === 'update' ? plan.changedFields : undefined,
      message: line,
      url: found?.publicURL,
    };
  }

  let deployment: Deployment | undefined = found;
  let message: string;
  if (plan.action === 'create') {
    const created = await createOnce(io, plan.body, identity);
    deployment = created.deployment;
    message = `created deployment ${deployment.id} at ${commit.slice(0, 7)}${created.recovered ? ' (its reply was lost; found it in Deeploy)' : ''}`;
  } else if (plan.action === 'update') {
    if (plan.updateBody) deployment = await io.api.updateDeployment(plan.deploymentId, plan.updateBody);
    if (plan.descriptionBody) deployment = await io.api.updateDescription(plan.deploymentId, plan.descriptionBody);
    message = `updated deployment ${plan.deploymentId} at ${commit.slice(0, 7)}: ${describeChanges(current as CurrentDeployment, desired, plan.changedFields)}`;
  } else {
    message = `already deployed: deployment ${plan.deploymentId} is up to date (${plan.reason})`;
  }
  io.out.info(message);
  const result: TaskResult = {
    ...base,
    action: plan.action,
    outcome: 'success',
    deploymentId: deployment?.id,
    changedFields: plan.action === 'update' ? plan.changedFields : undefined,
    message,
    url: deployment?.publicURL ?? found?.publicURL,
  };
  if (settings.wait && deployment) return waitFor(prepared, io, deployment.id, result);
  return result;
}

async function waitFor(prepared: PreparedTask, io: ApplyIo, id: string, result: TaskResult): Promise<TaskResult> {
  const { settings } = prepared;
  const statusMap = settings.statusMap as Partial<Record<number, DeploymentState>> | undefined;
  io.out.info(`waiting for deployment ${id} to run (deadline ${settings.waitTimeoutSeconds} s)`);
  const waited = await waitForDeployment(
    { timeoutSeconds: settings.waitTimeoutSeconds, intervalSeconds: settings.waitIntervalSeconds, progressIntervalSeconds: settings.progressIntervalSeconds },
    {
      poll: async () => {
        const deployment = await io.api.getDeployment(id);
        // The server's words go into one line: redacted first, then tidied and cut, as any server text.
        const reason = deployment.statusMessage === undefined ? undefined : serverTextOf(io.out.clean(deployment.statusMessage), []);
        return { state: deploymentStateOf(deployment.status, statusMap), reason };
      },
      progress: (line) => io.out.info(`deployment ${id} ${line}`),
      now: io.now,
      sleep: io.sleep,
    },
  );
  if (waited.state === 'running') {
    io.out.info(`deployment ${id} is running (after ${waited.seconds} s)`);
    return { ...result, status: 'running' };
  }
  if (waited.state === 'timeout') {
    return {
      ...result,
      outcome: 'failure',
      status: 'timeout',
      message: `timed out after ${waited.seconds} s waiting for deployment ${id} to run (still ${waited.lastState}); it may still come up: check it in Deeploy, or raise waitTimeoutSeconds`,
    };
  }
  return {
    ...result,
    outcome: 'failure',
    status: waited.state,
    message: `deployment ${id} ${waited.state === 'failed' ? 'failed' : 'was stopped'} on Deeploy${waited.reason ? `: ${waited.reason}` : ' (no reason given)'}; fix the cause and deploy again`,
  };
}
