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
    const serverMessage = details.serverMessage === undefined ? undefined : serverTextOf(details.serverMessage, details.secrets) || undefined;
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
    const reason = serverTextOf(details.reason, details.secrets);
    super(`${details.method} ${path}: outcome unknown (${reason}); it may have been applied, so look it up before sending it again`);
    this.method = details.method;
    this.path = path;
    this.reason = reason;
  }
}

const MAX_SERVER_MESSAGE = 200;
/** How deep `messageField` looks into nested `error` objects: a hostile body may nest thousands. */
const MAX_MESSAGE_DEPTH = 4;

/**
 * What the server said in an error body: the JSON `message` (string or list), `error` or `detail`;
 * otherwise the start of the text (tags of an HTML page removed). Redacted before anything else
 * is done to it (see `serverTextOf`), then tidied and shortened.
 */
export function serverMessageOf(body: string, secrets: readonly string[]): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  if (trimmed[0] === '{' || trimmed[0] === '[' || trimmed[0] === '"') {
    try {
      const message = messageField(JSON.parse(trimmed), 0);
      if (message !== undefined) return serverTextOf(message, secrets);
    } catch {
      // not JSON: fall through to the text
    }
  }
  // Redacted on the raw text first: stripping tags and collapsing whitespace could otherwise split
  // or reshape a secret so that no form of it is recognised any more.
  const raw = redact(trimmed, secrets);
  const text = HTML_HINT.test(raw.slice(0, 4096)) ? textOfHtml(raw) : raw;
  return serverTextOf(text, secrets) || undefined;
}

/**
 * Any text that came from a server, made fit for one line: redacted (first, on the raw text),
 * control characters (terminal escapes) and runs of whitespace made single spaces, redacted again
 * (tidying may have joined the pieces of a secret), and only then cut to its first 200 characters,
 * so the cut can never leave a recognisable piece of a secret behind. Idempotent.
 */
export function serverTextOf(text: string, secrets: readonly string[]): string {
  const tidy = redact(redact(text, secrets).replace(CONTROL_OR_SPACE, ' '), secrets).trim();
  return tidy.length > MAX_SERVER_MESSAGE ? `${tidy.slice(0, MAX_SERVER_MESSAGE)}…` : tidy;
}

// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f-\u009f]+/g;
const HTML_HINT = /^<|<\/?(?:html|body|head|title|h1|p|div)\b/i;

function messageField(parsed: unknown, depth: number): string | undefined {
  if (typeof parsed === 'string') return parsed;
  if (typeof parsed !== 'object' || parsed === null || depth > MAX_MESSAGE_DEPTH) return undefined;
  const record = parsed as Record<string, unknown>;
  for (const key of ['message', 'error', 'detail']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value.join('; ');
    if (typeof value === 'object' && value !== null) {
      const nested = messageField(value, depth + 1);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}

/**
 * The readable text of an HTML page: tags removed, the content of `<script>` and `<style>` left
 * out. One pass with `indexOf`, so a page of unclosed `<` costs no more than a short one.
 */
export function textOfHtml(html: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    const close = open < 0 ? -1 : html.indexOf('>', open + 1);
    if (close < 0) {
      // No more tags (a lone "<" is text).
      parts.push(html.slice(i));
      break;
    }
    parts.push(html.slice(i, open), ' ');
    const skipped = /^<(script|style)\b/i.exec(html.slice(open, open + 8));
    if (skipped) {
      const end = endTagAt(html, skipped[1].toLowerCase(), close + 1);
      const endClose = end < 0 ? -1 : html.indexOf('>', end);
      i = endClose < 0 ? html.length : endClose + 1;
    } else {
      i = close + 1;
    }
  }
  return parts.join('');
}

/** Where `</name` starts (any case) from `from` on, or -1. */
function endTagAt(html: string, name: string, from: number): number {
  for (let at = html.indexOf('</', from); at >= 0; at = html.indexOf('</', at + 2)) {
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name) return at;
  }
  return -1;
}
