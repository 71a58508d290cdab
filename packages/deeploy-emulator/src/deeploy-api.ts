/**
 * Deeploy's endpoints (deeploy-api.md §2) over the emulator's state: routing, auth rules, status
 * codes and reply shapes. Transport-free: the server hands it a parsed request and sends the reply,
 * so faults and logging stay in the server.
 */
import { createHash, randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { AuthKind } from './auth';
import { CONTRACT_TYPES, createBodyProblem, descriptionBodyProblem, normalContractPath, updateBodyProblem, VERSION_FIELDS } from './body-rules';
import { boundaryOf, parseMultipart } from './multipart';
import { rolloutOutcome, type RolloutOutcome } from './rollout';
import type { EmulatorDialect } from './dialect';
import { uploadReferencePath, type UploadReferenceForm } from './upload-reply';
import { DEPLOYMENT_STATUS } from './status';
import type { EmulatorState, StoredDeployment, StoredRepository, StoredVersion, StoredWorkspace } from './types';

export interface ApiRequest {
  method: string;
  /** The path below the API prefix, without the query. */
  path: string;
  query: URLSearchParams;
  contentType?: string;
  body: Buffer;
  auth: AuthKind;
}

export interface ApiReply {
  status: number;
  body?: unknown;
}

export interface ApiContext {
  state: EmulatorState;
  /** The base URL clients use (server URL + API prefix), for `publicURL`. */
  publicBaseUrl: string;
  readyDelayMs: number;
  dialect: EmulatorDialect;
  /** Whether a name may be used by more than one deployment (otherwise a create or rename is refused with 409). */
  allowDuplicateNames: boolean;
  /** The form of the storage path an upload answers with. */
  uploadReferenceForm: UploadReferenceForm;
  /** Saves the state; a handler awaits it before replying, so "stored" means persisted. */
  persist(): Promise<void>;
}

/** Thrown by handlers to answer early with an error reply. */
class Refusal extends Error {
  constructor(readonly reply: ApiReply) {
    super(String((reply.body as { message?: string }).message));
  }
}

/** An error reply in the shape Deeploy's (NestJS) API uses. */
export function errorReply(status: number, message: string): ApiReply {
  return { status, body: { statusCode: status, message, error: STATUS_CODES[status] ?? 'Error' } };
}

function refuse(status: number, message: string): never {
  throw new Refusal(errorReply(status, message));
}

type Handler = (request: ApiRequest, params: string[], context: ApiContext) => Promise<ApiReply> | ApiReply;

interface Route {
  method: string;
  pattern: RegExp;
  /** Whether a Bearer token may call it: Deeploy's clients only read deployments with one. */
  bearer: boolean;
  handler: Handler;
}

const routes: Route[] = [
  { method: 'GET', pattern: /^\/workspaces$/, bearer: false, handler: listWorkspaces },
  { method: 'GET', pattern: /^\/workspaces\/([^/]+)$/, bearer: false, handler: getWorkspace },
  { method: 'GET', pattern: /^\/workspaces\/([^/]+)\/repositories$/, bearer: false, handler: listRepositories },
  { method: 'GET', pattern: /^\/workspaces\/([^/]+)\/repositories\/([^/]+)$/, bearer: false, handler: getRepository },
  { method: 'POST', pattern: /^\/workspaces\/([^/]+)\/repositories\/([^/]+)\/upload$/, bearer: false, handler: uploadArtifact },
  { method: 'GET', pattern: /^\/workspaces\/([^/]+)\/deployments$/, bearer: true, handler: listDeployments },
  { method: 'POST', pattern: /^\/workspaces\/([^/]+)\/deployments$/, bearer: false, handler: createDeployment },
  { method: 'GET', pattern: /^\/workspaces\/([^/]+)\/deployments\/([^/]+)$/, bearer: true, handler: getDeployment },
  { method: 'PATCH', pattern: /^\/workspaces\/([^/]+)\/deployments\/([^/]+)$/, bearer: false, handler: updateDeployment },
  { method: 'PATCH', pattern: /^\/workspaces\/([^/]+)\/deployments\/([^/]+)\/description$/, bearer: false, handler: updateDescription },
];

export async function handleApi(request: ApiRequest, context: ApiContext): Promise<ApiReply> {
  const route = routes.find((r) => r.method === request.method && r.pattern.test(request.path));
  if (!route) return errorReply(404, `Cannot ${request.method} ${request.path}`);
  if (request.auth === 'none' || request.auth === 'invalid') return errorReply(401, 'Unauthorized');
  if (request.auth === 'bearer' && !route.bearer) {
    return errorReply(403, 'This endpoint needs a personal key pair (Basic authentication); a token can only read deployments');
  }
  try {
    const params = (route.pattern.exec(request.path) ?? []).slice(1).map((p) => decodeURIComponent(p));
    return await route.handler(request, params, context);
  } catch (error) {
    if (error instanceof Refusal) return error.reply;
    if (error instanceof URIError) return errorReply(400, 'the path is not valid URL encoding');
    throw error;
  }
}

// ---- lookups and rendering ----

function workspaceOf(context: ApiContext, id: string): StoredWorkspace {
  const workspace = context.state.workspaces.find((w) => w.id === id);
  if (!workspace) refuse(404, 'Workspace does not exist');
  settle(workspace, Date.now());
  return workspace;
}

function repositoryOf(workspace: StoredWorkspace, id: string, status = 404): StoredRepository {
  const repository = workspace.repositories.find((r) => r.id === id);
  if (!repository) refuse(status, `Repository ${id} does not exist in this workspace`);
  return repository;
}

function deploymentOf(workspace: StoredWorkspace, id: string): StoredDeployment {
  const deployment = workspace.deployments.find((d) => d.id === id);
  if (!deployment) refuse(404, 'Deployment does not exist');
  return deployment;
}

/** Shows the outcome of every rollout whose delay has passed. */
export function settle(workspace: StoredWorkspace, now: number): void {
  for (const deployment of workspace.deployments) {
    const pending = deployment.pending;
    if (!pending || Date.parse(pending.settlesAt) > now) continue;
    deployment.status = pending.status;
    if (pending.statusMessage) deployment.statusMessage = pending.statusMessage;
    else delete deployment.statusMessage;
    deployment.updatedAt = pending.settlesAt;
    delete deployment.pending;
  }
}

/** A deployment as the dialect shows it, in a list item or in a reply about one deployment. */
function render(deployment: StoredDeployment, context: ApiContext, view: 'list' | 'one' = 'one'): Record<string, unknown> {
  const { pending, activeVersion, lastVersion, statusMessage, status, ...fields } = deployment;
  const dialect = context.dialect;
  const versionForm = view === 'list' ? dialect.versionsInList : dialect.versionsInGet;
  const rendered: Record<string, unknown> = {
    ...fields,
    status: dialect.status === 'one-for-both' && status === DEPLOYMENT_STATUS.PENDING ? DEPLOYMENT_STATUS.RUNNING : status,
    [dialect.publicUrlField]: `${context.publicBaseUrl}/workspaces/${deployment.workspaceId}/deployments/${deployment.id}/predict`,
  };
  if (dialect.failureReason === 'errorDetails') rendered.errorDetails = statusMessage ? [{ message: statusMessage }] : undefined;
  else if (statusMessage) rendered.statusMessage = statusMessage;

  if (versionForm !== 'absent') {
    const shown = (version: StoredVersion | undefined) => (version === undefined ? undefined : versionForm === 'id' ? version.id : version);
    if (dialect.versionLifecycle === 'in-place') {
      rendered.activeVersion = shown(activeVersion);
    } else if (pending) {
      // Until it settles the new version is `updatingTo`; what runs is the one before (none for a create).
      rendered.activeVersion = shown(lastVersion);
      rendered.updatingTo = shown(activeVersion);
    } else {
      rendered.activeVersion = shown(activeVersion);
      rendered.updatingTo = undefined;
      rendered.lastVersion = shown(lastVersion);
    }
  }
  if (dialect.nulls) {
    rendered.description ??= null;
    rendered.useCaseId ??= null;
    for (const key of ['activeVersion', 'updatingTo', 'lastVersion', 'errorDetails']) if (key in rendered) rendered[key] ??= null;
  } else {
    for (const [key, value] of Object.entries(rendered)) if (value === undefined) delete rendered[key];
  }
  return rendered;
}

function jsonBodyOf(request: ApiRequest): unknown {
  if (request.body.length === 0) return undefined;
  try {
    return JSON.parse(request.body.toString('utf8'));
  } catch {
    refuse(400, 'the request body is not valid JSON');
  }
}

/** Starts a rollout: the status is pending until `readyDelayMs` has passed, then the outcome shows. */
function startRollout(deployment: StoredDeployment, outcome: RolloutOutcome, context: ApiContext, now: Date): void {
  deployment.status = DEPLOYMENT_STATUS.PENDING;
  delete deployment.statusMessage;
  deployment.pending = {
    settlesAt: new Date(now.getTime() + context.readyDelayMs).toISOString(),
    status: outcome.status,
    ...(outcome.statusMessage ? { statusMessage: outcome.statusMessage } : {}),
  };
}

function pick(body: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => key in fields));
}

// ---- handlers ----

function listWorkspaces(_request: ApiRequest, _params: string[], context: ApiContext): ApiReply {
  return { status: 200, body: context.state.workspaces.map(({ id, name, teamId, createdAt }) => ({ id, name, teamId, createdAt })) };
}

function getWorkspace(_request: ApiRequest, [ws]: string[], context: ApiContext): ApiReply {
  const { id, name, teamId, createdAt } = workspaceOf(context, ws);
  return { status: 200, body: { id, name, teamId, createdAt } };
}

function listRepositories(_request: ApiRequest, [ws]: string[], context: ApiContext): ApiReply {
  return { status: 200, body: workspaceOf(context, ws).repositories };
}

function getRepository(_request: ApiRequest, [ws, repo]: string[], context: ApiContext): ApiReply {
  return { status: 200, body: repositoryOf(workspaceOf(context, ws), repo) };
}

function listDeployments(request: ApiRequest, [ws]: string[], context: ApiContext): ApiReply {
  const all = workspaceOf(context, ws).deployments.map((d) => render(d, context, 'list'));
  const dialect = context.dialect;
  const offset = wholeNumber(request.query.get('offset'), 0, 'offset');
  const asked = wholeNumber(request.query.get('limit'), dialect.defaultLimit, 'limit');
  if (asked < 1) refuse(400, 'limit must be 1 or more');
  const limit = dialect.pageCap > 0 ? Math.min(asked, dialect.pageCap) : asked;
  // `pages`: offset counts pages, as Deeploy's documented paging does (it skips offset × limit items).
  const start = dialect.paging === 'pages' ? offset * limit : offset;
  // `none` ignores the query, but a cap still cuts the list: such a server cannot be read whole.
  const page = dialect.paging === 'none' ? (dialect.pageCap > 0 ? all.slice(0, dialect.pageCap) : all) : all.slice(start, start + limit);
  if (!dialect.totals) return { status: 200, body: page };
  return { status: 200, body: { data: page, total: all.length, offset, limit: dialect.paging === 'none' ? all.length : limit } };
}

function wholeNumber(text: string | null, fallback: number, name: string): number {
  if (text === null) return fallback;
  if (!/^\d+$/.test(text)) refuse(400, `${name} must be a whole number`);
  return Number(text);
}

function getDeployment(_request: ApiRequest, [ws, id]: string[], context: ApiContext): ApiReply {
  return { status: 200, body: render(deploymentOf(workspaceOf(context, ws), id), context) };
}

async function createDeployment(request: ApiRequest, [ws]: string[], context: ApiContext): Promise<ApiReply> {
  const workspace = workspaceOf(context, ws);
  const body = jsonBodyOf(request);
  const problem = createBodyProblem(body);
  if (problem) refuse(400, problem);
  const fields = body as Record<string, unknown>;
  const deploymentType = (fields.deploymentType as string | undefined) ?? 'KServe';
  // External and Registration deployments may name a repository but run no contract from it.
  const runsContract = CONTRACT_TYPES.includes(deploymentType);
  const repository = fields.repositoryId !== undefined || runsContract ? repositoryOf(workspace, fields.repositoryId as string, 400) : undefined;
  const contractPath = normalContractPath(fields.contractPath as string | undefined);
  const branchName = (fields.branchName as string | undefined) ?? '';
  const commit = fields.commit as string | undefined;
  const outcome =
    repository && runsContract ? await rolloutOutcome(repository, { branchName, commit, contractPath }) : { commit, status: DEPLOYMENT_STATUS.RUNNING };

  // Checked after the contract read so that two concurrent creates of one name cannot both pass.
  if (!context.allowDuplicateNames && workspace.deployments.some((d) => d.name === fields.name)) {
    refuse(409, `A deployment named "${String(fields.name)}" already exists in this workspace`);
  }
  const now = new Date();
  const version: StoredVersion = {
    ...pick(fields, VERSION_FIELDS),
    id: randomUUID(),
    repositoryId: repository?.id ?? '',
    branchName,
    contractPath,
    ...(runsContract
      ? {
          modelType: fields.modelType as number,
          explainerType: (fields.explainerType as number | undefined) ?? 0,
          transformerType: (fields.transformerType as number | undefined) ?? 0,
        }
      : {}),
    ...(outcome.commit ? { commit: outcome.commit } : {}),
  } as StoredVersion;
  delete version.deploymentType;
  // A secret is used, never shown again.
  delete version.password;
  const { name, description, useCaseId, approverUserIds, guardrailIds, documentationTemplateIds, messageToApprovers } = fields;
  const deployment: StoredDeployment = {
    id: randomUUID(),
    name: name as string,
    ...(description !== undefined ? { description: description as string } : {}),
    workspaceId: workspace.id,
    teamId: workspace.teamId,
    ...(useCaseId !== undefined ? { useCaseId: useCaseId as string } : {}),
    ...(approverUserIds !== undefined ? { approverUserIds: approverUserIds as string[] } : {}),
    ...(guardrailIds !== undefined ? { guardrailIds: guardrailIds as string[] } : {}),
    ...(documentationTemplateIds !== undefined ? { documentationTemplateIds: documentationTemplateIds as string[] } : {}),
    ...(messageToApprovers !== undefined ? { messageToApprovers: messageToApprovers as string } : {}),
    riskClassification: 'unclassified',
    deploymentType,
    status: DEPLOYMENT_STATUS.PENDING,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    activeVersion: version,
  };
  startRollout(deployment, outcome, context, now);
  workspace.deployments.push(deployment);
  settle(workspace, now.getTime());
  await context.persist();
  return { status: 201, body: render(deployment, context) };
}

async function updateDeployment(request: ApiRequest, [ws, id]: string[], context: ApiContext): Promise<ApiReply> {
  const workspace = workspaceOf(context, ws);
  const deployment = deploymentOf(workspace, id);
  const body = jsonBodyOf(request) ?? {};
  const problem = updateBodyProblem(body, deployment.deploymentType);
  if (problem) refuse(400, problem);
  const fields = body as Record<string, unknown>;
  const previous = deployment.activeVersion;
  const runsContract = CONTRACT_TYPES.includes((fields.deploymentType as string | undefined) ?? deployment.deploymentType);
  const repositoryId = (fields.repositoryId as string | undefined) ?? previous.repositoryId;
  const repository = repositoryId || runsContract ? repositoryOf(workspace, repositoryId, 400) : undefined;
  const branchName = (fields.branchName as string | undefined) ?? previous.branchName;
  // A new branch without a commit deploys that branch's head, as a create does; otherwise the
  // deployed commit stays unless the update names another.
  const commit = (fields.commit as string | undefined) ?? (fields.branchName !== undefined ? undefined : previous.commit);
  const contractPath = fields.contractPath !== undefined ? normalContractPath(fields.contractPath as string) : previous.contractPath;
  const outcome =
    repository && runsContract ? await rolloutOutcome(repository, { branchName, commit, contractPath }) : { commit, status: DEPLOYMENT_STATUS.RUNNING };

  const now = new Date();
  const { deploymentType, password: _secret, ...versionFields } = fields;
  const version: StoredVersion = { ...previous, ...versionFields, id: randomUUID(), repositoryId: repository?.id ?? '', branchName, contractPath };
  if (outcome.commit) version.commit = outcome.commit;
  else delete version.commit;
  deployment.lastVersion = previous;
  deployment.activeVersion = version;
  if (deploymentType !== undefined) deployment.deploymentType = deploymentType as string;
  deployment.updatedAt = now.toISOString();
  startRollout(deployment, outcome, context, now);
  settle(workspace, now.getTime());
  await context.persist();
  return { status: 200, body: render(deployment, context) };
}

async function updateDescription(request: ApiRequest, [ws, id]: string[], context: ApiContext): Promise<ApiReply> {
  const workspace = workspaceOf(context, ws);
  const deployment = deploymentOf(workspace, id);
  const body = jsonBodyOf(request) ?? {};
  const problem = descriptionBodyProblem(body);
  if (problem) refuse(400, problem);
  const { name, description } = body as { name?: string; description?: string };
  if (name !== undefined && name !== deployment.name && !context.allowDuplicateNames && workspace.deployments.some((d) => d.name === name)) {
    refuse(409, `A deployment named "${name}" already exists in this workspace`);
  }
  if (name !== undefined) deployment.name = name;
  if (description !== undefined) deployment.description = description;
  deployment.updatedAt = new Date().toISOString();
  await context.persist();
  // Deeploy wraps this one reply (deeploy-api.md §2); the emulator does too, so clients must cope.
  return { status: 200, body: { data: render(deployment, context) } };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function uploadArtifact(request: ApiRequest, [ws, repo]: string[], context: ApiContext): Promise<ApiReply> {
  const workspace = workspaceOf(context, ws);
  const repository = repositoryOf(workspace, repo);
  const commitSha = request.query.get('commitSha') ?? '';
  if (!UUID_RE.test(commitSha)) refuse(400, 'commitSha must be a UUID, one for all the files of an upload');
  const folderPath = normalContractPath(request.query.get('folderPath') ?? '');
  const rawFolder = request.query.get('folderPath') ?? '';
  if (folderPath === '' || rawFolder.startsWith('/') || rawFolder.split('/').includes('..')) {
    refuse(400, 'folderPath must be a non-empty relative folder path without ".."');
  }
  const boundary = boundaryOf(request.contentType);
  if (!boundary) refuse(400, 'the upload must be multipart/form-data with a file part named "file"');
  const parts = parseMultipart(request.body, boundary);
  if (!parts) refuse(400, 'the multipart body is not well formed');
  const file = parts.find((p) => p.name === 'file' && p.fileName !== undefined);
  if (!file) refuse(400, 'the upload must hold a file part named "file"');
  const fileName = (file.fileName ?? '').split(/[\\/]/).pop() ?? '';
  if (fileName === '') refuse(400, 'the file part must carry a file name');

  const referencePath = uploadReferencePath(context.uploadReferenceForm, {
    workspaceId: workspace.id,
    repositoryId: repository.id,
    uploadId: commitSha,
    folderPath,
    fileName,
  });
  // A file sent again replaces itself (in some forms every file of an upload has the same path).
  workspace.uploads = workspace.uploads.filter(
    (u) => !(u.repositoryId === repository.id && u.commitSha === commitSha && u.folderPath === folderPath && u.fileName === fileName),
  );
  workspace.uploads.push({
    repositoryId: repository.id,
    commitSha,
    folderPath,
    fileName,
    size: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    referencePath,
    createdAt: new Date().toISOString(),
  });
  await context.persist();
  return { status: 201, body: { data: { referencePath } } };
}
