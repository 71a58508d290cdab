/**
 * The baseline: what a loop over Deeploy's Python client sends for the same work, one model after
 * the other (deeploy-api.md §6). The client used `requests` without a session, so every request
 * opens its own connection; this does the same with node:http and `agent: false`.
 *   create, per model: GET repositories (to match the remote), POST deployments;
 *   update, per model: GET the deployment twice, GET repositories, PATCH the deployment.
 * Only the HTTP part is timed: the Python interpreter's start-up, the client's key check and its git
 * work are left out, which flatters the baseline.
 */
import * as http from 'node:http';

export interface BaselineModel {
  name: string;
  contractPath: string;
  /** The deployment's id, for an update. */
  id?: string;
}

export interface BaselineInput {
  baseUrl: string;
  workspaceId: string;
  accessKey: string;
  secretKey: string;
  remotePath: string;
  branch: string;
  commit: string;
  models: BaselineModel[];
  phase: 'create' | 'update';
}

export interface BaselineResult {
  wallMs: number;
  requests: number;
  /** Ids of the created deployments, by model name. */
  ids: Record<string, string>;
}

function request(baseUrl: string, auth: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const url = new URL(path, baseUrl);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent: false,
        headers: {
          authorization: auth,
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            reject(new Error(`${method} ${url.pathname} → ${res.statusCode}: ${text.slice(0, 200)}`));
            return;
          }
          resolve(text ? JSON.parse(text) : undefined);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Runs one phase for every model, sequentially. `models` are { name, contractPath } (and `id` for
 * an update). Resolves with { wallMs, requests, ids } (ids of the created deployments, by name).
 */
export async function runBaseline({
  baseUrl,
  workspaceId,
  accessKey,
  secretKey,
  remotePath,
  branch,
  commit,
  models,
  phase,
}: BaselineInput): Promise<BaselineResult> {
  const auth = `Basic ${Buffer.from(`${accessKey}:${secretKey}`).toString('base64')}`;
  const ws = `/workspaces/${workspaceId}`;
  let requests = 0;
  const call = (method: string, path: string, body?: unknown): Promise<unknown> => {
    requests += 1;
    return request(baseUrl, auth, method, path, body);
  };
  const repositoryIdOf = (repositories: unknown): string => {
    const repository = (repositories as Array<{ id: string; remotePath: string }>).find((r) => r.remotePath === remotePath);
    if (!repository) throw new Error(`baseline: no repository with remotePath ${remotePath}`);
    return repository.id;
  };
  const ids: Record<string, string> = {};
  const started = process.hrtime.bigint();
  for (const model of models) {
    const version = { branchName: branch, commit, contractPath: model.contractPath, modelType: 6 };
    if (phase === 'create') {
      const repositoryId = repositoryIdOf(await call('GET', `${ws}/repositories`));
      const created = await call('POST', `${ws}/deployments`, { name: model.name, repositoryId, ...version });
      ids[model.name] = (created as { id: string }).id;
    } else {
      await call('GET', `${ws}/deployments/${model.id}`);
      await call('GET', `${ws}/deployments/${model.id}`);
      const repositoryId = repositoryIdOf(await call('GET', `${ws}/repositories`));
      await call('PATCH', `${ws}/deployments/${model.id}`, { repositoryId, ...version });
    }
  }
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { wallMs, requests, ids };
}
