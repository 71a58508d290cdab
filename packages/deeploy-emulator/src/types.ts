/**
 * The emulator's public shapes: what a test seeds it with, the faults it can inject, what it
 * logs and the state it keeps (and persists). Plain TypeScript: the emulator has no dependencies.
 */

export interface EmulatorCredentials {
  /** The personal key pair accepted as `Authorization: Basic base64(accessKey:secretKey)`. */
  accessKey: string;
  secretKey: string;
  /** Tokens accepted as `Authorization: Bearer <token>` (deployment reads only). */
  tokens?: string[];
}

export interface SeedRepository {
  /** Stable id; derived from the workspace id and the name when absent. */
  id?: string;
  name: string;
  /** The git remote URL; a local path or `file://` URL lets the emulator read contracts. */
  remotePath: string;
}

export interface SeedWorkspace {
  id: string;
  name?: string;
  repositories: SeedRepository[];
}

export interface EmulatorSeed {
  credentials: EmulatorCredentials;
  workspaces: SeedWorkspace[];
}

/** Which requests a fault applies to; both parts optional (absent = any). */
export interface RequestMatch {
  /** HTTP method, case-insensitive. */
  method?: string;
  /** A regular expression (source text) tested against the path without the query. */
  path?: string;
}

export interface RateLimitFault extends RequestMatch {
  /** How many matching requests get the 429. */
  count: number;
  /** The `Retry-After` value in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Send `Retry-After` as seconds (default) or as an HTTP date that many seconds ahead. */
  retryAfterAs?: 'seconds' | 'date';
}

export interface ServerErrorFault extends RequestMatch {
  count: number;
  /** Default 503. */
  status?: number;
  /** A raw body (e.g. a gateway's HTML page); default a JSON `{message}`. */
  body?: string;
  contentType?: string;
  /** Adds a `Retry-After` header (seconds) to the reply. */
  retryAfterSeconds?: number;
}

export interface CountedFault extends RequestMatch {
  count: number;
}

export interface SlowReplyFault extends RequestMatch {
  /** How many matching requests are slowed; absent = all of them. */
  count?: number;
  /** The reply is sent this long after the request was handled. */
  delayMs: number;
}

/**
 * Faults, checked in this order for each Deeploy request: latency, dropConnection, rateLimit,
 * serverErrors, then the request is handled, then loseReply and slowReply. Counted faults are
 * used up by the requests they match. Admin requests (`/__emulator/...`) are never faulted.
 */
export interface FaultPlan {
  /** Added before every Deeploy request is handled. */
  latencyMs?: number;
  /** The socket is destroyed without a reply, before the request is handled. */
  dropConnection?: CountedFault;
  rateLimit?: RateLimitFault;
  serverErrors?: ServerErrorFault;
  /** The request is handled and stored, then the socket is destroyed instead of replying. */
  loseReply?: CountedFault;
  slowReply?: SlowReplyFault;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Request headers without `authorization` (and `cookie`). */
  headers: Record<string, string>;
  /** Parsed JSON body, a multipart summary, the raw text, or undefined when empty. */
  body: unknown;
  /** The status sent, or null when the connection was dropped / the reply lost. */
  status: number | null;
  /** The fault that shaped this reply, if any. */
  fault?: keyof FaultPlan;
  /** ISO time the request arrived. */
  time: string;
  /** Which credentials were used: never the credentials themselves. */
  auth: 'basic' | 'bearer' | 'none' | 'invalid';
}

export interface StoredRepository {
  id: string;
  name: string;
  remotePath: string;
  status: number;
  workspaceId: string;
  teamId: string;
  createdAt: string;
  updatedAt: string;
}

/** The deployed configuration: the create body minus name/description, plus the resolved commit. */
export interface StoredVersion {
  id: string;
  repositoryId: string;
  branchName: string;
  commit?: string;
  contractPath: string;
  modelType: number;
  explainerType: number;
  transformerType: number;
  [field: string]: unknown;
}

/**
 * When a create or update will settle: the outcome is decided (by reading the contract) when the
 * request is handled and shown once `settlesAt` has passed. Kept in state so a restart keeps it.
 */
export interface PendingOutcome {
  settlesAt: string;
  status: number;
  statusMessage?: string;
}

export interface StoredDeployment {
  id: string;
  name: string;
  description?: string;
  workspaceId: string;
  teamId: string;
  useCaseId?: string;
  approverUserIds?: string[];
  guardrailIds?: string[];
  documentationTemplateIds?: string[];
  messageToApprovers?: string;
  riskClassification: string;
  deploymentType: string;
  status: number;
  statusMessage?: string;
  createdAt: string;
  updatedAt: string;
  /** The newest version (shown as `updatingTo` while it is pending, in the `updatingTo` dialects). */
  activeVersion: StoredVersion;
  /** The version before the newest, once there was an update. */
  lastVersion?: StoredVersion;
  pending?: PendingOutcome;
}

export interface StoredUpload {
  repositoryId: string;
  commitSha: string;
  folderPath: string;
  fileName: string;
  size: number;
  sha256: string;
  referencePath: string;
  createdAt: string;
}

export interface StoredWorkspace {
  id: string;
  name: string;
  teamId: string;
  createdAt: string;
  repositories: StoredRepository[];
  deployments: StoredDeployment[];
  uploads: StoredUpload[];
}

/** Everything the emulator persists (credentials are not: they come from the seed each start). */
export interface EmulatorState {
  version: 1;
  workspaces: StoredWorkspace[];
}
