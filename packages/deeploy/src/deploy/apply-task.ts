/**
 * The part of a task that talks to Deeploy: match the repository, find the contract's deployment,
 * (route 3: upload, commit, push), plan, and apply — or, in a dry run, print the plan having sent
 * only reads. Then `--wait`.
 */
import { DeeployApiError, serverTextOf } from '../api/errors';
import type { DeploymentState } from '../api/deployment-state';
import type { DeploymentListing } from '../api/deployment-listing';
import { publicUrlOf, type Deployment } from '../api/schemas';
import { uploadArtifacts } from './artifact-upload';
import { defaultDeploymentName, desiredDeploymentOf, type DesiredDeployment } from './desired-deployment';
import { planDeployment, type CurrentDeployment, type DeploymentPlan } from './plan';
import { describeChanges, describePlan } from './plan-text';
import { matchRepository } from './remote-url';
import { DeploymentLookupError, type ContractIdentity } from './select-deployment';
import { observationOf, systemClock, waitForDeployment } from './wait';
import { contractChangedBetween, type ChangeVerdict } from '../git/contract-changes';
import { ensureDeployedCommit } from '../git/git-state';
import { projectFile } from '../settings/context-layers';
import { createDeployment } from './create-deployment';
import type { DeeployApi, DeeployLookups } from './deeploy-lookups';
import { DeployError } from './deploy-error';
import { currentOf, findContractDeployment } from './find-deployment';
import type { PreparedTask } from './prepare-task';
import type { TaskOutput } from './task-output';

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
}

type StatusMap = Partial<Record<number, DeploymentState>>;

/** The contract's deployment, and the list it was looked for in (none with `deploymentId`). */
async function findDeployment(
  prepared: PreparedTask,
  io: ApplyIo,
  identity: ContractIdentity,
  nameSuffices?: () => Promise<boolean>,
): Promise<{ found: Deployment | undefined; list?: DeploymentListing; unread?: true }> {
  const { settings, sources } = prepared;
  if (settings.deploymentId) {
    try {
      return { found: await io.api.getDeployment(settings.deploymentId) };
    } catch (error) {
      if (error instanceof DeeployApiError && error.status === 404) {
        throw new DeploymentLookupError(
          `deploymentId "${settings.deploymentId}" (${sources.deploymentId}) is not a deployment of workspace ${prepared.workspaceId}: fix it, or remove it to find the deployment by repository and contract path`,
        );
      }
      throw error;
    }
  }
  return findContractDeployment(io.lookups, identity, { nameSuffices });
}

/**
 * Whether the deployment may be taken from the list by its name alone, unread (documented in
 * docs/executors.md, "What a deployment's commit is read from"): the contract, its deploy settings
 * and the projects it depends on are unchanged since the run's base commit (`NX_BASE`), which the
 * run takes as deployed, as `nx affected` takes every project unchanged since it as done. Its plan
 * is then to leave the deployment alone unless the list shows otherwise; anything else reads it
 * first (`applyTask`), so nothing is ever written to a deployment known only by its name.
 */
async function unchangedSinceBase(prepared: PreparedTask): Promise<boolean> {
  if (prepared.uploads.length > 0 || prepared.settings.force) return false;
  const base = await usableBaseCommit(prepared);
  if (!base) return false;
  const { git, gitState, dependencies } = prepared;
  const verdict = await contractChangedBetween(git, { contractPath: gitState.contractPath, dependencies }, base.sha, gitState.commit);
  return verdict.changed === false;
}

/**
 * Whether what Deeploy runs differs between the deployed commit and HEAD (`contract-changes.ts`):
 * the contract's files and deploy settings, or a project it depends on. Unknown when git cannot
 * tell (no deployed commit, or one gone from the remote): then a change cannot be ruled out. A
 * deployed commit missing here is fetched (in a shallow clone: that one commit), or the task fails
 * in a shallow clone (`ensureDeployedCommit`).
 */
async function contentChanged(prepared: PreparedTask, current: CurrentDeployment | undefined, commit: string): Promise<ChangeVerdict> {
  const deployedCommit = current?.commit;
  if (!current || !deployedCommit) return { changed: undefined };
  if (deployedCommit === commit) return { changed: false };
  // A redeploy happens anyway: nothing to compare, nothing to fetch.
  if (prepared.settings.force || current.failed) return { changed: undefined };
  const { git, gitState, dependencies } = prepared;
  return contractChangedBetween(git, { contractPath: gitState.contractPath, dependencies }, deployedCommit, commit, (sha) =>
    ensureDeployedCommit(git, gitState, sha, current.id),
  );
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
  io.out.info(
    `uploaded ${files} file${files === 1 ? '' : 's'}, committed ${commit.slice(0, 7)} (${written.join(', ')}) and pushed it to ${gitState.remote}/${gitState.branch}`,
  );
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

/**
 * The commit `NX_BASE` names (a sha or a ref), never something git would read as an option:
 * its full id, for the comparisons (which take ids only), and its name as given, for the lines.
 */
async function usableBaseCommit(prepared: PreparedTask): Promise<{ sha: string; name: string } | undefined> {
  const base = prepared.baseCommit;
  if (!base || !/^[^-\s]\S*$/.test(base)) return undefined;
  const sha = await prepared.git.commitOf(base).catch(() => undefined);
  return sha ? { sha, name: shortRef(base) } : undefined;
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
  const facts = (verdict: ChangeVerdict | undefined) => ({ contentChanged: verdict?.changed, changedDependency: verdict?.dependency, force: settings.force });
  if (prepared.uploads.length > 0) return { plan: planDeployment(current, desired, facts({ changed: true })) };

  const pendingCommit = current?.updatingTo?.commit;
  if (current && pendingCommit && !settings.force && !current.failed) {
    const pending = { ...current, commit: pendingCommit };
    const pendingPlan = planDeployment(pending, desired, facts(await contentChanged(prepared, pending, desired.commit)));
    if (pendingPlan.action === 'skip') {
      return { plan: { ...pendingPlan, reason: `a version at ${pendingCommit.slice(0, 7)} is pending approval or rolling out` } };
    }
  }

  if (current && current.commit === undefined) {
    const base = await usableBaseCommit(prepared);
    const plan = planDeployment(current, desired, facts(base ? await contentChanged(prepared, { ...current, commit: base.sha }, desired.commit) : undefined));
    if (plan.action === 'skip' && base) {
      return { plan: { ...plan, reason: `deployed commit unknown; the contract has not changed since the base commit ${base.name} (NX_BASE)` } };
    }
    if (plan.action === 'skip') return { plan };
    const note = base
      ? `deployed commit unknown; the contract changed since the base commit ${base.name} (NX_BASE)`
      : 'deployed commit unknown: Deeploy does not say it, and no base commit (NX_BASE) shows the contract unchanged';
    return { plan, note };
  }
  return { plan: planDeployment(current, desired, facts(await contentChanged(prepared, current, desired.commit))) };
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
  let lookedUp = await findDeployment(prepared, io, identity, () => unchangedSinceBase(prepared));
  let found = lookedUp.found;
  const mustExist = () => {
    if (found || prepared.kind !== 'update') return;
    const where = gitState.contractPath === '' ? 'the repository root' : `"${gitState.contractPath}"`;
    throw new DeployError(
      `no deployment of the contract ${where} in repository ${repository.name ?? repository.id} exists yet: run nx run ${task.project}:deeploy-deploy first to create it`,
    );
  };
  mustExist();
  const statusMap = settings.statusMap as StatusMap | undefined;
  const currentFrom = (deployment: Deployment): CurrentDeployment => {
    const read = currentOf(deployment, statusMap);
    // The server's reason goes into one line: redacted first, then tidied and cut, as any server text.
    if (read.failed?.reason !== undefined) read.failed = { reason: serverTextOf(io.out.clean(read.failed.reason), []) };
    return read;
  };
  let current = found ? currentFrom(found) : undefined;

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
    if (settings.dryRun)
      io.out.info(`dry run: would ${uploadPlanLine(prepared)}, commit and push to ${gitState.remote}/${gitState.branch}, then deploy that commit`);
    else commit = await runUploads(prepared, io, repository.id);
  }

  const desired = desiredAt(commit);
  let { plan, note } = await planFromDeployedState(prepared, current, desired);
  if (lookedUp.unread && plan.action !== 'skip') {
    // Known only by its name in the list, and not to be left alone: read it before deciding on it.
    lookedUp = await findDeployment(prepared, io, identity);
    found = lookedUp.found;
    mustExist();
    current = found ? currentFrom(found) : undefined;
    ({ plan, note } = await planFromDeployedState(prepared, current, desired));
  }
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
  let message = '';
  /** Set when another run created the deployment while this one was about to. */
  let createdMeanwhile = '';
  let duplicates: Deployment[] = [];
  if (plan.action === 'create') {
    const created = await createDeployment(prepared, { api: io.api, lookups: io.lookups, currentOf: currentFrom }, plan.body, identity, lookedUp.list);
    deployment = created.deployment;
    if (created.kind === 'created') {
      duplicates = created.duplicates;
      message = `created deployment ${deployment.id} at ${commit.slice(0, 7)}${created.recovered ? ' (its reply was lost; found it in Deeploy)' : ''}`;
    } else {
      // Another run created it: from here on it is an existing deployment, updated or left as it is.
      createdMeanwhile = ' (another run created it meanwhile)';
      found = deployment;
      current = currentFrom(deployment);
      ({ plan, note } = await planFromDeployedState(prepared, current, desired));
    }
  }
  if (plan.action === 'update') {
    if (plan.updateBody) deployment = await io.api.updateDeployment(plan.deploymentId, plan.updateBody);
    if (plan.descriptionBody) deployment = await io.api.updateDescription(plan.deploymentId, plan.descriptionBody);
    message = withNote(
      `updated deployment ${plan.deploymentId}${createdMeanwhile} at ${commit.slice(0, 7)}${plan.because ? ` (${plan.because})` : ''}: ${describeChanges(current as CurrentDeployment, desired, plan.changedFields)}`,
    );
  } else if (plan.action === 'skip') {
    message = `already deployed: deployment ${plan.deploymentId}${createdMeanwhile} is up to date (${plan.reason})`;
  }
  const result: TaskResult = {
    ...base,
    action: plan.action,
    outcome: 'success',
    deploymentId: deployment?.id,
    changedFields: plan.action === 'update' ? plan.changedFields : undefined,
    message,
    url: (deployment && publicUrlOf(deployment)) ?? (found && publicUrlOf(found)),
  };
  if (duplicates.length > 0) {
    // Two runs created one contract's deployment at once on a server that allows it: say so, loudly.
    const ids = duplicates.map((d) => d.id).join(', ');
    return {
      ...result,
      outcome: 'failure',
      message: `${message}, but another run created deployment ${ids} of the same contract at the same time (Deeploy accepted both): delete one of them in Deeploy, or set "deploymentId" in ${identity.settingsFile} to the one to keep`,
    };
  }
  io.out.info(message);
  if (settings.wait && deployment) return waitFor(prepared, io, deployment.id, result, plan.action === 'skip' ? undefined : commit);
  return result;
}

/** `wantedCommit`: the commit just sent, so the old version running meanwhile is not taken for the new one. */
async function waitFor(prepared: PreparedTask, io: ApplyIo, id: string, result: TaskResult, wantedCommit?: string): Promise<TaskResult> {
  const { settings } = prepared;
  const statusMap = settings.statusMap as StatusMap | undefined;
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
      ...systemClock,
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
