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
import type { DeploymentListing } from '../../api/deployment-listing';
import type { CreateDeploymentBody, Deployment, Repository, UpdateDeploymentBody, UpdateDescriptionBody } from '../../api/schemas';

/** The part of the API client a task uses. */
export interface DeeployApi {
  listRepositories(): Promise<Repository[]>;
  listDeployments(): Promise<DeploymentListing>;
  getDeployment(id: string): Promise<Deployment>;
  createDeployment(body: CreateDeploymentBody): Promise<Deployment>;
  updateDeployment(id: string, body: UpdateDeploymentBody): Promise<Deployment>;
  updateDescription(id: string, body: UpdateDescriptionBody): Promise<Deployment>;
  uploadArtifact(
    repositoryId: string,
    file: { uploadId: string; folderPath: string; fileName: string; content: Buffer },
  ): Promise<{ referencePath: string }>;
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
}

type ListingApi = Pick<DeeployApi, 'listRepositories' | 'listDeployments' | 'getDeployment'>;

/** A kept promise that is forgotten when it fails, so a later ask tries again. */
function keep<T>(cache: Map<string, Promise<T>>, key: string, fresh: boolean | undefined, load: () => Promise<T>): Promise<T> {
  let kept = cache.get(key);
  if (fresh || !kept) {
    const loading = load();
    cache.set(key, loading);
    loading.catch(() => {
      if (cache.get(key) === loading) cache.delete(key);
    });
    kept = loading;
  }
  return kept;
}

/** Lookups kept for one task: at most one list of each in the steady state. */
export function taskLookups(api: ListingApi): DeeployLookups {
  return sharedLookups()(api);
}

/**
 * Lookups shared by many tasks that ask the same Deeploy as the same user: each list (and each
 * detail) is sent once, by the first task that needs it, and through that task's client (so a
 * retry is told in its output). One that failed is forgotten, so a task that asks later tries
 * again, as it would alone; the tasks already waiting for it share its failure. A `fresh` read
 * replaces the kept one for every task after it.
 */
export function sharedLookups(): (api: ListingApi) => DeeployLookups {
  const repositories = new Map<string, Promise<Repository[]>>();
  const deployments = new Map<string, Promise<DeploymentListing>>();
  const details = new Map<string, Promise<Deployment>>();
  return (api) => ({
    repositories: () => keep(repositories, '', false, () => api.listRepositories()),
    deployments: (options) => keep(deployments, '', options?.fresh, () => api.listDeployments()),
    deployment: (id, options) => keep(details, id, options?.fresh, () => api.getDeployment(id)),
  });
}
