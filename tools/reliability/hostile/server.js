/**
 * The hostile section's own server on loopback: a Deeploy that answers some requests the way a
 * broken proxy, a misconfigured gateway or an attacker would (echoing the credentials, sending
 * huge, endless, malformed or redirecting replies) and passes the rest to the emulator, so that
 * a task gets far enough to meet the hostile reply. Also a "trap": the address redirects point
 * to, which must never be asked anything.
 */
const http = require('node:http');

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

function close(server) {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Sends the request on to `upstream` and resolves with its reply: `{ status, headers, body }`. */
function forward(upstream, req, body) {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: new URL(upstream).host, 'content-length': String(body.length) };
    const out = http.request(`${upstream}${req.url}`, { method: req.method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

/** Writes `chunk` again and again (as fast as the client reads) until `total` bytes, or forever, or the client goes. */
function stream(res, chunk, total = Infinity, last = '') {
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end(last);
  };
  pump();
}

/**
 * `hostile(req, body, ctx)` answers a request itself (and returns true) or leaves it to the
 * emulator; `ctx.forward(body?)` gives it the emulator's reply to change. Requests are recorded.
 */
async function startHostileServer(upstream, hostile) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method, path: req.url });
      res.on('error', () => undefined);
      try {
        const ctx = { forward: (replaced = body) => forward(upstream, req, replaced) };
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
async function startTrap() {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method, path: req.url, authorization: req.headers.authorization !== undefined });
    res.writeHead(404);
    res.end();
  });
  const url = await listen(server);
  return { url, requests, close: () => close(server) };
}

module.exports = { startHostileServer, startTrap, stream };
