/**
 * Looking for secrets in text: every form a secret could take on the way out (the value, the
 * Basic-auth header value, URL-encoded). Pure.
 */

/** The strings that must never appear, for the given canary values and key pairs. */
function canaryForms({ values, keyPairs }) {
  const forms = new Set();
  for (const value of values) {
    forms.add(value);
    forms.add(encodeURIComponent(value));
    forms.add(Buffer.from(value).toString('base64'));
  }
  for (const [access, secret] of keyPairs) forms.add(Buffer.from(`${access}:${secret}`).toString('base64'));
  return [...forms];
}

/** `[{ name, text }]` → the leaks found: `{ name, form, context }`. */
function findLeaks(texts, forms) {
  const leaks = [];
  for (const { name, text } of texts) {
    for (const form of forms) {
      const at = text.indexOf(form);
      if (at >= 0) leaks.push({ name, form, context: text.slice(Math.max(0, at - 60), at + form.length + 20).replace(/\s+/g, ' ') });
    }
  }
  return leaks;
}

/** Checks the scanner: each form of a planted secret must be found. */
function selfCheck() {
  const forms = canaryForms({ values: ['canary-x-1'], keyPairs: [['canary-a', 'canary-b']] });
  const planted = [
    { name: 'raw', text: 'key=canary-x-1' },
    { name: 'basic', text: `authorization: Basic ${Buffer.from('canary-a:canary-b').toString('base64')}` },
    { name: 'clean', text: 'nothing here' },
  ];
  const found = new Set(findLeaks(planted, forms).map((l) => l.name));
  if (!found.has('raw') || !found.has('basic') || found.has('clean')) throw new Error('the canary scanner is broken');
}

module.exports = { canaryForms, findLeaks, selfCheck };
