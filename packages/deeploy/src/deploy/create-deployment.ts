/**
 * Creating a contract's deployment when another run may be creating it too. Deeploy offers no
 * idempotency key, so what can be guaranteed depends on where the other run is:
 *
 * - On this machine (two `nx` commands in one checkout or its worktrees): creates of one contract
 *   take turns under a lock file in the git folder, and each create leaves a note of when it was
 *   done beside the lock. A task that holds the lock and planned with a list sent before such a
 *   note lists again: it finds the first's deployment and adopts it. Never two.
 * - Elsewhere (two CI jobs): a server with unique names refuses the second create (409); the task
 *   then lists again and adopts the deployment of the same repository and contract path. A server
 *   that accepts duplicate names cannot stop the second create: right after a create the task lists
 *   again, and if another deployment of the contract appeared meanwhile it fails, naming both, so a
 *   person deletes one, rather than keeping two in silence.
 *
 * A lost reply is handled as before (`createOnce`): list again, take the deployment if it is there,
 * send the create again (once) only when it is not.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DeeployApiError, OutcomeUnknownError } from '../api/errors';
import type { DeploymentListing } from '../api/deployment-listing';
import type { CreateDeploymentBody, Deployment } from '../api/schemas';
import { deploymentsOfContract, type ContractIdentity } from './select-deployment';
import type { CurrentDeployment } from './plan';
import { FileLockTimeoutError, withFileLock } from '../fs/file-lock';
import { DeployError } from './deploy-error';
import type { PreparedTask } from './prepare-task';
import { deploymentListSentAt, type DeeployApi, type DeeployLookups } from './deeploy-lookups';
import { findContractDeployment } from './find-deployment';

export type CreateOutcome =
  /** `duplicates`: other deployments of the contract that appeared while this one was created. */
  | { kind: 'created'; deployment: Deployment; recovered: boolean; duplicates: Deployment[] }
  /** Another run created it first: seen in the list taken under the lock, or after a 409. */
  | { kind: 'found'; deployment: Deployment };

export interface CreateIo {
  api: Pick<DeeployApi, 'createDeployment'>;
  lookups: DeeployLookups;
  currentOf(deployment: Deployment): CurrentDeployment;
}

/**
 * A create can take as long as the server's timeout (up to minutes); a lock older than this was
 * left by a run on another host sharing the folder. A holder killed on this host is seen at once.
 */
const CREATE_LOCK = { staleMs: 10 * 60_000, waitMs: 11 * 60_000 };

/** The lock of one contract's creates in one Deeploy workspace, and the note of its last create. */
function createFilesOf(prepared: PreparedTask, repositoryId: string, commonDir: string): { lock: string; lastCreate: string } {
  const key = createHash('sha256')
    .update(JSON.stringify([prepared.baseUrl.replace(/\/+$/, ''), prepared.workspaceId, repositoryId, prepared.gitState.contractPath]))
    .digest('hex')
    .slice(0, 32);
  const base = join(commonDir, 'deeploy', `create-${key}`);
  return { lock: `${base}.lock`, lastCreate: `${base}.created` };
}

/** When a run on this machine last created this contract's deployment (ms), or undefined. */
function lastCreateOf(file: string): number | undefined {
  try {
    const time = Number(readFileSync(file, 'utf8'));
    return Number.isFinite(time) ? time : undefined;
  } catch {
    return undefined;
  }
}

/** The contract's deployment in a fresh list (list items that do not say what they run are read by id). */
async function listedDeploymentOf(io: CreateIo, identity: ContractIdentity): Promise<Deployment | undefined> {
  return (await findContractDeployment(io.lookups, identity, { fresh: true })).found;
}

/** Sends the create; after a lost reply, lists first and sends it again (once) only when it is not there. */
async function createOnce(io: CreateIo, body: CreateDeploymentBody, identity: ContractIdentity): Promise<{ deployment: Deployment; recovered: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { deployment: await io.api.createDeployment(body), recovered: false };
    } catch (error) {
      if (!(error instanceof OutcomeUnknownError)) throw error;
      const found = await listedDeploymentOf(io, identity);
      if (found) return { deployment: found, recovered: true };
      if (attempt >= 2) {
        throw new DeployError(
          `creating the deployment ended twice without a usable reply (last: ${error.message}) and it is not in Deeploy's list: run again (the task looks the deployment up before creating)`,
        );
      }
    }
  }
}

/** @param plannedWith the list in which the task found no deployment of the contract. */
export async function createDeployment(
  prepared: PreparedTask,
  io: CreateIo,
  body: CreateDeploymentBody,
  identity: ContractIdentity,
  plannedWith: DeploymentListing | undefined,
): Promise<CreateOutcome> {
  const files = createFilesOf(prepared, identity.repositoryId, await prepared.git.commonDir());
  let holdsLock = false;
  let outcome: CreateOutcome;
  try {
    mkdirSync(dirname(files.lock), { recursive: true });
    outcome = await withFileLock(files.lock, CREATE_LOCK, async () => {
      holdsLock = true;
      const sentAt = plannedWith && deploymentListSentAt(plannedWith);
      const lastCreate = lastCreateOf(files.lastCreate);
      // The plan's list may predate a create of this contract by another run on this machine.
      const stale = sentAt === undefined || (lastCreate !== undefined && lastCreate >= sentAt);
      const outcome = await createHoldingLock(io, body, identity, stale);
      if (outcome.kind === 'created') {
        try {
          writeFileSync(files.lastCreate, String(Date.now()));
        } catch {
          // Without the note a run on this machine may create a second one, which its check after the create reports.
        }
      }
      return outcome;
    });
  } catch (error) {
    if (error instanceof FileLockTimeoutError) throw new DeployError(`another deploy of this contract on this machine is still creating it (${error.message})`);
    // No lock to be had (a read-only checkout, a file in the way): list again first, then create.
    if (holdsLock || !NO_LOCK_HERE.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    outcome = await createHoldingLock(io, body, identity, true);
  }
  if (outcome.kind !== 'created') return outcome;
  // Ours: no other task's look-up for a renamed deployment needs to read it.
  io.lookups.claim(outcome.deployment.id);
  return { ...outcome, duplicates: await duplicatesOf(io, identity, outcome.deployment) };
}

const NO_LOCK_HERE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST']);

async function createHoldingLock(io: CreateIo, body: CreateDeploymentBody, identity: ContractIdentity, listAgain: boolean): Promise<CreateOutcome> {
  const existing = listAgain ? await listedDeploymentOf(io, identity) : undefined;
  if (existing) return { kind: 'found', deployment: existing };

  let created: { deployment: Deployment; recovered: boolean };
  try {
    created = await createOnce(io, body, identity);
  } catch (error) {
    if (!(error instanceof DeeployApiError) || error.status !== 409) throw error;
    // A server with unique names: the name is taken. By this contract's deployment (a run elsewhere
    // won the race): adopt it. By another contract's: the name must change.
    const found = await listedDeploymentOf(io, identity);
    if (found) return { kind: 'found', deployment: found };
    throw new DeployError(
      `Deeploy refused to create deployment "${body.name}" (${error.message}): the name is taken by a deployment that is not this contract's; set a unique "name" in ${identity.settingsFile}`,
    );
  }

  return { kind: 'created', ...created, duplicates: [] };
}

/**
 * Other deployments of the contract in a list sent after the create: another run created one
 * meanwhile on a server that accepts duplicates. Run after the lock is let go: in a batch the list
 * waits for the batch's other creates (`deploymentsAfterCreate`), and a lock held that long would
 * keep a run on this machine waiting, or look stale to it.
 */
async function duplicatesOf(io: CreateIo, identity: ContractIdentity, created: Deployment): Promise<Deployment[]> {
  const after = (await io.lookups.deploymentsAfterCreate()).deployments;
  const others = deploymentsOfContract(after.map(io.currentOf), identity).filter((d) => d.id !== created.id);
  return after.filter((d) => others.some((o) => o.id === d.id));
}
