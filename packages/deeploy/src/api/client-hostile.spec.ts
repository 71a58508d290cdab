import { createDeeployClient, type DeeployClient, type DeeployClientConfig } from './client';
import { failureOf } from './testing/emulator-client';
import { startHostileServer, stream, type HostileServer } from './testing/hostile-server';
import type { IncomingMessage, ServerResponse } from 'node:http';

const WS = 'ws';
const ACCESS = 'hostile-access-key';
const SECRET = 'hostile-secret-Key9';
const create = { name: 'churn', repositoryId: '0d6f3c52-9a8e-4b1f-8c2d-3e4f5a6b7c8d', branchName: 'main', modelType: 2 };
const deployment = { id: 'd1', name: 'churn', workspaceId: WS, status: 1 };

describe('the client against a hostile server', () => {
  let server: HostileServer | undefined;
  let client: DeeployClient | undefined;
  afterEach(async () => {
    await client?.close();
    await server?.close();
    server = client = undefined;
  });

  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, config: Partial<DeeployClientConfig> = {}): Promise<DeeployClient> {
    server = await startHostileServer(handler);
    client = createDeeployClient({
      baseUrl: server.url,
      workspaceId: WS,
      auth: { kind: 'basic', accessKey: ACCESS, secretKey: SECRET },
      maxRetries: 1,
      retryBaseDelayMs: 1,
      requestTimeoutMs: 5_000,
      ...config,
    });
    return client;
  }

  describe('replies larger than anything Deeploy sends', () => {
    it('stops reading a 100 MB list at the cap: one clear line, little memory, no time', async () => {
      const api = await serve((_, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
        stream(res, `${JSON.stringify(deployment)},`, 100 * 1024 * 1024, `${JSON.stringify(deployment)}]`);
      });
      const heapBefore = process.memoryUsage().heapUsed;
      const started = Date.now();
      const failure = await failureOf(api.listDeployments());
      expect(failure).toEqual({
        name: 'DeeployConfigError',
        message:
          'GET /workspaces/ws/deployments failed: the reply is larger than 16 MB, the most this client reads (maxReplyBytes); check that host (DEEPLOY_HOST) or apiUrl (DEEPLOY_API_URL) and apiPrefix point at the Deeploy API and not at another service',
      });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(80 * 1024 * 1024);
    });

    it('refuses a declared Content-Length over the cap without reading it', async () => {
      const api = await serve(
        (_, res) => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) });
          stream(res, 'x'.repeat(65536));
        },
        { maxReplyBytes: 1024 * 1024 },
      );
      expect((await failureOf(api.listDeployments())).message).toMatch(/^GET \/workspaces\/ws\/deployments failed: the reply is larger than 1 MB, /);
    });

    it('stops an endless reply at the cap', async () => {
      const api = await serve(
        (_, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          stream(res, '[[[[[[[[[[[[[[[[');
        },
        { maxReplyBytes: 2 * 1024 * 1024 },
      );
      expect((await failureOf(api.getDeployment('d1'))).message).toMatch(/failed: the reply is larger than 2 MB/);
    });

    it('gives up on an endless trickle at the request timeout', async () => {
      const api = await serve(
        (_, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('[');
          const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 20);
        },
        { requestTimeoutMs: 300, maxRetries: 0 },
      );
      const started = Date.now();
      expect((await failureOf(api.listDeployments())).message).toBe('GET /workspaces/ws/deployments failed: no complete reply within 300 ms (after 1 attempt)');
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('reads only the start of a 2 MB HTML error page, fast, within a 2 s request timeout', async () => {
      const row = '<div class="row"><p>upstream <b>failed</b> &amp; more</p></div>\n';
      const api = await serve(
        (_, res) => {
          res.writeHead(500, { 'content-type': 'text/html' });
          stream(res, row, 2 * 1024 * 1024, '</body></html>');
        },
        { requestTimeoutMs: 2_000 },
      );
      const started = Date.now();
      const failure = await failureOf(api.listRepositories());
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(failure.message).toMatch(/^GET \/workspaces\/ws\/repositories failed: 500 Internal Server Error: upstream failed &amp; more upstream failed/);
      expect(failure.message.length).toBeLessThan(300);
    });

    it('cuts a 100 MB error body off after its start', async () => {
      const api = await serve(
        (_, res) => {
          res.writeHead(503, { 'content-type': 'text/plain' });
          stream(res, 'overloaded ', 100 * 1024 * 1024);
        },
        { maxRetries: 0 },
      );
      const started = Date.now();
      expect((await failureOf(api.listDeployments())).message).toMatch(
        /^GET \/workspaces\/ws\/deployments failed: 503 Service Unavailable: overloaded overloaded .{150,}… \(after 1 attempt\)$/,
      );
      expect(Date.now() - started).toBeLessThan(3_000);
    });
  });

  describe('a create answered with a success the client cannot use', () => {
    it.each([
      ['an empty body', '', /201 Created with an empty body/],
      ['truncated JSON', '{"id":"d1","na', /201 Created, but the reply is not JSON: \{"id":"d1","na/],
      ['an HTML page', '<html><body>Created</body></html>', /201 Created, but the reply is not JSON: Created/],
      ['JSON that is no deployment', '{"ok":true}', /201 Created, but unexpected reply at id: /],
    ])('is an unknown outcome for %s, to be looked up, not a plain failure', async (_, body, reason) => {
      const api = await serve((_req, res) => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(body);
      });
      const failure = await failureOf(api.createDeployment(create));
      expect(failure.name).toBe('OutcomeUnknownError');
      expect(failure.message).toMatch(reason);
      expect(failure.message).toMatch(
        /^POST \/workspaces\/ws\/deployments: outcome unknown \(.*\); it may have been applied, so look it up before sending it again$/,
      );
      expect(server?.requests).toEqual(['POST /workspaces/ws/deployments']);
    });

    it('is still a plain failure for a read', async () => {
      const api = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"d1","na');
      });
      expect(await failureOf(api.getDeployment('d1'))).toEqual({
        name: 'DeeployApiError',
        message: 'GET /workspaces/ws/deployments/d1 failed: 200 OK: the reply is not JSON: {"id":"d1","na',
      });
    });
  });

  describe('a redirect', () => {
    it.each(['GET', 'POST'])('on %s names its target and the settings to fix, and is never followed', async (method) => {
      const api = await serve((_req, res) => {
        res.writeHead(301, { location: `https://user:pw@login.example.com/sso/${SECRET}/start?token=abc#x` });
        res.end('<html>Moved</html>');
      });
      const failure = await failureOf(method === 'GET' ? api.listDeployments() : api.createDeployment(create));
      expect(failure).toEqual({
        name: 'DeeployConfigError',
        message: `${method} /workspaces/ws/deployments was answered with 301 Moved Permanently, a redirect to https://login.example.com/sso/[REDACTED]/start; redirects are not followed, as they would carry your keys: set host (DEEPLOY_HOST), or apiUrl (DEEPLOY_API_URL), and apiPrefix to the address of the Deeploy API itself`,
      });
      expect(server?.requests).toHaveLength(1);
    });

    it('without a Location says so', async () => {
      const api = await serve((_req, res) => {
        res.writeHead(302);
        res.end();
      });
      expect((await failureOf(api.listRepositories())).message).toMatch(
        /^GET \/workspaces\/ws\/repositories was answered with 302 Found, a redirect without a target; /,
      );
    });
  });
});
