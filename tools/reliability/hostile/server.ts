/**
 * The hostile section's own server on loopback: a Deeploy that answers some requests the way a
 * broken proxy, a misconfigured gateway or an attacker would (echoing the credentials, sending
 * huge, endless, malformed or redirecting replies) and passes the rest to the emulator, so that
 * a task gets far enough to meet the hostile reply. Also a "trap": the address redirects point
 * to, which must never be asked anything.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The emulator's reply to a forwarded request. */
export interface ForwardedReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** What a hostile handler gets besides the request: the emulator's reply, on demand (`body` replaces the request's). */
export interface HostileContext {
  forward(body?: Buffer): Promise<ForwardedReply>;
}

/** Answers a request itself (true) or leaves it to the emulator (false). */
export type HostileHandler = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse, ctx: HostileContext) => boolean | Promise<boolean>;

/** A server of the hostile section: its URL, the requests it was sent, and how to stop it. */
export interface RecordingServer<R> {
  url: string;
  requests: R[];
  close(): Promise<void>;
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Sends the request on to `upstream` and resolves with its reply: `{ status, headers, body }`. */
function forward(upstream: string, req: http.IncomingMessage, body: Buffer): Promise<ForwardedReply> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: new URL(upstream).host, 'content-length': String(body.length) };
    const out = http.request(`${upstream}${req.url}`, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

/** Writes `chunk` again and again (as fast as the client reads) until `total` bytes, or forever, or the client goes. */
export function stream(res: http.ServerResponse, chunk: string, total = Infinity, last = ''): void {
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end(last);
  };
  pump();
}

/**
 * `hostile(req, body, res, ctx)` answers a request itself (and returns true) or leaves it to the
 * emulator; `ctx.forward(body?)` gives it the emulator's reply to change. Requests are recorded.
 */
export async function startHostileServer(upstream: string, hostile: HostileHandler): Promise<RecordingServer<{ method?: string; path?: string }>> {
  const requests: { method?: string; path?: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method, path: req.url });
      res.on('error', () => undefined);
      try {
        const ctx: HostileContext = { forward: (replaced = body) => forward(upstream, req, replaced) };
        if (await hostile(req, body, res, ctx)) return;
        const reply = await ctx.forward();
        res.writeHead(reply.status, { 'content-type': reply.headers['content-type'] ?? 'application/json' });
        res.end(reply.body);
      } catch (error) {
        if (!res.headersSent) res.writeHead(599);
        res.end(String(error));
      }
    });
  });
  const url = await listen(server);
  return { url, requests, close: () => close(server) };
}

/** Where redirects point: records every request (none may come) and answers 404. */
export async function startTrap(): Promise<RecordingServer<{ method?: string; path?: string; authorization: boolean }>> {
  const requests: { method?: string; path?: string; authorization: boolean }[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method, path: req.url, authorization: req.headers.authorization !== undefined });
    res.writeHead(404);
    res.end();
  });
  const url = await listen(server);
  return { url, requests, close: () => close(server) };
}
