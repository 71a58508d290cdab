/**
 * Test helper: whether any piece of a secret of FRAGMENT_LENGTH or more characters can still be
 * read in a text, written independently of `redact` (plain decoders, no shared code), so a test
 * cannot pass because both share a mistake.
 */
const FRAGMENT = 8;

/** The ways a reader could decode the text: as is, without whitespace, HTML-unescaped, URL-decoded, JSON-unescaped. */
function readings(text: string): string[] {
  const unescaped = text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  const urlDecoded = text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const jsonUnescaped = text.replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\(["\\/])/g, '$1');
  return [text, unescaped, urlDecoded, jsonUnescaped].flatMap((t) => [t, t.replace(/\s+/g, '')]);
}

/** The first piece of one of `secrets` (or of its base64 form) found in `text`, or undefined. */
export function leakedFragment(text: string, secrets: readonly string[]): string | undefined {
  const texts = readings(text);
  for (const secret of secrets) {
    for (const form of [secret, secret.replace(/\s+/g, ''), Buffer.from(secret).toString('base64')]) {
      for (let i = 0; i + FRAGMENT <= form.length; i++) {
        const piece = form.slice(i, i + FRAGMENT);
        if (texts.some((t) => t.includes(piece))) return piece;
      }
    }
  }
  return undefined;
}

/** How a server might echo a secret: as is, split by a tab or a line break, escaped or encoded. */
export function echoesOf(secret: string, basic?: string): Record<string, string> {
  const middle = Math.floor(secret.length / 2);
  const htmlEscaped = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return {
    plain: secret,
    'split by a tab': `${secret.slice(0, middle)}\t${secret.slice(middle)}`,
    'split by a line break': `${secret.slice(0, 5)}\n  ${secret.slice(5)}`,
    'HTML-escaped': htmlEscaped,
    'numeric entities': [...secret].map((c, i) => (i % 2 ? `&#${c.codePointAt(0)};` : `&#x${(c.codePointAt(0) as number).toString(16)};`)).join(''),
    'URL-encoded': encodeURIComponent(secret),
    'URL-encoded, lower-case hex': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    base64: Buffer.from(secret).toString('base64'),
    ...(basic ? { 'Basic header': `Basic ${basic}` } : {}),
  };
}
