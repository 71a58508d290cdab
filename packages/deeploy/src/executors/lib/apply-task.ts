/**
 * The part of a task that talks to Deeploy: match the repository, find the contract's deployment,
 * (route 3: upload, commit, push), plan, and apply — or, in a dry run, print the plan having sent
 * only reads. Then `--wait`.
 */
import { OutcomeUnknownError, DeeployApiError, serverTextOf } from '../../api/errors';
import type { DeploymentState } from '../../api/deployment-state';
import { publicUrlOf, type Deployment } from '../../api/schemas';
import { uploadArtifacts } from '../../deploy/artifact-upload';
import { defaultDeploymentName, desiredDeploymentOf, type DesiredDeployment } from '../../deploy/desired-deployment';
import { planDeployment, type CurrentDeployment, type DeploymentPlan } from '../../deploy/plan';
import { describeChanges, describePlan } from '../../deploy/plan-text';
import { matchRepository } from '../../deploy/remote-url';
import { deploySettingsChanged } from '../../deploy/settings-diff';
import { DeploymentLookupError, type ContractIdentity } from '../../deploy/select-deployment';
import { observationOf, waitForDeployment } from '../../deploy/wait';
import { contractPathspecs, settingsFileOf } from '../../git/git-state';
import { projectFile } from '../../settings/context-layers';
import type { DeeployApi, DeeployLookups } from './deeploy-lookups';
import { currentOf, findContractDeployment } from './find-deployment';
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
  return findContractDeployment(io.lookups, identity);
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
      let found: Deployment | undefined;
      try {
        found = await findContractDeployment(io.lookups, identity, { fresh: true });
      } catch (lookupError) {
        if (!(lookupError instanceof DeploymentLookupError)) throw lookupError;
        throw new DeployError(
          `creating the deployment ended without a usable reply (${error.message}) and Deeploy's list cannot show whether it was stored: look for deployment "${body.name}" in Deeploy and set "deploymentId" in ${identity.settingsFile} to its id before running again`,
        );
      }
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

function shortRef(ref: string): string {
  return /^[0-9a-f]{40,64}$/.test(ref) ? ref.slice(0, 7) : ref;
}

/** A commit as `NX_BASE` may name it (a sha or a ref), never something git would read as an option. */
async function usableBaseCommit(prepared: PreparedTask): Promise<string | undefined> {
  const base = prepared.baseCommit;
  if (!base || !/^[^-\s]\S*$/.test(base)) return undefined;
  return (await prepared.git.hasCommit(base).catch(() => false)) ? base : undefined;
}

/**
 * The plan, from what Deeploy says runs (issue 14, documented in docs/executors.md):
 * - a version pending approval or rolling out (`updatingTo`) with this contract is not sent again;
 * - when Deeploy does not say the deployed commit, the run's base commit (`NX_BASE`) stands in for
 *   it: unchanged since the base, the deployment is left alone; changed, or with no base to tell,
 *   it is updated. The plan says "deployed commit unknown" either way.
 */
async function planFromDeployedState(
  prepared: PreparedTask,
  current: CurrentDeployment | undefined,
  desired: DesiredDeployment,
): Promise<{ plan: DeploymentPlan; note?: string }> {
  const { settings } = prepared;
  const facts = (contentChanged: boolean | undefined) => ({ contentChanged, force: settings.force });
  if (prepared.uploads.length > 0) return { plan: planDeployment(current, desired, facts(true)) };

  const pendingCommit = current?.updatingTo?.commit;
  if (current && pendingCommit && !settings.force) {
    const pendingPlan = planDeployment({ ...current, commit: pendingCommit }, desired, facts(await contentChanged(prepared, pendingCommit, desired.commit)));
    if (pendingPlan.action === 'skip') {
      return { plan: { ...pendingPlan, reason: `a version at ${pendingCommit.slice(0, 7)} is pending approval or rolling out` } };
    }
  }

  if (current && current.commit === undefined) {
    const base = await usableBaseCommit(prepared);
    const plan = planDeployment(current, desired, facts(base ? await contentChanged(prepared, base, desired.commit) : undefined));
    if (plan.action === 'skip' && base) {
      return { plan: { ...plan, reason: `deployed commit unknown; the contract has not changed since the base commit ${shortRef(base)} (NX_BASE)` } };
    }
    if (plan.action === 'skip') return { plan };
    const note = base
      ? `deployed commit unknown; the contract changed since the base commit ${shortRef(base)} (NX_BASE)`
      : 'deployed commit unknown: Deeploy does not say it, and no base commit (NX_BASE) shows the contract unchanged';
    return { plan, note };
  }
  return { plan: planDeployment(current, desired, facts(await contentChanged(prepared, current?.commit, desired.commit))) };
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
  const { plan, note } = await planFromDeployedState(prepared, current, desired);
  const base = { commit, deploymentName: desired.name };
  const withNote = (line: string) => (note ? `${line} (${note})` : line);

  if (settings.dryRun) {
    const line = withNote(describePlan(plan, current, desired, prepared.uploads.length > 0 ? 'the new commit' : undefined));
    io.out.info(`dry run: ${line}; nothing was sent or written`);
    return {
      ...base,
      action: plan.action,
      outcome: 'dry-run',
      deploymentId: plan.action === 'create' ? undefined : plan.deploymentId,
      changedFields: plan.action === 'update' ? plan.changedFields : undefined,
      message: line,
      url: found ? publicUrlOf(found) : undefined,
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
    message = withNote(`updated deployment ${plan.deploymentId} at ${commit.slice(0, 7)}: ${describeChanges(current as CurrentDeployment, desired, plan.changedFields)}`);
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
    url: (deployment && publicUrlOf(deployment)) ?? (found && publicUrlOf(found)),
  };
  if (settings.wait && deployment) return waitFor(prepared, io, deployment.id, result, plan.action === 'skip' ? undefined : commit);
  return result;
}

/** `wantedCommit`: the commit just sent, so the old version running meanwhile is not taken for the new one. */
async function waitFor(prepared: PreparedTask, io: ApplyIo, id: string, result: TaskResult, wantedCommit?: string): Promise<TaskResult> {
  const { settings } = prepared;
  const statusMap = settings.statusMap as Partial<Record<number, DeploymentState>> | undefined;
  io.out.info(`waiting for deployment ${id} to run (deadline ${settings.waitTimeoutSeconds} s)`);
  const waited = await waitForDeployment(
    { timeoutSeconds: settings.waitTimeoutSeconds, intervalSeconds: settings.waitIntervalSeconds, progressIntervalSeconds: settings.progressIntervalSeconds },
    {
      poll: async () => {
        const observed = observationOf(await io.api.getDeployment(id), statusMap, wantedCommit);
        // The server's words go into one line: redacted first, then tidied and cut, as any server text.
        return observed.reason === undefined ? observed : { ...observed, reason: serverTextOf(io.out.clean(observed.reason), []) };
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
