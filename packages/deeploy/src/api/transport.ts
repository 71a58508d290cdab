/**
 * One Deeploy call over undici, made reliable: a timeout per attempt, an overall deadline, bounded
 * retries with jitter (honouring `Retry-After`) where `retry-policy` allows them, and errors that
 * carry method, path, status and the server's message, never a secret. Made safe against a
 * hostile or misconfigured server: reply bodies are read only up to a cap, redirects are never
 * followed (they name their target instead), and a create whose success reply is unusable is an
 * unknown outcome rather than a failure.
 */
import { STATUS_CODES } from 'node:http';
import { request, type Dispatcher, type FormData } from 'undici';
import { DeeployConfigError } from './config-error';
import { DeeployApiError, OutcomeUnknownError, serverMessageOf, serverTextOf } from './errors';
import { redact } from './redact';
import { backoffMs, errorCodeOf, retryAfterMs, verdictOf, type Failure } from './retry-policy';

export interface TransportConfig {
  baseUrl: string;
  /** Sent with every request (auth, tenant headers). */
  headers: Record<string, string>;
  /** Values that must never appear in a message or log line. */
  secrets: readonly string[];
  dispatcher: Dispatcher;
  requestTimeoutMs: number;
  deadlineMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  maxRetryAfterMs: number;
  /** The largest success reply read; a longer one is cut off and fails the call. */
  maxReplyBytes: number;
  /** Told about each retry, one line, already redacted. */
  log?: (line: string) => void;
}

export interface HttpCall {
  method: 'GET' | 'POST' | 'PATCH';
  /** Path below the base URL, segments already encoded. */
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  /** Built afresh for each attempt: a form body is a one-shot stream. */
  form?: () => FormData;
}

export interface HttpReply {
  status: number;
  /** The parsed JSON body; undefined for an empty one. */
  body: unknown;
}

type Attempt = { ok: true; reply: HttpReply } | { ok: false; failure: Failure; description: string; serverMessage?: string; retryAfter?: string };

export class Transport {
  constructor(private readonly config: TransportConfig) {}

  async send(call: HttpCall): Promise<HttpReply> {
    const { config } = this;
    const started = Date.now();
    const deadline = started + config.deadlineMs;
    const url = `${config.baseUrl}${call.path}${call.query ? `?${new URLSearchParams(call.query).toString()}` : ''}`;
    const payload = call.json === undefined ? undefined : JSON.stringify(call.json);
    const fail = (details: { status?: number; serverMessage?: string; failure?: string; note?: string }) =>
      new DeeployApiError({ method: call.method, path: call.path, secrets: config.secrets, ...details });

    for (let attempt = 0; ; attempt++) {
      const remaining = deadline - Date.now();
      const timeoutMs = Math.max(1, Math.min(config.requestTimeoutMs, remaining));
      const result = await this.attempt(call, url, payload, timeoutMs);
      if (result.ok) return result.reply;

      const { failure } = result;
      const status = failure.kind === 'status' ? failure.status : undefined;
      const tries = `${attempt + 1} attempt${attempt === 0 ? '' : 's'}`;
      const verdict = verdictOf(call.method, failure);
      if (verdict === 'outcome-unknown') {
        throw new OutcomeUnknownError({ method: call.method, path: call.path, reason: result.description, secrets: config.secrets });
      }
      const finalError = (note?: string) =>
        fail({ status, serverMessage: result.serverMessage, failure: status === undefined ? result.description : undefined, note });
      if (verdict === 'fail') throw finalError(attempt > 0 ? `after ${tries}` : undefined);
      if (attempt >= config.maxRetries) throw finalError(`after ${tries}`);

      const asked = retryAfterMs(result.retryAfter, Date.now());
      if (asked !== undefined && asked > config.maxRetryAfterMs) {
        throw finalError(
          `the server asked to wait ${Math.ceil(asked / 1000)} s before retrying, more than the ${config.maxRetryAfterMs} ms allowed (maxRetryAfterMs)`,
        );
      }
      const delay = asked ?? backoffMs(attempt, config.retryBaseDelayMs, config.maxRetryAfterMs);
      if (Date.now() + delay >= deadline) {
        throw finalError(`gave up after ${tries}: the ${config.deadlineMs} ms deadline would pass before the next one`);
      }
      config.log?.(
        redact(
          `${call.method} ${call.path}: ${result.description}; retrying in ${delay} ms${asked !== undefined ? ' (Retry-After)' : ''} (attempt ${attempt + 2} of ${config.maxRetries + 1})`,
          config.secrets,
        ),
      );
      await sleep(delay);
    }
  }

  private async attempt(call: HttpCall, url: string, payload: string | undefined, timeoutMs: number): Promise<Attempt> {
    const { config } = this;
    const headers: Record<string, string> = { accept: 'application/json', ...config.headers };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      // undici's request never follows a redirect: the Authorization header must not go elsewhere.
      const response = await request(url, {
        method: call.method,
        headers,
        body: payload ?? call.form?.(),
        dispatcher: config.dispatcher,
        signal: controller.signal,
      });
      const status = response.statusCode;
      if (status >= 300 && status < 400) {
        discard(response.body);
        throw redirectError(call, status, url, response.headers.location, config.secrets);
      }
      const ok = status >= 200 && status < 300;
      // A success is read whole up to the cap; of an error only its start is needed for the message.
      const read = await readCapped(response.body, ok ? config.maxReplyBytes : ERROR_BODY_BYTES, headerOf(response.headers['content-length']));
      if (ok) return { ok: true, reply: this.successReply(call, status, read) };
      const retryAfter = headerOf(response.headers['retry-after']);
      return {
        ok: false,
        failure: { kind: 'status', status },
        description: `${status} ${STATUS_CODES[status] ?? 'Unknown Status'}`,
        serverMessage: serverMessageOf(read.text, config.secrets),
        retryAfter,
      };
    } catch (error) {
      if (error instanceof DeeployApiError || error instanceof OutcomeUnknownError || error instanceof DeeployConfigError) throw error;
      const timedOut = controller.signal.aborted;
      const code = errorCodeOf(error);
      const description = timedOut
        ? `no complete reply within ${timeoutMs} ms`
        : code
          ? `connection failed (${code})`
          : `request failed: ${(error as Error).message}`;
      return { ok: false, failure: { kind: 'network', code, timedOut }, description };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A 2xx reply's JSON. A create (POST) whose success reply cannot be read may still have been
   * stored, so it is an unknown outcome, which the caller resolves by looking it up; a read with
   * an unusable reply fails.
   */
  private successReply(call: HttpCall, status: number, read: CappedRead): HttpReply {
    const { secrets, maxReplyBytes } = this.config;
    const statusText = `${status} ${STATUS_CODES[status] ?? 'Unknown Status'}`;
    if (!read.complete) {
      const problem = `the reply is larger than ${megabytes(maxReplyBytes)}, the most this client reads (maxReplyBytes)`;
      if (call.method === 'POST') throw new OutcomeUnknownError({ method: call.method, path: call.path, reason: `${statusText}, but ${problem}`, secrets });
      throw new DeeployConfigError(
        redact(
          `${call.method} ${call.path} failed: ${problem}; check that host (DEEPLOY_HOST) or apiUrl (DEEPLOY_API_URL) and apiPrefix point at the Deeploy API and not at another service`,
          secrets,
        ),
      );
    }
    if (read.text.trim() === '') {
      if (call.method === 'POST') throw new OutcomeUnknownError({ method: call.method, path: call.path, reason: `${statusText} with an empty body`, secrets });
      return { status, body: undefined };
    }
    try {
      return { status, body: JSON.parse(read.text) };
    } catch {
      const what = `the reply is not JSON: ${serverMessageOf(read.text, secrets) ?? ''}`;
      if (call.method === 'POST') throw new OutcomeUnknownError({ method: call.method, path: call.path, reason: `${statusText}, but ${what}`, secrets });
      throw new DeeployApiError({ method: call.method, path: call.path, status, serverMessage: what, secrets });
    }
  }
}

/** The most of an error reply read: its message is shortened to 200 characters anyway. */
const ERROR_BODY_BYTES = 64 * 1024;

interface CappedRead {
  text: string;
  /** False when the body was longer than the cap and reading stopped there. */
  complete: boolean;
}

/**
 * The body as text, reading no more than `limit` bytes: a reply of 100 MB, or one that never
 * ends, costs at most `limit` of memory and is cut off there (the socket is closed).
 */
async function readCapped(body: Dispatcher.ResponseData['body'], limit: number, contentLength: string | undefined): Promise<CappedRead> {
  if (contentLength !== undefined && /^\d+$/.test(contentLength) && Number(contentLength) > limit) {
    discard(body);
    return { text: '', complete: false };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (size + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - size));
      size = limit;
      discard(body);
      return { text: Buffer.concat(chunks, size).toString('utf8'), complete: false };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { text: Buffer.concat(chunks, size).toString('utf8'), complete: true };
}

/** Stops reading a body and closes its connection; undici reports that as an error no one needs. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/**
 * A 3xx reply: the base URL is not the API's (http instead of https, a missing or extra path
 * prefix, a login page). Never followed, since the request carries the keys; the error names
 * where the server pointed and the settings that choose the address.
 */
function redirectError(call: HttpCall, status: number, url: string, location: string | string[] | undefined, secrets: readonly string[]): DeeployConfigError {
  const target = redirectTargetOf(url, headerOf(location));
  return new DeeployConfigError(
    serverTextOf(
      `${call.method} ${call.path} was answered with ${status} ${STATUS_CODES[status] ?? 'Redirect'}, ${target ? `a redirect to ${target}` : 'a redirect without a target'}`,
      secrets,
    ) +
      '; redirects are not followed, as they would carry your keys: set host (DEEPLOY_HOST), or apiUrl (DEEPLOY_API_URL), and apiPrefix to the address of the Deeploy API itself',
  );
}

/** The redirect target without credentials, query or fragment (they may hold tokens of another service). */
function redirectTargetOf(url: string, location: string | undefined): string | undefined {
  if (location === undefined || location.trim() === '') return undefined;
  try {
    const target = new URL(location.trim(), url);
    return `${target.protocol}//${target.host}${target.pathname}`;
  } catch {
    return 'an address that is not a URL';
  }
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
