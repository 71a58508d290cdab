import { redact, stripUrlCredentials } from './redact';
import { echoesOf, leakedFragment } from './testing/secret-leaks';

describe('redact', () => {
  const access = 'AKIA-canary-access';
  const secret = 'canary/secret+key=';
  const basic = Buffer.from(`${access}:${secret}`).toString('base64');

  it('removes each secret, its URL-encoded form and the Basic form', () => {
    const text = `key ${access} secret ${secret} encoded ${encodeURIComponent(secret)} header Basic ${basic}`;
    const out = redact(text, [access, secret, basic]);
    for (const value of [access, secret, encodeURIComponent(secret), basic]) expect(out).not.toContain(value);
    expect(out).toBe('key [REDACTED] secret [REDACTED] encoded [REDACTED] header Basic [REDACTED]');
  });

  it('removes any Authorization header value, even one it was not told about', () => {
    expect(redact('Authorization: Bearer some.jwt.value\nnext line', [])).toBe('Authorization: [REDACTED]\nnext line');
    expect(redact('{"authorization":"Basic Zm9vOmJhcg==","x":1}', [])).toBe('{"authorization":"[REDACTED]","x":1}');
  });

  it('leaves text without secrets alone and ignores empty secrets', () => {
    expect(redact('GET /workspaces failed: 503 Service Unavailable', ['', 'absent'])).toBe('GET /workspaces failed: 503 Service Unavailable');
    expect(redact('needs Basic authentication', [])).toBe('needs Basic authentication');
  });
});

describe('stripUrlCredentials', () => {
  it('removes user and password from URLs in a message', () => {
    expect(stripUrlCredentials("fatal: unable to access 'https://ci:tok3n@github.com/acme/x.git/': 403")).toBe(
      "fatal: unable to access 'https://github.com/acme/x.git/': 403",
    );
  });

  it('is part of redact, so every message loses them', () => {
    expect(redact('GET https://user:p4ss@host/x failed', [])).toBe('GET https://host/x failed');
  });
});

describe('redact, against a server that echoes a secret in part or in another form', () => {
  const access = 'AKcanary-access-2Q';
  const secret = 'Cn4ry&Secr<et"7f/+=x9Lw';
  const basic = Buffer.from(`${access}:${secret}`).toString('base64');
  const secrets = [access, secret, basic];

  it.each(Object.entries(echoesOf(secret, basic)))('removes the secret %s', (_, echo) => {
    const out = redact(`<p>Credential received: ${echo} (check your key)</p>`, secrets);
    expect(leakedFragment(out, secrets)).toBeUndefined();
    expect(out).toMatch(/Credential received: (Basic )?\[REDACTED\] \(check your key\)/);
  });

  it('removes every piece of 8 or more characters, and leaves shorter ones', () => {
    for (let start = 0; start + 8 <= secret.length; start++) {
      const out = redact(`echo=${secret.slice(start, start + 8)};`, secrets);
      expect(out).toBe('echo=[REDACTED];');
    }
    expect(redact('echo=Cn4ry&S;', secrets)).toBe('echo=Cn4ry&S;');
  });

  it('removes a secret that contains a tab, also when the tab became a space', () => {
    const tabbed = 'tab\tseparated-secret';
    for (const echo of [tabbed, tabbed.replace('\t', ' '), tabbed.replace('\t', '')]) {
      expect(leakedFragment(redact(`got ${echo}!`, [tabbed]), [tabbed])).toBeUndefined();
    }
  });

  it('removes a secret given as a numeric entity outside the Basic Multilingual Plane', () => {
    const wide = 'emoji-\u{1F511}-secret-key';
    const echo = [...wide].map((c) => `&#${c.codePointAt(0)};`).join('');
    expect(redact(`x ${echo} y`, [wide])).toBe('x [REDACTED] y');
  });

  it('takes linear time on megabytes of hostile text', () => {
    const size = 2 * 1024 * 1024;
    const texts = [
      'a'.repeat(size),
      'a://'.repeat(size / 4),
      'https://'.padEnd(size, 'x'),
      '&#'.repeat(size / 2),
      '%'.repeat(size),
      `authorization${' '.repeat(size)}`,
      `${secret.slice(0, 7)} `.repeat(size / 8),
    ];
    for (const text of texts) {
      const started = Date.now();
      redact(text, secrets);
      // Generous for a loaded CI machine: the quadratic version took minutes.
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });
});
