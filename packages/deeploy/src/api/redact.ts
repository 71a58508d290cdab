/**
 * The one redaction every client message goes through: a server may echo a request back (a
 * gateway's debug page, a validation message), and an error message ends up in CI logs.
 */
const MASK = '[REDACTED]';

/**
 * `text` with every secret removed: each literal value (and its URL-encoded form) and the value
 * of any `Authorization` header, whatever its encoding. Pass the Basic form (`base64(key:secret)`)
 * among `secrets`: it is a secret of its own.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(/(authorization["']?\s*[:=]\s*["']?)([^"'\r\n,;}]+)/gi, `$1${MASK}`);
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
