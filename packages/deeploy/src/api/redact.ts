/**
 * The one redaction every client message goes through: a server may echo a request back (a
 * gateway's debug page, a validation message), and an error message ends up in CI logs.
 */
const MASK = '[REDACTED]';

/** Removes `user:password@` from every URL in a text (a git remote or a server may quote one). */
export function stripUrlCredentials(text: string): string {
  return text.replace(/([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/@\s'"]+@/g, '$1');
}

/**
 * `text` with every secret removed: each literal value (and its URL-encoded form), the value of
 * any `Authorization` header, whatever its encoding, and credentials embedded in URLs. Pass the
 * Basic form (`base64(key:secret)`) among `secrets`: it is a secret of its own.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = stripUrlCredentials(text).replace(/(authorization["']?\s*[:=]\s*["']?)([^"'\r\n,;}]+)/gi, `$1${MASK}`);
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is removed whole.
  for (const variant of [...variants].sort((a, b) => b.length - a.length)) {
    out = out.split(variant).join(MASK);
  }
  return out;
}
