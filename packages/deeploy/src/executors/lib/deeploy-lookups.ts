/**
 * The Deeploy calls a deploy task makes, and the two lookups it needs (repositories, deployments).
 * Lookups are an interface so that a batch of tasks in one process can share them (one list for
 * many contracts) without changing the task; by default each task lists once and keeps the result
 * for its own duration only. Correctness never depends on sharing: a fresh list is asked for
 * whenever a decision must see the server's latest state (after a create with a lost reply), and a
 * list kept from before another task's write is still right for this task, because each task acts
 * only on its own contract's deployment (see `batch-api.ts` for the one case that is not so).
 */
import type { CreateDeploymentBody, Deployment, Repository, UpdateDeploymentBody, UpdateDescriptionBody } from '../../api/schemas';

/** The part of the API client a task uses. */
export interface DeeployApi {
  listRepositories(): Promise<Repository[]>;
  listDeployments(): Promise<Deployment[]>;
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
  deployments(options?: { fresh?: boolean }): Promise<Deployment[]>;
}

/** Lookups kept for one task: at most one list of each in the steady state. */
export function taskLookups(api: Pick<DeeployApi, 'listRepositories' | 'listDeployments'>): DeeployLookups {
  let repositories: Promise<Repository[]> | undefined;
  let deployments: Promise<Deployment[]> | undefined;
  return {
    repositories: () => (repositories ??= api.listRepositories()),
    deployments: (options) => {
      if (options?.fresh || !deployments) deployments = api.listDeployments();
      return deployments;
    },
  };
}

/**
 * Lookups shared by many tasks that ask the same Deeploy as the same user: each list is sent once,
 * by the first task that needs it, and through that task's client (so a retry is told in its
 * output). A list that failed is forgotten, so a task that asks later tries again, as it would
 * alone; the tasks already waiting for it share its failure. A `fresh` list replaces the kept one
 * for every task after it.
 */
export function sharedLookups(): (api: Pick<DeeployApi, 'listRepositories' | 'listDeployments'>) => DeeployLookups {
  let repositories: Promise<Repository[]> | undefined;
  let deployments: Promise<Deployment[]> | undefined;
  return (api) => ({
    repositories: () => {
      if (!repositories) {
        const list = (repositories = api.listRepositories());
        list.catch(() => {
          if (repositories === list) repositories = undefined;
        });
      }
      return repositories;
    },
    deployments: (options) => {
      if (options?.fresh || !deployments) {
        const list = (deployments = api.listDeployments());
        list.catch(() => {
          if (deployments === list) deployments = undefined;
        });
      }
      return deployments;
    },
  });
}
