/**
 * The Deeploy calls a deploy task makes, and the lookups it needs (the repositories, the
 * deployments, and single deployments read by id when the list leaves out what they run).
 * Lookups are an interface so that a batch of tasks in one process can share them (one list for
 * many contracts) without changing the task; by default each task lists once and keeps the result
 * for its own duration only. Correctness never depends on sharing: a fresh list is asked for
 * whenever a decision must see the server's latest state (after a create with a lost reply), and a
 * list kept from before another task's write is still right for this task, because each task acts
 * only on its own contract's deployment (see `batch-api.ts` for the one case that is not so).
 */
import type { DeploymentListing } from '../api/deployment-listing';
import type { QuietToken } from './batch-schedule';
import type { CreateDeploymentBody, Deployment, Repository, UpdateDeploymentBody, UpdateDescriptionBody } from '../api/schemas';

/** The part of the API client a task uses. */
export interface DeeployApi {
  listRepositories(): Promise<Repository[]>;
  listDeployments(): Promise<DeploymentListing>;
  getDeployment(id: string): Promise<Deployment>;
  createDeployment(body: CreateDeploymentBody): Promise<Deployment>;
  updateDeployment(id: string, body: UpdateDeploymentBody): Promise<Deployment>;
  updateDescription(id: string, body: UpdateDescriptionBody): Promise<Deployment>;
  uploadArtifact(repositoryId: string, file: { uploadId: string; folderPath: string; fileName: string; content: Buffer }): Promise<{ referencePath: string }>;
}

export interface DeeployLookups {
  repositories(): Promise<Repository[]>;
  /** `fresh` skips any kept result: used when the answer must include a write just made. */
  deployments(options?: { fresh?: boolean }): Promise<DeploymentListing>;
  /**
   * One deployment as `GET /deployments/{id}` shows it, for a list item that does not say what it
   * runs. Kept like the lists (a task acts only on its own contract's deployment, so a detail read
   * before another task's write is still right for this one); `fresh` reads it again.
   */
  deployment(id: string, options?: { fresh?: boolean }): Promise<Deployment>;
  /**
   * The list to look for duplicates in after this task created its contract's deployment: sent
   * after the create. A batch sends one for all its creates, once none is under way (`sharedLookups`).
   */
  deploymentsAfterCreate(): Promise<DeploymentListing>;
  /** Notes a deployment shown to be this task's contract's (found by what it deploys, or created). */
  claim(id: string): void;
  /**
   * Whether a task of these lookups noted the deployment as its contract's: then it is no other
   * contract's, and a look-up for a renamed deployment need not read it.
   */
  claimed(id: string): boolean;
}

type ListingApi = Pick<DeeployApi, 'listRepositories' | 'listDeployments' | 'getDeployment'>;

/** Keeps `loading` under `key`, and forgets it when it fails (unless replaced meanwhile), so a later ask tries again. */
function remember<K, T>(cache: Map<K, Promise<T>>, key: K, loading: Promise<T>): Promise<T> {
  cache.set(key, loading);
  loading.catch(() => {
    if (cache.get(key) === loading) cache.delete(key);
  });
  return loading;
}

/** The kept promise of `key`, loaded when there is none or when `fresh` asks for a new one. */
function keep<K, T>(cache: Map<K, Promise<T>>, key: K, fresh: boolean | undefined, load: () => Promise<T>): Promise<T> {
  const kept = cache.get(key);
  return fresh || !kept ? remember(cache, key, load()) : kept;
}

const listSentAt = new WeakMap<DeploymentListing, number>();

/** When the request of a deployment list from these lookups was sent (ms since the epoch); undefined for any other list. */
export function deploymentListSentAt(list: DeploymentListing): number | undefined {
  return listSentAt.get(list);
}

/** Lists the deployments, noting when the request was sent: a list shows no write made after that. */
function timedDeploymentList(api: Pick<DeeployApi, 'listDeployments'>): Promise<DeploymentListing> {
  const sentAt = Date.now();
  return api.listDeployments().then((list) => {
    listSentAt.set(list, sentAt);
    return list;
  });
}

/**
 * A list that starts after it is asked for, shared by everyone who asks while one is queued: a
 * caller arriving while a list is on its way gets the next one (which starts when that one ends),
 * never the one already on its way, which may not show a write the caller has just seen done.
 * So N tasks that want a fresh list at about the same time send two lists, not N.
 */
export function freshLists<T>(): (list: () => Promise<T>) => Promise<T> {
  let running: Promise<T> | undefined;
  let queued: Promise<T> | undefined;
  const start = (list: () => Promise<T>): Promise<T> => {
    const started = list();
    running = started;
    const done = () => {
      if (running === started) running = undefined;
    };
    started.then(done, done);
    return started;
  };
  // The list is sent through the client of whoever starts it (so a retry is told in that task's output).
  return (list) => {
    if (!running) return start(list);
    queued ??= running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        queued = undefined;
        return start(list);
      });
    return queued;
  };
}

/** Lookups kept for one task: at most one list of each in the steady state. */
export function taskLookups(api: ListingApi): DeeployLookups {
  let repositories: Promise<Repository[]> | undefined;
  let deployments: Promise<DeploymentListing> | undefined;
  const details = new Map<string, Promise<Deployment>>();
  const claims = new Set<string>();
  const lookups: DeeployLookups = {
    repositories: () => (repositories ??= api.listRepositories()),
    deployments: (options) => {
      if (options?.fresh || !deployments) deployments = timedDeploymentList(api);
      return deployments;
    },
    deployment: (id, options) => keep(details, id, options?.fresh, () => api.getDeployment(id)),
    deploymentsAfterCreate: () => lookups.deployments({ fresh: true }),
    claim: (id) => claims.add(id),
    claimed: (id) => claims.has(id),
  };
  return lookups;
}

/**
 * Lookups shared by many tasks that ask the same Deeploy as the same user: each list (and each
 * deployment read by id) is sent once, by the first task that needs it, and through that task's
 * client (so a retry is told in its output). One that failed is forgotten, so a task that asks
 * later tries again, as it would alone; the tasks already waiting for it share its failure. A
 * `fresh` list replaces the kept one for every task after it, and tasks that want one at about the
 * same time share it (`freshLists`).
 *
 * After a create, a task given `whenQuiet` (its batch's, see `batch-schedule.ts`) waits until the
 * batch's other tasks have created or finished, and the tasks let go together share one list,
 * sent then: one list for a batch's creates instead of one per create. It shows each of their
 * creates, so each task still sees a duplicate of its own contract made meanwhile by another run.
 */
export function sharedLookups(): (api: ListingApi, whenQuiet?: () => Promise<QuietToken>) => DeeployLookups {
  // One key each: kept (and forgotten on failure) like the deployments read by id.
  const repositoryList = new Map<'repositories', Promise<Repository[]>>();
  const deploymentList = new Map<'deployments', Promise<DeploymentListing>>();
  const fresh = freshLists<DeploymentListing>();
  const details = new Map<string, Promise<Deployment>>();
  const claims = new Set<string>();
  const afterQuiet = new WeakMap<QuietToken, Promise<DeploymentListing>>();
  return (api, whenQuiet) => {
    const lookups: DeeployLookups = {
      repositories: () => keep(repositoryList, 'repositories', false, () => api.listRepositories()),
      deployments: (options) =>
        keep(deploymentList, 'deployments', options?.fresh, () => (options?.fresh ? fresh(() => timedDeploymentList(api)) : timedDeploymentList(api))),
      deployment: (id, options) => keep(details, id, options?.fresh, () => api.getDeployment(id)),
      deploymentsAfterCreate: async () => {
        if (!whenQuiet) return lookups.deployments({ fresh: true });
        const token = await whenQuiet();
        let list = afterQuiet.get(token);
        if (!list) {
          // Sent after every create of the tasks let go with this one; kept for the tasks after them too.
          list = remember(deploymentList, 'deployments', timedDeploymentList(api));
          afterQuiet.set(token, list);
        }
        return list;
      },
      claim: (id) => claims.add(id),
      claimed: (id) => claims.has(id),
    };
    return lookups;
  };
}
