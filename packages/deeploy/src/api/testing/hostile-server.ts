/**
 * Test helper: a plain HTTP server on loopback that answers however a test tells it to (huge,
 * endless, malformed or redirecting replies), recording what it was asked.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileServer {
  url: string;
  /** `METHOD path` of each request, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startHostileServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<HostileServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes `chunk` again and again, as fast as the client reads, until `total` bytes (or forever) or the client goes. */
export function stream(res: ServerResponse, chunk: string, total = Infinity, then = ''): void {
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end(then);
  };
  res.on('error', () => undefined);
  pump();
}
