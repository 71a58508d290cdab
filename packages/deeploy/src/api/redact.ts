/**
 * The one redaction every client message goes through: a server may echo a request back (a
 * gateway's debug page, a validation message), and an error message ends up in CI logs, report
 * files and step summaries.
 *
 * A secret is removed in any form a server is likely to send it back in: whole or in part (any
 * run of FRAGMENT_LENGTH characters of it), split by whitespace, URL-encoded, HTML-escaped (named
 * or numeric entities), JSON-escaped, or base64-encoded (also the Basic `access:secret` form,
 * which callers pass among the secrets). Every step is a single pass over the text, so a reply of
 * megabytes costs milliseconds, not minutes.
 */
const MASK = '[REDACTED]';

/** Runs of this many characters of a secret are removed wherever they appear: a shorter piece reveals too little to matter. */
export const FRAGMENT_LENGTH = 8;

/** Removes `user:password@` from every URL in a text (a git remote or a server may quote one). */
export function stripUrlCredentials(text: string): string {
  // A scan instead of a regular expression: `scheme*://` over a long run of letters backtracks.
  const parts: string[] = [];
  let copied = 0;
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    if (!hasSchemeBefore(text, at)) continue;
    let end = at + 3;
    while (end < text.length && !USERINFO_STOP.has(text[end])) end++;
    if (text[end] !== '@' || end === at + 3) continue;
    parts.push(text.slice(copied, at + 3));
    copied = end + 1;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

const USERINFO_STOP = new Set(['/', '@', ' ', '\t', '\n', '\r', '\f', '\v', "'", '"']);

function hasSchemeBefore(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (isLetter(c)) return true;
    if (!(isDigit(c) || c === 0x2b || c === 0x2e || c === 0x2d)) return false;
  }
  return false;
}

// Bounded whitespace, so a long run of it after "authorization" cannot make the match slow.
const AUTHORIZATION = /(authorization["']?\s{0,16}[:=]\s{0,16}["']?)([^"'\r\n,;}]+)/gi;

/**
 * `text` with every secret removed (see the module comment), the value of any `Authorization`
 * header, whatever its encoding, and credentials embedded in URLs. Pass the Basic form
 * (`base64(key:secret)`) among `secrets`: it is a secret of its own.
 */
export function redact(text: string, secrets: readonly string[]): string {
  const masked = maskSecrets(text, secrets);
  return stripUrlCredentials(masked).replace(AUTHORIZATION, `$1${MASK}`);
}

/** The forms of each secret looked for in the decoded, whitespace-free view of a text. */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    const bare = withoutWhitespace(secret);
    if (bare === '') continue;
    forms.add(bare);
    forms.add(Buffer.from(secret).toString('base64'));
    forms.add(Buffer.from(secret).toString('base64url'));
  }
  return [...forms];
}

function maskSecrets(text: string, secrets: readonly string[]): string {
  const forms = secretForms(secrets);
  if (forms.length === 0 || text === '') return text;
  const view = decodedView(text);
  const hidden = new Uint8Array(view.text.length);
  const fragments = new Set<string>();
  for (const form of forms) {
    if (form.length < FRAGMENT_LENGTH) {
      // A short secret is removed whole; a fragment of it would be too short to match safely.
      for (let at = view.text.indexOf(form); at >= 0; at = view.text.indexOf(form, at + 1)) hidden.fill(1, at, at + form.length);
      continue;
    }
    for (let i = 0; i + FRAGMENT_LENGTH <= form.length; i++) fragments.add(form.slice(i, i + FRAGMENT_LENGTH));
  }
  if (fragments.size > 0) {
    // Only positions whose character starts some fragment are looked up: most of a text starts none.
    const firsts = new Set([...fragments].map((f) => f.charCodeAt(0)));
    for (let i = 0; i + FRAGMENT_LENGTH <= view.text.length; i++) {
      if (firsts.has(view.text.charCodeAt(i)) && fragments.has(view.text.slice(i, i + FRAGMENT_LENGTH))) hidden.fill(1, i, i + FRAGMENT_LENGTH);
    }
  }
  const parts: string[] = [];
  let copied = 0;
  for (let i = 0; i < hidden.length; i++) {
    if (!hidden[i]) continue;
    let last = i;
    while (last + 1 < hidden.length && hidden[last + 1]) last++;
    parts.push(text.slice(copied, view.starts[i]), MASK);
    copied = view.ends[last];
    i = last;
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/**
 * The text as a reader would see it: `%XX`, HTML entities and JSON escapes decoded, whitespace
 * (which a server's formatting may put inside a secret) left out; each character of the view
 * remembers where it came from in the original, so a match there masks the original characters.
 */
function decodedView(text: string): { text: string; starts: Int32Array; ends: Int32Array } {
  const codes = new Uint16Array(text.length);
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    const decoded = code === 0x25 || code === 0x26 || code === 0x5c ? decodeAt(text, i) : undefined;
    const char = decoded?.char ?? text[i];
    const end = decoded?.end ?? i + 1;
    // One entry per UTF-16 unit (a numeric entity may stand for a surrogate pair), like the text's indexes.
    for (let k = 0; k < char.length; k++) {
      if (isWhitespace(char.charCodeAt(k))) continue;
      codes[n] = char.charCodeAt(k);
      starts[n] = i;
      ends[n] = end;
      n++;
    }
    i = end;
  }
  const chunks: string[] = [];
  for (let at = 0; at < n; at += 8192) chunks.push(String.fromCharCode(...codes.subarray(at, Math.min(n, at + 8192))));
  return { text: chunks.join(''), starts, ends };
}

const MAX_ENTITY_LENGTH = 10;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', sol: '/', plus: '+', equals: '=', colon: ':' };
const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The one character an escape at `i` stands for, and where the escape ends; undefined if there is none. */
function decodeAt(text: string, i: number): { char: string; end: number } | undefined {
  const c = text[i];
  if (c === '%') {
    const hex = text.slice(i + 1, i + 3);
    return /^[0-9a-fA-F]{2}$/.test(hex) ? { char: String.fromCharCode(parseInt(hex, 16)), end: i + 3 } : undefined;
  }
  if (c === '&') {
    // Entities are short: look no further than that, or a text of many "&" takes quadratic time.
    const semicolon = text.slice(i + 1, i + 1 + MAX_ENTITY_LENGTH).indexOf(';') + i + 1;
    if (semicolon === i) return undefined;
    const name = text.slice(i + 1, semicolon);
    const numeric = /^#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
      return code <= 0x10ffff ? { char: String.fromCodePoint(code), end: semicolon + 1 } : undefined;
    }
    const named = NAMED_ENTITIES[name.toLowerCase()];
    return named === undefined ? undefined : { char: named, end: semicolon + 1 };
  }
  if (c === '\\') {
    const next = text[i + 1];
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
      return { char: String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), end: i + 6 };
    const escaped = next === undefined ? undefined : JSON_ESCAPES[next];
    return escaped === undefined ? undefined : { char: escaped, end: i + 2 };
  }
  return undefined;
}

function withoutWhitespace(text: string): string {
  let out = '';
  for (const char of text) if (!isWhitespace(char.charCodeAt(0))) out += char;
  return out;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0xfeff;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
