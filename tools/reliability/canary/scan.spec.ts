import { describe, expect, it } from '@jest/globals';
import { canaryForms, findFragmentLeaks, findLeaks, selfCheck } from './scan';

describe('the canary scan', () => {
  const forms = canaryForms({ values: ['canary/secret 1'], keyPairs: [['canary-a', 'canary-b']] });

  it('looks for each secret as is, URL-encoded, in base64, and each key pair as a Basic header', () => {
    expect(forms).toEqual(
      expect.arrayContaining([
        'canary/secret 1',
        'canary%2Fsecret%201',
        Buffer.from('canary/secret 1').toString('base64'),
        Buffer.from('canary-a:canary-b').toString('base64'),
      ]),
    );
  });

  it('finds a leak with the text around it, and nothing in a clean text', () => {
    const leaks = findLeaks(
      [
        { name: 'log', text: 'request to /x failed: key=canary%2Fsecret%201 rejected' },
        { name: 'clean', text: 'nothing here' },
      ],
      forms,
    );
    expect(leaks).toEqual([{ name: 'log', form: 'canary%2Fsecret%201', context: 'request to /x failed: key=canary%2Fsecret%201 rejected' }]);
  });

  it('finds 8 characters of a secret cut, split, HTML-escaped or JSON-escaped, but not fewer', () => {
    const secret = 'Hx&<"/+=secret-value';
    const leaks = findFragmentLeaks(
      [
        { name: 'cut', text: '… "/+=secret' },
        { name: 'split', text: 'Hx&<"/\n   +=secret' },
        { name: 'html', text: 'Hx&amp;&lt;&quot;/+=s' },
        { name: 'json', text: '"\\u0048\\u0078\\u0026\\u003c\\u0022\\u002f\\u002b\\u003d"' },
        { name: 'short', text: 'secret-' },
      ],
      [secret],
    );
    expect(leaks.map((l) => l.name)).toEqual(['cut', 'split', 'html', 'json']);
  });

  it('passes its own check (the one the canary and hostile sections run first)', () => {
    expect(() => selfCheck()).not.toThrow();
  });
});
