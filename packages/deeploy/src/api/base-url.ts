/**
 * The API base URL (deeploy-api.md §1): users name their Deeploy host (`example.deeploy.ml`) and
 * the API lives at `https://api.<host>`, or they give a full URL (the emulator). Plain http is
 * refused except to this machine, because the Basic header would cross the network readable.
 */
import { DeeployConfigError } from './config-error';
import { deeployHostProblem } from './deeploy-host';

export interface ApiBaseUrlInput {
  /** The Deeploy host, without scheme and without `api.` (option `host`, env `DEEPLOY_HOST`). */
  host?: string;
  /** A path prefix for old self-hosted installs, e.g. `/v2`. Default none. */
  apiPrefix?: string;
  /** A full base URL that replaces `https://api.<host>` (env `DEEPLOY_API_URL`). */
  apiUrl?: string;
  /** Allow plain http to a host that is not loopback. */
  allowInsecureHttp?: boolean;
}

const HOST_EXAMPLE = 'e.g. "example.deeploy.ml" (the API URL becomes https://api.example.deeploy.ml)';
const PREFIX_RE = /^[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/;

export function resolveApiBaseUrl(input: ApiBaseUrlInput): string {
  const prefix = normalPrefix(input.apiPrefix);
  if (input.apiUrl !== undefined && input.apiUrl !== '') return `${checkedApiUrl(input.apiUrl, input.allowInsecureHttp ?? false)}${prefix}`;
  if (input.host === undefined) {
    throw new DeeployConfigError(
      `no Deeploy host: set host (DEEPLOY_HOST) to your Deeploy domain, ${HOST_EXAMPLE}, or apiUrl (DEEPLOY_API_URL) to a full API URL`,
    );
  }
  const problem = deeployHostProblem(input.host, 'host (DEEPLOY_HOST)');
  if (problem !== undefined) throw new DeeployConfigError(problem);
  return `https://api.${input.host.trim().toLowerCase()}${prefix}`;
}

function checkedApiUrl(raw: string, allowInsecureHttp: boolean): string {
  const example = 'e.g. https://api.example.deeploy.ml or http://127.0.0.1:4010';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DeeployConfigError(`apiUrl (DEEPLOY_API_URL) is not a URL; give a full base URL, ${example}`);
  }
  if (url.username || url.password) {
    throw new DeeployConfigError(
      'apiUrl (DEEPLOY_API_URL) must not contain credentials ("user:password@"); remove them and keep keys in DEEPLOY_ACCESS_KEY / DEEPLOY_SECRET_KEY',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DeeployConfigError(`apiUrl (DEEPLOY_API_URL) must use https (or http to this machine), not "${url.protocol}"; ${example}`);
  }
  if (url.search || url.hash) throw new DeeployConfigError(`apiUrl (DEEPLOY_API_URL) must not have a query or fragment; give the base URL only, ${example}`);
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new DeeployConfigError(
      `apiUrl (DEEPLOY_API_URL) uses plain http to "${url.host}", which would send your keys unencrypted; use https, or set allowInsecureHttp if that host is trusted`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}

function normalPrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  if (!PREFIX_RE.test(trimmed) || trimmed.split('/').some((s) => s === '.' || s === '..')) {
    throw new DeeployConfigError(`apiPrefix "${prefix}" must be a plain path such as "/v2" (letters, digits, "-", "_", "." and "/")`);
  }
  return `/${trimmed}`;
}
