/**
 * The one check of a Deeploy host (`example.deeploy.ml`), shared by `nx g deeploy:init --host`
 * before it writes the host into nx.json and by the client before it calls `https://api.<host>`
 * (deeploy-api.md §1): a host init writes is one the client calls, and a refusal reads the same in
 * both, naming the option the way the caller's user sets it (`--host`, `host (DEEPLOY_HOST)`).
 */

const HOST_RE = /^(?=.{1,253}(?::|$))[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/i;
const SCHEME_RE = /^[a-z][a-z0-9+.-]*:\/\//i;
const EXAMPLE_HOST = 'example.deeploy.ml';

/** `https://api.x.deeploy.ml/v2` → `x.deeploy.ml`: what the user meant, when that is a host name. */
function meantHost(value: string): string | undefined {
  const bare = value
    .replace(SCHEME_RE, '')
    .replace(/\/.*$/, '')
    .replace(/^api\./i, '');
  return HOST_RE.test(bare) ? bare : undefined;
}

function bareDomainFix(option: string, meant: string | undefined): string {
  const host = meant ?? EXAMPLE_HOST;
  return `set ${option} to the bare domain${meant ? '' : ', e.g.'} "${host}" (the API URL becomes https://api.${host.toLowerCase()})`;
}

/**
 * The problem with `host` as one line that starts with `option`, or undefined when the client can
 * call it (surrounding spaces aside). A value holding `@` is never echoed, nor anything derived
 * from it: it may be `user:password@host`.
 */
export function deeployHostProblem(host: string, option: string): string | undefined {
  const value = host.trim();
  if (value === '') return `${option} is empty; ${bareDomainFix(option, undefined)}, or use apiUrl (DEEPLOY_API_URL) for a full URL`;
  if (value.includes('@')) {
    return `${option} must not contain credentials ("user:password@"); ${bareDomainFix(option, undefined)}, and keep keys in DEEPLOY_ACCESS_KEY / DEEPLOY_SECRET_KEY`;
  }
  // Quoted as JSON: a control character in the value is shown escaped, never sent to the terminal.
  const shown = JSON.stringify(value);
  const meant = meantHost(value);
  if (SCHEME_RE.test(value))
    return `${option} ${shown} must not include a scheme; ${bareDomainFix(option, meant)}, or use apiUrl (DEEPLOY_API_URL) for a full URL`;
  const slash = value.indexOf('/');
  if (slash >= 0 && /^\/+$/.test(value.slice(slash)) && HOST_RE.test(value.slice(0, slash)) && !/^api\./i.test(value)) {
    return `${option} ${shown} must not end with "/"; write "${value.slice(0, slash)}"`;
  }
  if (slash >= 0) return `${option} ${shown} must not include a path; ${bareDomainFix(option, meant)}, and put a path prefix in apiPrefix`;
  if (/^api\./i.test(value)) return `${option} ${shown} must not start with "api."; write ${JSON.stringify(value.slice(4))} (the client adds "api.")`;
  if (!HOST_RE.test(value)) return `${option} ${shown} is not a host name; ${bareDomainFix(option, undefined)}`;
  return undefined;
}
