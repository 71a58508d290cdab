/**
 * When a failed call may be tried again, and after how long. Pure, so the rules are tested with
 * plain values; the transport applies them.
 *
 * Reads (GET) and PATCH (the same body again sets the same values) are retried on 429, 502, 503,
 * 504, timeouts and socket errors. A POST is re-sent only when the server cannot have acted on it:
 * a 429, or a connection that never opened. Any other ambiguous POST failure is "outcome unknown".
 */

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Socket errors worth another try: the connection failed, not the request. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Errors raised before a byte of the request left this machine: safe to send even a POST again. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export type Failure = { kind: 'status'; status: number } | { kind: 'network'; code?: string; timedOut: boolean };

export type Verdict = 'retry' | 'fail' | 'outcome-unknown';

export function verdictOf(method: string, failure: Failure): Verdict {
  const isPost = method.toUpperCase() === 'POST';
  if (failure.kind === 'status') {
    if (!RETRYABLE_STATUSES.has(failure.status)) return 'fail';
    // A 429 is the server refusing before acting; a 5xx from a gateway may follow an applied write.
    if (isPost) return failure.status === 429 ? 'retry' : 'outcome-unknown';
    return 'retry';
  }
  if (failure.code !== undefined && NOT_SENT_CODES.has(failure.code)) return 'retry';
  const transient = failure.timedOut || (failure.code !== undefined && TRANSIENT_CODES.has(failure.code));
  if (!transient) return 'fail';
  return isPost ? 'outcome-unknown' : 'retry';
}

/** The wait a `Retry-After` header asks for (delta seconds or an HTTP date), or undefined if absent/invalid. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/[a-z]/i.test(value)) return undefined;
  return Math.max(0, at - now);
}

/** "Full jitter" backoff: a random wait up to base·2^attempt (capped), so clients do not retry in step. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

/** The error code of a network failure: undici puts it on the error or on its cause. */
export function errorCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_ABORTED' && code !== 'ABORT_ERR') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
