/**
 * The emulator's HTTP server: reads each request, applies the fault plan, hands Deeploy's paths to
 * `deeploy-api` and the admin paths (`/__emulator/...`) to the admin handler, logs what happened.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { authOf, type AuthKind } from './auth';
import { errorReply, handleApi, settle, type ApiReply } from './deeploy-api';
import { dialectProblem, resolveDialect, type DialectSetting, type EmulatorDialect } from './dialect';
import { faultPlanProblem, Faults } from './faults';
import { boundaryOf, parseMultipart } from './multipart';
import { defaultSeed, mergeSeed, seedProblem } from './seed';
import { emptyState, loadState, StateFile } from './store';
import type { EmulatorSeed, EmulatorState, FaultPlan, LoggedRequest } from './types';
import type { UploadReferenceForm } from './upload-reply';

export const ADMIN_PREFIX = '/__emulator';
const MAX_BODY_BYTES = 100 * 1024 * 1024;

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** JSON file the state is persisted to and reloaded from; absent = in memory only. */
  dataFile?: string;
  /** Default `defaultSeed()`. Merged into a loaded state: missing workspaces/repositories are added. */
  seed?: EmulatorSeed;
  faults?: FaultPlan;
  /** How long a create/update stays pending before its outcome shows. Default 200 ms. */
  readyDelayMs?: number;
  /**
   * How the emulator reads what Deeploy's sources leave open (paging, version fields, status,
   * failure reasons, error bodies): a preset name or knobs (see dialect.ts). Default: `conservative`.
   */
  dialect?: DialectSetting;
  /** Accept a deployment whose name is taken, as a server without unique names would (default: 409). */
  allowDuplicateNames?: boolean;
  /** The form of the storage path an upload answers with (see `upload-reply.ts`). Default `s3-file`. */
  uploadReferenceForm?: UploadReferenceForm;
  /** A path prefix before Deeploy's paths, like old self-hosted installs' `/v2`. Default none. */
  apiPrefix?: string;
}

export interface RunningEmulator {
  /** The base URL (without the API prefix), e.g. http://127.0.0.1:4010. */
  url: string;
  port: number;
  stop(): Promise<void>;
  requestLog(): LoggedRequest[];
  state(): EmulatorState;
  setFaults(plan: FaultPlan): void;
  /** Changes the dialect from the next request on. */
  setDialect(dialect: DialectSetting): void;
  dialect(): EmulatorDialect;
  clearLog(): void;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** JSON value, or a raw string sent as-is. */
  body?: unknown;
  raw?: boolean;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = options.seed ?? defaultSeed();
  const problem = seedProblem(seed);
  if (problem) throw new Error(`seed: ${problem}`);
  const apiPrefix = normalPrefix(options.apiPrefix);
  const stateFile = options.dataFile ? new StateFile(options.dataFile) : undefined;
  const state = mergeSeed(options.dataFile ? await loadState(options.dataFile) : emptyState(), seed, new Date().toISOString());
  if (stateFile) await stateFile.save(state);

  const faults = new Faults(options.faults ?? {});
  let dialect = resolveDialect(options.dialect);
  const log: LoggedRequest[] = [];
  // Aborted on stop, so pending delays end at once and no timer outlives the server.
  const lifetime = new AbortController();
  let baseUrl = '';

  const server = http.createServer((request, response) => {
    serve(request, response).catch((error: Error) => {
      if (!response.headersSent && !response.destroyed) send(response, { status: 500, body: errorReply(500, `emulator error: ${error.message}`).body });
    });
  });

  async function serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator');
    const body = await readBody(request);
    if (body === undefined) return send(response, { status: 413, body: errorReply(413, 'the request body is too large').body });
    if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
      return send(response, admin(request.method ?? 'GET', url.pathname.slice(ADMIN_PREFIX.length), body));
    }

    const method = request.method ?? 'GET';
    const path = url.pathname;
    const auth: AuthKind = authOf(request.headers.authorization, seed.credentials);
    const entry: LoggedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: loggedHeaders(request.headers),
      body: bodySummary(body, request.headers['content-type']),
      status: null,
      time: new Date().toISOString(),
      auth,
    };
    log.push(entry);
    const drop = (fault: keyof FaultPlan) => {
      entry.fault = fault;
      request.socket.destroy();
    };

    await delay(faults.latencyMs());
    if (faults.take('dropConnection', method, path)) return drop('dropConnection');
    const rateLimit = faults.take('rateLimit', method, path);
    if (rateLimit) {
      entry.fault = 'rateLimit';
      const seconds = rateLimit.retryAfterSeconds ?? 1;
      const retryAfter = rateLimit.retryAfterAs === 'date' ? new Date(Date.now() + seconds * 1000).toUTCString() : String(seconds);
      return reply(entry, response, { status: 429, headers: { 'retry-after': retryAfter }, body: errorReply(429, 'Too Many Requests').body });
    }
    const serverError = faults.take('serverErrors', method, path);
    if (serverError) {
      entry.fault = 'serverErrors';
      const status = serverError.status ?? 503;
      const headers: Record<string, string> = serverError.retryAfterSeconds !== undefined ? { 'retry-after': String(serverError.retryAfterSeconds) } : {};
      if (serverError.body !== undefined) {
        headers['content-type'] = serverError.contentType ?? 'text/html; charset=utf-8';
        return reply(entry, response, { status, headers, body: serverError.body, raw: true });
      }
      return reply(entry, response, { status, headers, body: errorReply(status, http.STATUS_CODES[status] ?? 'Server Error').body });
    }

    let apiReply: ApiReply;
    if (path !== apiPrefix && !path.startsWith(`${apiPrefix}/`)) {
      apiReply = errorReply(404, `Cannot ${method} ${path}`);
    } else {
      apiReply = await handleApi(
        { method, path: path.slice(apiPrefix.length), query: url.searchParams, contentType: request.headers['content-type'], body, auth },
        {
          state,
          publicBaseUrl: `${baseUrl}${apiPrefix}`,
          readyDelayMs: options.readyDelayMs ?? 200,
          dialect,
          allowDuplicateNames: options.allowDuplicateNames ?? false,
          uploadReferenceForm: options.uploadReferenceForm ?? 's3-file',
          persist: () => (stateFile ? stateFile.save(state) : Promise.resolve()),
        },
      );
    }
    if (faults.take('loseReply', method, path)) return drop('loseReply');
    const slow = faults.take('slowReply', method, path);
    if (slow) {
      entry.fault = 'slowReply';
      await delay(slow.delayMs);
    }
    if (apiReply.status >= 400 && dialect.errorBody !== 'json') return reply(entry, response, errorInDialect(apiReply, dialect.errorBody));
    return reply(entry, response, { status: apiReply.status, body: apiReply.body });
  }

  function reply(entry: LoggedRequest, response: http.ServerResponse, answer: Reply): void {
    entry.status = answer.status;
    send(response, answer);
  }

  function admin(method: string, path: string, body: Buffer): Reply {
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET /requests':
        return { status: 200, body: log };
      case 'DELETE /requests':
        log.length = 0;
        return { status: 204 };
      case 'GET /faults':
        return { status: 200, body: faults.current() };
      case 'PUT /faults': {
        let plan: unknown;
        try {
          plan = JSON.parse(body.toString('utf8') || '{}');
        } catch {
          return { status: 400, body: errorReply(400, 'the fault plan is not valid JSON').body };
        }
        const planProblem = faultPlanProblem(plan);
        if (planProblem) return { status: 400, body: errorReply(400, planProblem).body };
        faults.set(plan as FaultPlan);
        return { status: 200, body: faults.current() };
      }
      case 'GET /state':
        return { status: 200, body: currentState() };
      case 'GET /dialect':
        return { status: 200, body: dialect };
      case 'PUT /dialect': {
        let asked: unknown;
        try {
          asked = JSON.parse(body.toString('utf8') || '{}');
        } catch {
          return { status: 400, body: errorReply(400, 'the dialect is not valid JSON').body };
        }
        const problem = dialectProblem(asked);
        if (problem) return { status: 400, body: errorReply(400, problem).body };
        dialect = resolveDialect(asked as DialectSetting);
        return { status: 200, body: dialect };
      }
      default:
        return {
          status: 404,
          body: errorReply(
            404,
            `Cannot ${method} ${ADMIN_PREFIX}${path}; the admin API has GET/DELETE /requests, GET/PUT /faults, GET/PUT /dialect and GET /state`,
          ).body,
        };
    }
  }

  function currentState(): EmulatorState {
    for (const workspace of state.workspaces) settle(workspace, Date.now());
    return JSON.parse(JSON.stringify(state)) as EmulatorState;
  }

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (ms <= 0 || lifetime.signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        lifetime.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      lifetime.signal.addEventListener('abort', done);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    port: address.port,
    async stop() {
      lifetime.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await stateFile?.flush();
    },
    requestLog: () => JSON.parse(JSON.stringify(log)) as LoggedRequest[],
    state: currentState,
    setFaults: (plan) => faults.set(plan),
    setDialect: (next) => {
      dialect = resolveDialect(next);
    },
    dialect: () => ({ ...dialect }),
    clearLog: () => {
      log.length = 0;
    },
  };
}

/** An error reply as a plain-text or HTML body (a proxy's or gateway's), with the same status. */
function errorInDialect(apiReply: ApiReply, shape: 'text' | 'html'): Reply {
  const message = String((apiReply.body as { message?: unknown } | undefined)?.message ?? http.STATUS_CODES[apiReply.status] ?? 'Error');
  if (shape === 'text') return { status: apiReply.status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message, raw: true };
  const title = `${apiReply.status} ${http.STATUS_CODES[apiReply.status] ?? 'Error'}`;
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    status: apiReply.status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>${escaped}</p></body></html>`,
    raw: true,
  };
}

function normalPrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}

function send(response: http.ServerResponse, answer: Reply): void {
  if (response.destroyed || response.headersSent) return;
  const headers: Record<string, string> = { ...(answer.headers ?? {}) };
  let payload = '';
  if (answer.body !== undefined) {
    payload = answer.raw ? String(answer.body) : JSON.stringify(answer.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  response.writeHead(answer.status, headers);
  response.end(payload);
}

/** The whole body, or undefined when it is larger than the emulator accepts. */
function readBody(request: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Headers as logged: never the credentials. */
function loggedHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const logged: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'authorization' || name === 'cookie' || name === 'proxy-authorization' || value === undefined) continue;
    logged[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return logged;
}

/** What the log keeps of a body: JSON parsed, multipart summarised (no file bytes), else text. */
function bodySummary(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) return undefined;
  const boundary = boundaryOf(contentType);
  if (boundary) {
    const parts = parseMultipart(body, boundary);
    if (!parts) return { multipart: 'malformed' };
    return {
      fields: Object.fromEntries(parts.filter((p) => p.fileName === undefined).map((p) => [p.name, p.data.toString('utf8')])),
      files: parts
        .filter((p) => p.fileName !== undefined)
        .map((p) => ({ field: p.name, fileName: p.fileName, size: p.data.length, contentType: p.contentType })),
    };
  }
  const text = body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  }
}
