/**
 * The hostile cases: what the server does and what the task must do about it. Each case names
 * the contracts deployed (several at once for a race) and whether the tasks must succeed (the
 * client recovers) or fail (with one clear line). Pure data and small reply functions.
 */
import type http from 'node:http';
import { stream, type HostileHandler } from './server';

/** One hostile case: what the server does (`hostile`) and what the tasks must do about it. */
export interface HostileCase {
  name: string;
  kind: 'echo' | 'huge' | 'malformed' | 'redirect' | 'race';
  expect: 'succeed' | 'fail';
  /** What the failure line must say. */
  line?: RegExp;
  /** The case's time limit (default hostile-test's CASE_MS). */
  maxMs?: number;
  flags?: Record<string, unknown>;
  /** The contracts deployed (default the first), each `runsPerContract` times at once. */
  contracts?: string[];
  runsPerContract?: number;
  /** The server stores a create whose name is taken under a new name instead of refusing it. */
  duplicateNames?: boolean;
  hostile: HostileHandler;
}

/** Where the failure line cuts the server's message. */
export const CUT = 200;
const LEAD = 'Credential received: ';

const is = (req: http.IncomingMessage, method: string, pathEnd: string): boolean =>
  req.method === method && new URL(req.url ?? '/', 'http://x').pathname.endsWith(pathEnd);

function reply(res: http.ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): true {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(body);
  return true;
}

/** How a server might echo a secret back. */
function echoesOf(secret: string, basic: string): Record<string, string> {
  const middle = Math.floor(secret.length / 2);
  return {
    whole: secret,
    'split by a tab': `${secret.slice(0, middle)}\t${secret.slice(middle)}`,
    'split by a line break': `${secret.slice(0, 5)}\n   ${secret.slice(5)}`,
    'HTML-escaped': secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'),
    'numeric entities': [...secret].map((c, i) => (i % 2 ? `&#${c.codePointAt(0)};` : `&#x${c.codePointAt(0)?.toString(16)};`)).join(''),
    'URL-encoded': encodeURIComponent(secret),
    'JSON-escaped': [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    'Basic header': `Authorization=Basic ${basic}`,
  };
}

/** `lengthOf` the echo, starting at offsets where it straddles the cut, ends at it, or starts just before it. */
function offsetsAroundTheCut(length: number): number[] {
  return [...new Set([CUT - length + 2, CUT - Math.floor(length / 2), CUT - 1])];
}

export function casesFor({
  secret,
  basic,
  trapUrl,
  contracts,
}: {
  secret: string;
  basic: string;
  trapUrl: string;
  contracts: readonly string[];
}): HostileCase[] {
  const [first, second] = contracts;
  const cases: HostileCase[] = [];

  // 1. Echoed secrets: whole, split, escaped, encoded, at the cut; in text, HTML and JSON; on a read and on a create.
  for (const [form, echo] of Object.entries(echoesOf(secret, basic))) {
    for (const offset of offsetsAroundTheCut(echo.length)) {
      const text = `${'.'.repeat(Math.max(0, offset - LEAD.length))}${LEAD}${echo} (your key)`;
      cases.push({
        name: `echo: ${form}, at offset ${offset} of the message`,
        kind: 'echo',
        expect: 'fail',
        hostile: (req, body, res) => is(req, 'GET', '/repositories') && reply(res, 500, text, { 'content-type': 'text/plain' }),
      });
    }
  }
  cases.push({
    name: 'echo: whole, in an HTML page',
    kind: 'echo',
    expect: 'fail',
    hostile: (req, body, res) =>
      is(req, 'GET', '/repositories') &&
      reply(res, 502, `<html><head><title>Bad gateway</title></head><body><pre>GET /x\nAuthorization: Basic ${basic}\nkey: ${secret}</pre></body></html>`),
  });
  cases.push({
    name: 'echo: in a JSON message refusing the create',
    kind: 'echo',
    expect: 'fail',
    hostile: (req, body, res) =>
      is(req, 'POST', '/deployments') &&
      reply(res, 400, JSON.stringify({ message: [`${'x'.repeat(CUT - 10)}${secret}`, `name ${secret}`] }), { 'content-type': 'application/json' }),
  });

  // 2. Huge and endless replies.
  const deployment = JSON.stringify({ id: '00000000-0000-4000-8000-000000000000', name: 'huge', workspaceId: 'w', status: 1 });
  cases.push({
    name: 'huge: a 100 MB list of deployments',
    kind: 'huge',
    expect: 'fail',
    line: /the reply is larger than 16 MB/,
    hostile: (req, body, res) => {
      if (!is(req, 'GET', '/deployments')) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      stream(res, `${deployment},`.repeat(500), 100 * 1024 * 1024, `${deployment}]`);
      return true;
    },
  });
  cases.push({
    name: 'huge: an endless list',
    kind: 'huge',
    expect: 'fail',
    line: /the reply is larger than/,
    hostile: (req, body, res) => {
      if (!is(req, 'GET', '/deployments')) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      stream(res, `${deployment},`.repeat(500));
      return true;
    },
  });
  cases.push({
    name: 'huge: an endless trickle (one byte every 50 ms) against the request timeout',
    kind: 'huge',
    expect: 'fail',
    line: /no complete reply within/,
    maxMs: 10_000,
    hostile: (req, body, res) => {
      if (!is(req, 'GET', '/deployments')) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 50);
      res.on('close', () => clearInterval(timer));
      return true;
    },
  });
  cases.push({
    name: 'huge: a 2 MB HTML error page',
    kind: 'huge',
    expect: 'fail',
    maxMs: 3_000,
    hostile: (req, body, res) => {
      if (!is(req, 'GET', '/repositories')) return false;
      res.writeHead(500, { 'content-type': 'text/html' });
      stream(res, '<div><p>upstream <b>error</b> &amp; <script>x<y</script></p></div>\n', 2 * 1024 * 1024, '</html>');
      return true;
    },
  });
  cases.push({
    name: 'huge: 2 MB of unclosed "<" as an error page',
    kind: 'huge',
    expect: 'fail',
    maxMs: 3_000,
    hostile: (req, body, res) => is(req, 'GET', '/repositories') && reply(res, 503, '<'.repeat(2 * 1024 * 1024)),
  });

  cases.push({
    name: 'huge: --wait meets a failed rollout whose reason is 150 KB with line breaks, workflow commands, terminal escapes and the key',
    kind: 'huge',
    expect: 'fail',
    flags: { wait: true, waitIntervalSeconds: 0.05 },
    line: /failed on Deeploy: \[REDACTED\] model failed to load .*…; fix the cause and deploy again$/,
    hostile: async (req, body, res, ctx) => {
      if (req.method !== 'GET' || !/\/deployments\/[^/]+$/.test(new URL(req.url ?? '/', 'http://x').pathname)) return false;
      const stored = JSON.parse((await ctx.forward()).body.toString('utf8'));
      const statusMessage = `${secret} ${'model failed to load '.repeat(7_500)}\n::error::injected\n\u001b[2J${secret}`;
      return reply(res, 200, JSON.stringify({ ...stored, status: 2, statusMessage }), { 'content-type': 'application/json' });
    },
  });

  // 3. Malformed replies.
  const malformedList: Record<string, string> = {
    'an HTML page': '<html><body>Login</body></html>',
    'truncated JSON': '[{"id":"d1","name":"x"',
    '200,000 nested "["': '['.repeat(200_000),
    '200,000 nested arrays, closed': `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
  };
  for (const [what, body] of Object.entries(malformedList)) {
    cases.push({
      name: `malformed: the list of deployments is ${what}`,
      kind: 'malformed',
      expect: 'fail',
      hostile: (req, _b, res) => is(req, 'GET', '/deployments') && reply(res, 200, body, { 'content-type': 'application/json' }),
    });
  }
  cases.push({
    name: 'malformed: an error nested 100,000 objects deep',
    kind: 'malformed',
    expect: 'fail',
    hostile: (req, body, res) =>
      is(req, 'GET', '/repositories') && reply(res, 500, `${'{"error":'.repeat(100_000)}"x"${'}'.repeat(100_000)}`, { 'content-type': 'application/json' }),
  });
  // A create the server stored but answered unusably: an unknown outcome, resolved by looking it up.
  const createReplies: Record<string, string> = {
    'an empty body': '',
    'truncated JSON': '{"id":"',
    'an HTML page': '<html>Created</html>',
    'JSON without an id': '{"ok":true}',
  };
  for (const [what, replacement] of Object.entries(createReplies)) {
    cases.push({
      name: `malformed: a stored create answered 201 with ${what}`,
      kind: 'malformed',
      expect: 'succeed',
      hostile: async (req, body, res, ctx) => {
        if (!is(req, 'POST', '/deployments')) return false;
        const stored = await ctx.forward();
        return reply(res, stored.status, stored.status === 201 ? replacement : stored.body, { 'content-type': 'application/json' });
      },
    });
  }

  // 4. Redirects: never followed (the trap must stay unasked), the target and the settings named.
  const target = `${trapUrl}/login/${encodeURIComponent(secret)}/start?next=${encodeURIComponent(secret)}`;
  cases.push({
    name: 'redirect: 302 on a read, to a page whose path holds the key',
    kind: 'redirect',
    expect: 'fail',
    line: new RegExp(`a redirect to ${trapUrl.replace(/[.]/g, '\\.')}/login/\\[REDACTED\\]/start; .*DEEPLOY_API_URL`),
    hostile: (req, body, res) => is(req, 'GET', '/repositories') && reply(res, 302, '', { location: target }),
  });
  cases.push({
    name: 'redirect: 307 on the create',
    kind: 'redirect',
    expect: 'fail',
    line: /a redirect to .*apiPrefix/,
    hostile: (req, body, res) => is(req, 'POST', '/deployments') && reply(res, 307, '', { location: `${trapUrl}/v2/deployments` }),
  });
  cases.push({
    name: 'redirect: 301 from http to https (a base URL with the wrong scheme)',
    kind: 'redirect',
    expect: 'fail',
    line: /a redirect to https:\/\/127\.0\.0\.1/,
    hostile: (req, body, res) => reply(res, 301, '', { location: `https://127.0.0.1:1${req.url}` }),
  });

  // 5. Create races: two runs of the same contracts at once. The loser must adopt the winner's deployment.
  cases.push({
    name: 'race: two deploys of two contracts at once, server refusing duplicate names (409)',
    kind: 'race',
    expect: 'succeed',
    contracts: [first, second],
    runsPerContract: 2,
    hostile: () => false,
  });
  cases.push({
    name: 'race: two deploys of two contracts at once, server allowing duplicate names',
    kind: 'race',
    expect: 'succeed',
    contracts: [first, second],
    runsPerContract: 2,
    duplicateNames: true,
    hostile: () => false,
  });
  return cases;
}
