/**
 * Looking for secrets in text: every form a secret could take on the way out (the value, the
 * Basic-auth header value, URL-encoded). Pure.
 */
// The fragment reader the plugin's own leak specs use (a test helper, not in dist: loaded from source).
import { leakedFragment } from '../../../packages/deeploy/src/api/testing/secret-leaks';

/** The strings that must never appear, for the given canary values and key pairs. */
export function canaryForms({ values, keyPairs }: { values: readonly string[]; keyPairs: readonly (readonly [string, string])[] }): string[] {
  const forms = new Set<string>();
  for (const value of values) {
    forms.add(value);
    forms.add(encodeURIComponent(value));
    forms.add(Buffer.from(value).toString('base64'));
  }
  for (const [access, secret] of keyPairs) forms.add(Buffer.from(`${access}:${secret}`).toString('base64'));
  return [...forms];
}

/** A text to scan, named by where it was found. */
export interface NamedText {
  name: string;
  text: string;
}

/** The leaks found: `{ name, form, context }`. */
export function findLeaks(texts: readonly NamedText[], forms: readonly string[]): { name: string; form: string; context: string }[] {
  const leaks: { name: string; form: string; context: string }[] = [];
  for (const { name, text } of texts) {
    for (const form of forms) {
      const at = text.indexOf(form);
      if (at >= 0) leaks.push({ name, form, context: text.slice(Math.max(0, at - 60), at + form.length + 20).replace(/\s+/g, ' ') });
    }
  }
  return leaks;
}

/**
 * Pieces of secrets: the leaks found, `{ name, piece }`, where a piece is any
 * 8 characters of a secret (or of its base64 form) readable in the text in any usual
 * decoding. Stricter than `findLeaks`: a server that echoes a secret may have it cut or split.
 */
export function findFragmentLeaks(texts: readonly NamedText[], secrets: readonly string[]): { name: string; piece: string }[] {
  return texts.flatMap(({ name, text }) => {
    const piece = leakedFragment(text, secrets);
    return piece === undefined ? [] : [{ name, piece }];
  });
}

/** Checks the scanner: each form of a planted secret must be found. */
export function selfCheck(): void {
  const forms = canaryForms({ values: ['canary-x-1'], keyPairs: [['canary-a', 'canary-b']] });
  const planted = [
    { name: 'raw', text: 'key=canary-x-1' },
    { name: 'basic', text: `authorization: Basic ${Buffer.from('canary-a:canary-b').toString('base64')}` },
    { name: 'clean', text: 'nothing here' },
  ];
  const found = new Set(findLeaks(planted, forms).map((l) => l.name));
  if (!found.has('raw') || !found.has('basic') || found.has('clean')) throw new Error('the canary scanner is broken');
  const pieces = findFragmentLeaks(
    [
      { name: 'cut', text: 'received: …y-secret-v' },
      { name: 'escaped', text: 'k=canary&#45;secret' },
      { name: 'split', text: 'k=canary-\n  secret' },
      { name: 'short', text: 'k=canary-' },
    ],
    ['canary-secret-value'],
  ).map((l) => l.name);
  if (pieces.join() !== 'cut,escaped,split') throw new Error(`the fragment scanner is broken (found ${pieces.join() || 'nothing'})`);
}
