import { redact, stripUrlCredentials } from './redact';

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
