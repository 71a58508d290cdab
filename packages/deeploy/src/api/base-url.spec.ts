import { isLoopback, resolveApiBaseUrl } from './base-url';

describe('resolveApiBaseUrl', () => {
  it('builds https://api.<host>, with an optional prefix', () => {
    expect(resolveApiBaseUrl({ host: 'Example.Deeploy.ml' })).toBe('https://api.example.deeploy.ml');
    expect(resolveApiBaseUrl({ host: 'example.deeploy.ml', apiPrefix: 'v2/' })).toBe('https://api.example.deeploy.ml/v2');
    expect(resolveApiBaseUrl({ host: 'deeploy.internal:8443', apiPrefix: '/v2' })).toBe('https://api.deeploy.internal:8443/v2');
  });

  it('uses a full apiUrl instead of the host, prefix appended', () => {
    expect(resolveApiBaseUrl({ host: 'ignored.example', apiUrl: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
    expect(resolveApiBaseUrl({ apiUrl: 'https://gateway.example/deeploy/', apiPrefix: '/v2' })).toBe('https://gateway.example/deeploy/v2');
    expect(resolveApiBaseUrl({ apiUrl: 'http://[::1]:4010' })).toBe('http://[::1]:4010');
    expect(resolveApiBaseUrl({ apiUrl: 'http://localhost:4010' })).toBe('http://localhost:4010');
  });

  it('allows plain http elsewhere only when asked', () => {
    expect(() => resolveApiBaseUrl({ apiUrl: 'http://deeploy.lan:4010' })).toThrow(
      'apiUrl (DEEPLOY_API_URL) uses plain http to "deeploy.lan:4010", which would send your keys unencrypted; use https, or set allowInsecureHttp if that host is trusted',
    );
    expect(resolveApiBaseUrl({ apiUrl: 'http://deeploy.lan:4010', allowInsecureHttp: true })).toBe('http://deeploy.lan:4010');
  });

  it.each([
    [
      { host: 'https://example.deeploy.ml' },
      'host (DEEPLOY_HOST) "https://example.deeploy.ml" must not include a scheme; set host (DEEPLOY_HOST) to the bare domain',
    ],
    [{ host: 'example.deeploy.ml/v2' }, 'host (DEEPLOY_HOST) "example.deeploy.ml/v2" must not include a path'],
    [{ host: 'api.example.deeploy.ml' }, 'host (DEEPLOY_HOST) "api.example.deeploy.ml" must not start with "api."; write "example.deeploy.ml"'],
    [{ host: 'bad host' }, 'host (DEEPLOY_HOST) "bad host" is not a host name'],
    [{}, 'no Deeploy host: set host (DEEPLOY_HOST)'],
    [{ apiUrl: 'not a url' }, 'apiUrl (DEEPLOY_API_URL) is not a URL'],
    [{ apiUrl: 'ftp://example' }, 'apiUrl (DEEPLOY_API_URL) must use https'],
    [{ apiUrl: 'https://example/?token=x' }, 'apiUrl (DEEPLOY_API_URL) must not have a query or fragment'],
    [{ host: 'example.deeploy.ml', apiPrefix: '/../admin' }, 'apiPrefix "/../admin" must be a plain path such as "/v2"'],
  ])('refuses %j with one line naming the option', (input, message) => {
    expect(() => resolveApiBaseUrl(input)).toThrow(message);
  });

  it('never echoes credentials given in a host or URL', () => {
    for (const input of [{ host: 'user:hunter2@example.deeploy.ml' }, { apiUrl: 'https://user:hunter2@api.example.deeploy.ml' }]) {
      expect(() => resolveApiBaseUrl(input)).toThrow(/must not contain credentials/);
      try {
        resolveApiBaseUrl(input);
      } catch (error) {
        expect((error as Error).message).not.toContain('hunter2');
      }
    }
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.3.4', true],
    ['[::1]', true],
    ['localhost', true],
    ['128.0.0.1', false],
    ['127.0.0.1.example.com', false],
    ['example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});
