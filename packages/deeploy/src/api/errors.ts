/**
 * The errors a Deeploy call can end in. Each message names the method, the path (never the query)
 * and what happened, and is built through `redact`, so no secret can reach a log through it.
 */
import { STATUS_CODES } from 'node:http';
import { redact } from './redact';

export interface ApiErrorDetails {
  method: string;
  /** The request path without its query string. */
  path: string;
  /** The HTTP status, absent when no reply arrived (network error, timeout). */
  status?: number;
  /** What the server said (its JSON `message`/`error`/`detail`, or the start of its body). */
  serverMessage?: string;
  /** What went wrong when there is no status, e.g. "connection lost (ECONNRESET)". */
  failure?: string;
  /** Extra context, e.g. "after 5 attempts". */
  note?: string;
  /** Values that must never appear in the message. */
  secrets: readonly string[];
}

/** A Deeploy call that failed for certain: nothing to look up, the request did not take effect (or was a read). */
export class DeeployApiError extends Error {
  override name = 'DeeployApiError';
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly serverMessage?: string;

  constructor(details: ApiErrorDetails) {
    const clean = (text: string | undefined) => (text === undefined ? undefined : redact(text, details.secrets));
    const path = redact(details.path, details.secrets);
    const serverMessage = clean(details.serverMessage);
    const what =
      details.status !== undefined
        ? `${details.status} ${STATUS_CODES[details.status] ?? 'Unknown Status'}${serverMessage ? `: ${serverMessage}` : ''}`
        : (clean(details.failure) ?? 'no reply');
    super(`${details.method} ${path} failed: ${what}${details.note ? ` (${clean(details.note)})` : ''}`);
    this.method = details.method;
    this.path = path;
    this.status = details.status;
    this.serverMessage = serverMessage;
  }
}

/**
 * A write (POST) that may or may not have taken effect: the request was sent and then the reply
 * was lost, timed out or came from a failing gateway. Re-sending could create a duplicate, so the
 * caller must look the resource up first.
 */
export class OutcomeUnknownError extends Error {
  override name = 'OutcomeUnknownError';
  readonly method: string;
  readonly path: string;
  readonly reason: string;

  constructor(details: { method: string; path: string; reason: string; secrets: readonly string[] }) {
    const path = redact(details.path, details.secrets);
    const reason = redact(details.reason, details.secrets);
    super(`${details.method} ${path}: outcome unknown (${reason}); it may have been applied, so look it up before sending it again`);
    this.method = details.method;
    this.path = path;
    this.reason = reason;
  }
}

const MAX_SERVER_MESSAGE = 200;

/**
 * What the server said in an error body: the JSON `message` (string or list), `error` or `detail`;
 * otherwise the start of the text (tags of an HTML page removed), whitespace collapsed.
 */
export function serverMessageOf(body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  try {
    const message = messageField(JSON.parse(trimmed));
    if (message !== undefined) return shorten(message);
  } catch {
    // not JSON: fall through to the text
  }
  const text = /^<|<\/?(html|body|head|title|h1|p|div)\b/i.test(trimmed)
    ? trimmed.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')
    : trimmed;
  return shorten(text) || undefined;
}

function messageField(parsed: unknown): string | undefined {
  if (typeof parsed === 'string') return parsed;
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  for (const key of ['message', 'error', 'detail']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string') && value.length > 0) return value.join('; ');
    if (typeof value === 'object' && value !== null) {
      const nested = messageField(value);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}

function shorten(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length > MAX_SERVER_MESSAGE ? `${collapsed.slice(0, MAX_SERVER_MESSAGE)}…` : collapsed;
}
