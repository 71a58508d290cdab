/**
 * One Deeploy call over undici, made reliable: a timeout per attempt, an overall deadline, bounded
 * retries with jitter (honouring `Retry-After`) where `retry-policy` allows them, and errors that
 * carry method, path, status and the server's message, never a secret.
 */
import { STATUS_CODES } from 'node:http';
import { request, type Dispatcher, type FormData } from 'undici';
import { DeeployApiError, OutcomeUnknownError, serverMessageOf } from './errors';
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
        throw finalError(`the server asked to wait ${Math.ceil(asked / 1000)} s before retrying, more than the ${config.maxRetryAfterMs} ms allowed (maxRetryAfterMs)`);
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
    const headers: Record<string, string> = { accept: 'application/json', ...this.config.headers };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await request(url, {
        method: call.method,
        headers,
        body: payload ?? call.form?.(),
        dispatcher: this.config.dispatcher,
        signal: controller.signal,
      });
      const text = await response.body.text();
      const status = response.statusCode;
      if (status >= 200 && status < 300) {
        if (text.trim() === '') return { ok: true, reply: { status, body: undefined } };
        try {
          return { ok: true, reply: { status, body: JSON.parse(text) } };
        } catch {
          throw new DeeployApiError({
            method: call.method,
            path: call.path,
            status,
            serverMessage: `the reply is not JSON: ${serverMessageOf(text) ?? ''}`,
            secrets: this.config.secrets,
          });
        }
      }
      const retryAfter = response.headers['retry-after'];
      return {
        ok: false,
        failure: { kind: 'status', status },
        description: `${status} ${STATUS_CODES[status] ?? 'Unknown Status'}`,
        serverMessage: serverMessageOf(text),
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
      };
    } catch (error) {
      if (error instanceof DeeployApiError) throw error;
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
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
