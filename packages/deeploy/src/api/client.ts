/**
 * The Deeploy API client the executors use: one method per call of deeploy-api.md §2, bodies
 * checked against their schemas before anything is sent, replies parsed with zod. Reliability
 * (timeouts, retries, "outcome unknown") lives in `transport`; this module is about the calls.
 */
import { Blob } from 'node:buffer';
import { STATUS_CODES } from 'node:http';
import { Agent, FormData, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { contractPathProblem, normalizeContractPath } from '../contract/validators';
import { authorizationOf, checkAuth, requirePersonalKeys, secretsOf, type DeeployAuth } from './auth';
import { DeeployConfigError } from './config-error';
import type { DeploymentState } from './deployment-state';
import { pageReplyOf, readDeploymentListing, RUN_PAGING_MEMORY, type DeploymentListing, type PagingMemory } from './deployment-listing';
import { DeeployApiError, OutcomeUnknownError } from './errors';
import { redact } from './redact';
import {
  compactBody,
  createDeploymentBodySchema,
  deploymentSchema,
  repositorySchema,
  updateDeploymentBodySchema,
  updateDescriptionBodySchema,
  uploadReplySchema,
  type CreateDeploymentBody,
  type Deployment,
  type Repository,
  type UpdateDeploymentBody,
  type UpdateDescriptionBody,
} from './schemas';
import { Transport, type HttpCall, type HttpReply } from './transport';

export interface DeeployClientConfig {
  /** From `resolveApiBaseUrl`. */
  baseUrl: string;
  workspaceId: string;
  auth: DeeployAuth;
  /** Sent as `team-id` (Deeploy Cloud with OIDC, clients 1.4x). */
  teamId?: string;
  /** Sent as `organization-id` (newest clients). */
  organizationId?: string;
  /** Default: an Agent the client owns and closes in `close()`; an injected one is left open. */
  dispatcher?: Dispatcher;
  /** Per attempt of a read (lists, lookups, status polls). Default 30 s. */
  requestTimeoutMs?: number;
  /** For a whole read, retries included. Default 120 s. */
  deadlineMs?: number;
  /**
   * Per attempt of a write (create, update, description, upload). Default 300 s: every official
   * client waits that long, and a create can be slow; a write cut short is an unknown outcome.
   */
  writeTimeoutMs?: number;
  /** For a whole write, retries included. Default: writeTimeoutMs + deadlineMs, so one full-length attempt still leaves the reads' retry budget. */
  writeDeadlineMs?: number;
  /** Default 4. */
  maxRetries?: number;
  /** Backoff base for full jitter. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** The longest `Retry-After` honoured (and the backoff cap); longer asks fail at once. Default 30 s. */
  maxRetryAfterMs?: number;
  /** The largest success reply read (a list of deployments); a longer one fails the call. Default 16 MB. */
  maxReplyBytes?: number;
  /** Replaces entries of the status → state table (see `deploymentStateOf`). */
  statusMap?: Partial<Record<number, DeploymentState>>;
  /** Paging conventions seen in this run; default one per process. */
  pagingMemory?: PagingMemory;
  /** Told about each retry, one redacted line (e.g. to print progress). */
  log?: (line: string) => void;
}

export interface UploadArtifactInput {
  /** A random UUID shared by every file of one upload (sent as `commitSha`; not a git sha). */
  uploadId: string;
  /** Repository-relative folder the files belong to. */
  folderPath: string;
  fileName: string;
  content: Buffer;
}

export interface DeeployClient {
  listRepositories(): Promise<Repository[]>;
  getRepository(id: string): Promise<Repository>;
  /** The whole list, read page by page, and whether it is known to be complete (see deployment-listing.ts). */
  listDeployments(): Promise<DeploymentListing>;
  getDeployment(id: string): Promise<Deployment>;
  createDeployment(body: CreateDeploymentBody): Promise<Deployment>;
  updateDeployment(id: string, body: UpdateDeploymentBody): Promise<Deployment>;
  updateDescription(id: string, body: UpdateDescriptionBody): Promise<Deployment>;
  uploadArtifact(repositoryId: string, input: UploadArtifactInput): Promise<{ referencePath: string }>;
  /** Releases connections (only those of a dispatcher the client made itself). */
  close(): Promise<void>;
}

/** Thousands of deployments fit; a reply larger than this is not the Deeploy API's. */
const DEFAULT_MAX_REPLY_BYTES = 16 * 1024 * 1024;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createDeeployClient(config: DeeployClientConfig): DeeployClient {
  const auth = checkAuth(config.auth);
  if (!config.workspaceId)
    throw new DeeployConfigError('no Deeploy workspace: set workspaceId (DEEPLOY_WORKSPACE_ID) to the workspace UUID from the Deeploy UI');
  if (!/^https?:\/\//.test(config.baseUrl)) throw new DeeployConfigError('the Deeploy base URL must come from resolveApiBaseUrl (an http(s) URL)');
  // A dispatcher the caller injected is the caller's to close; one made here is closed by close().
  const ownAgent = config.dispatcher ? undefined : new Agent({ keepAliveTimeout: 4_000 });
  const dispatcher: Dispatcher = config.dispatcher ?? (ownAgent as Agent);
  const secrets = secretsOf(auth);
  const headers: Record<string, string> = { authorization: authorizationOf(auth), 'user-agent': 'deeploy-nx-plugin' };
  if (config.teamId) headers['team-id'] = config.teamId;
  if (config.organizationId) headers['organization-id'] = config.organizationId;
  const common = {
    baseUrl: config.baseUrl.replace(/\/+$/, ''),
    headers,
    secrets,
    dispatcher,
    maxRetries: setting('maxRetries', config.maxRetries, 4),
    retryBaseDelayMs: setting('retryBaseDelayMs', config.retryBaseDelayMs, 500),
    maxRetryAfterMs: setting('maxRetryAfterMs', config.maxRetryAfterMs, 30_000),
    maxReplyBytes: setting('maxReplyBytes', config.maxReplyBytes, DEFAULT_MAX_REPLY_BYTES),
    log: config.log,
  };
  const deadlineMs = setting('deadlineMs', config.deadlineMs, 120_000);
  const writeTimeoutMs = setting('writeTimeoutMs', config.writeTimeoutMs, 300_000);
  // Reads and writes differ only in how long they may take.
  const transport = new Transport({ ...common, requestTimeoutMs: setting('requestTimeoutMs', config.requestTimeoutMs, 30_000), deadlineMs });
  const writes = new Transport({
    ...common,
    requestTimeoutMs: writeTimeoutMs,
    deadlineMs: setting('writeDeadlineMs', config.writeDeadlineMs, writeTimeoutMs + deadlineMs),
  });
  const workspace = `/workspaces/${encodeURIComponent(config.workspaceId)}`;
  const idSegment = (what: string, id: string) => {
    if (!id) throw new DeeployConfigError(`${what} id is empty`);
    return encodeURIComponent(id);
  };

  /**
   * A reply checked against its schema; a mismatch is an error naming the call and the field. A
   * create (POST) answered with a success the client cannot use may still have been stored: an
   * unknown outcome, resolved by looking the deployment up, as for a lost reply.
   */
  function parsed<S extends z.ZodType>(schema: S, call: HttpCall, reply: HttpReply): z.infer<S> {
    const result = schema.safeParse(reply.body);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const problem = `unexpected reply at ${issue.path.length > 0 ? issue.path.join('.') : 'the top level'}: ${issue.message}`;
    if (call.method === 'POST') {
      throw new OutcomeUnknownError({
        method: call.method,
        path: call.path,
        reason: `${reply.status} ${STATUS_CODES[reply.status] ?? ''}, but ${problem}`,
        secrets,
      });
    }
    throw new DeeployApiError({ method: call.method, path: call.path, status: reply.status, serverMessage: problem, secrets });
  }

  /** A body checked against its schema before sending: nothing goes out when it is invalid. */
  function body<S extends z.ZodType>(schema: S, operation: string, value: Record<string, unknown>): z.infer<S> {
    const result = schema.safeParse(compactBody(value));
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const problem =
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}: fix the spelling or remove ${issue.keys.length > 1 ? 'them' : 'it'}`
        : `${issue.path.length > 0 ? `field ${issue.path.join('.')}` : 'the body'} ${issue.message}`;
    throw new DeeployConfigError(redact(`${operation}: ${problem}; nothing was sent`, secrets));
  }

  async function get<S extends z.ZodType>(schema: S, path: string, query?: Record<string, string>): Promise<z.infer<S>> {
    const call: HttpCall = { method: 'GET', path, query };
    return parsed(schema, call, await transport.send(call));
  }

  /** A single deployment, also when a server wraps it as `{data: ...}`. */
  function deploymentIn(call: HttpCall, reply: HttpReply): Deployment {
    const value = reply.body as { id?: unknown; data?: unknown } | undefined;
    const unwrapped = value && typeof value === 'object' && value.id === undefined && value.data !== undefined ? { ...reply, body: value.data } : reply;
    return parsed(deploymentSchema, call, unwrapped);
  }

  return {
    async listRepositories() {
      requirePersonalKeys(auth, 'listing repositories');
      return get(repositorySchema.array(), `${workspace}/repositories`);
    },

    async getRepository(id) {
      requirePersonalKeys(auth, 'reading a repository');
      return get(repositorySchema, `${workspace}/repositories/${idSegment('repository', id)}`);
    },

    async listDeployments() {
      const path = `${workspace}/deployments`;
      const memoryKey = `${config.baseUrl.replace(/\/+$/, '')}${path}`;
      const memory = config.pagingMemory ?? RUN_PAGING_MEMORY;
      return readDeploymentListing(
        async (offset, limit) => {
          const call: HttpCall = { method: 'GET', path, query: { offset: String(offset), limit: String(limit) } };
          const reply = await transport.send(call);
          const page = pageReplyOf(reply.body);
          if (!page) {
            throw new DeeployApiError({
              method: call.method,
              path: call.path,
              status: reply.status,
              serverMessage: 'unexpected reply at the top level: expected a list of deployments (an array, or {data: [...]})',
              secrets,
            });
          }
          return page;
        },
        { remembered: memory.get(memoryKey), remember: (convention) => memory.set(memoryKey, convention) },
      );
    },

    async getDeployment(id) {
      const call: HttpCall = { method: 'GET', path: `${workspace}/deployments/${idSegment('deployment', id)}` };
      return deploymentIn(call, await transport.send(call));
    },

    async createDeployment(value) {
      requirePersonalKeys(auth, 'creating a deployment');
      const json = body(createDeploymentBodySchema, 'createDeployment', value);
      const call: HttpCall = { method: 'POST', path: `${workspace}/deployments`, json };
      return deploymentIn(call, await writes.send(call));
    },

    async updateDeployment(id, value) {
      requirePersonalKeys(auth, 'updating a deployment');
      const json = body(updateDeploymentBodySchema, 'updateDeployment', value);
      const call: HttpCall = { method: 'PATCH', path: `${workspace}/deployments/${idSegment('deployment', id)}`, json };
      return deploymentIn(call, await writes.send(call));
    },

    async updateDescription(id, value) {
      requirePersonalKeys(auth, 'updating a deployment description');
      const json = body(updateDescriptionBodySchema, 'updateDescription', value);
      const call: HttpCall = { method: 'PATCH', path: `${workspace}/deployments/${idSegment('deployment', id)}/description`, json };
      return deploymentIn(call, await writes.send(call));
    },

    async uploadArtifact(repositoryId, input) {
      requirePersonalKeys(auth, 'uploading an artifact');
      if (!UUID_RE.test(input.uploadId))
        throw new DeeployConfigError('uploadArtifact: uploadId must be a random UUID shared by the files of one upload; nothing was sent');
      const folderProblem = input.folderPath === '' ? 'must not be empty' : contractPathProblem(input.folderPath);
      if (folderProblem) throw new DeeployConfigError(`uploadArtifact: folderPath ${folderProblem}; nothing was sent`);
      if (!input.fileName || /[\\/]/.test(input.fileName)) {
        throw new DeeployConfigError('uploadArtifact: fileName must be a plain file name without "/" or "\\"; nothing was sent');
      }
      const call: HttpCall = {
        method: 'POST',
        path: `${workspace}/repositories/${idSegment('repository', repositoryId)}/upload`,
        query: { commitSha: input.uploadId, folderPath: normalizeContractPath(input.folderPath) },
        form: () => {
          const form = new FormData();
          form.append('file', new Blob([input.content]), input.fileName);
          return form;
        },
      };
      const { referencePath } = parsed(uploadReplySchema, call, await writes.send(call));
      return { referencePath };
    },

    async close() {
      await ownAgent?.close();
    },
  };
}

function setting(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new DeeployConfigError(`${name} must be a number of 0 or more, got ${value}`);
  return value;
}
