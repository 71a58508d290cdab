/**
 * Deeploy for the tasks of one batch: one connection pool for all of them, and the repository and
 * deployment lists shared by the tasks that ask the same Deeploy, workspace and team as the same
 * user (anything else could see other lists). Each task still gets its own client on that pool,
 * with its own settings (timeouts, status map) and its own output for retry lines; a client is a
 * few objects, the pool is what costs (connections, TLS handshakes).
 *
 * Sharing is safe because a task acts only on its own contract's deployment: a list kept from
 * before another task created or changed a deployment is still right about this task's one. The
 * exception is two tasks of the same project (two targets with this executor): the batch runs them
 * one after the other and gives the later ones lookups of their own (see `batch.ts`).
 */
import { createHash } from 'node:crypto';
import { Agent } from 'undici';
import { authorizationOf } from '../api/auth';
import { createDeeployClient, type DeeployClientConfig } from '../api/client';
import type { QuietToken } from './batch-schedule';
import { sharedLookups, taskLookups, type DeeployApi, type DeeployLookups } from './deeploy-lookups';

type TaskApi = DeeployApi & { close(): Promise<void> };

export interface BatchApi {
  /** A task's client, on the batch's pool. */
  createApi(config: DeeployClientConfig): TaskApi;
  /**
   * The lookups shared with every task of the same Deeploy, workspace, team and user; `whenQuiet`
   * is the task's turn's (`batch-schedule.ts`), for the one list after the batch's creates.
   */
  lookups(api: DeeployApi, whenQuiet?: () => Promise<QuietToken>): DeeployLookups;
  close(): Promise<void>;
}

/** Who asks whom: the lists depend on nothing else. The credentials only as a hash, never kept. */
function listerOf(config: DeeployClientConfig): string {
  const user = createHash('sha256').update(authorizationOf(config.auth)).digest('hex');
  return JSON.stringify([config.baseUrl.replace(/\/+$/, ''), config.workspaceId, config.teamId ?? '', config.organizationId ?? '', user]);
}

export function batchApi(createClient: (config: DeeployClientConfig) => TaskApi = createDeeployClient): BatchApi {
  const pool = new Agent({ keepAliveTimeout: 4_000 });
  const listerOfApi = new WeakMap<DeeployApi, string>();
  const shared = new Map<string, ReturnType<typeof sharedLookups>>();
  return {
    createApi(config) {
      // The client checks the config (and the credentials) first, so the key below is computed on valid ones.
      const api = createClient({ ...config, dispatcher: pool });
      listerOfApi.set(api, listerOf(config));
      return api;
    },
    lookups(api, whenQuiet) {
      const lister = listerOfApi.get(api);
      if (lister === undefined) return taskLookups(api);
      let lookups = shared.get(lister);
      if (!lookups) shared.set(lister, (lookups = sharedLookups()));
      return lookups(api, whenQuiet);
    },
    close: () => pool.close(),
  };
}
