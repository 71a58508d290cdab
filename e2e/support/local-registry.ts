/**
 * A loopback npm registry for the e2e suite, so the workspace installs the packed plugin exactly
 * as users will from npm: `npm i -D deeploy@npm:nx-deeploy` (the alias) and `nx add nx-deeploy`
 * (the published name). It serves our own tarballs under their package names and passes every
 * other request through to the registry npm is configured with (the real one), so Nx and the rest
 * install as usual.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';

export interface LocalPackage {
  /** Path of a tarball made by `npm pack`. */
  tarball: string;
  /** Its package.json. */
  manifest: { name: string; version: string } & Record<string, unknown>;
}

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/`, for `npm_config_registry`. */
  url: string;
  /** Package names the workspace asked this registry about (ours or passed through). */
  requested: Set<string>;
  stop(): Promise<void>;
}

function packument(pkg: LocalPackage, baseUrl: string) {
  const data = readFileSync(pkg.tarball);
  const file = basename(pkg.tarball);
  const { name, version } = pkg.manifest;
  return {
    name,
    'dist-tags': { latest: version },
    versions: {
      [version]: {
        ...pkg.manifest,
        _id: `${name}@${version}`,
        dist: {
          tarball: `${baseUrl}${name}/-/${file}`,
          shasum: createHash('sha1').update(data).digest('hex'),
          integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`,
        },
      },
    },
  };
}

async function passThrough(upstream: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Appended to the upstream URL, never resolved against it: a request cannot name another host.
  const reply = await fetch(`${upstream.replace(/\/$/, '')}${req.url ?? '/'}`, {
    headers: { accept: req.headers.accept ?? 'application/json' },
  });
  const body = Buffer.from(await reply.arrayBuffer());
  res.writeHead(reply.status, { 'content-type': reply.headers.get('content-type') ?? 'application/json', 'content-length': body.length });
  res.end(body);
}

export async function startLocalRegistry(packages: LocalPackage[], upstream = 'https://registry.npmjs.org/'): Promise<LocalRegistry> {
  const byName = new Map(packages.map((pkg) => [pkg.manifest.name, pkg]));
  const requested = new Set<string>();
  let baseUrl = '';
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\//, '');
    const [first, second] = path.split('/');
    const name = first.startsWith('@') ? `${first}/${second}` : first;
    requested.add(name);
    const own = byName.get(name);
    if (own && path.includes('/-/')) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(readFileSync(own.tarball));
    } else if (own) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(packument(own, baseUrl)));
    } else {
      passThrough(upstream, req, res).catch((error: Error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`local registry: ${error.message}`);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: baseUrl,
    requested,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
