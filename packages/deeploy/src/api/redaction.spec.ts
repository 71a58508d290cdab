import { randomUUID } from 'node:crypto';
import type { EmulatorSeed } from 'deeploy-emulator';
import { resolveApiBaseUrl } from './base-url';
import { emulatorAndClient, failureOf, type EmulatorAndClient } from './testing/emulator-client';

// Distinctive values with characters that change under URL and base64 encoding.
const ACCESS = 'canary-access-7Q2+x/=';
const SECRET = 'canary-secret-9Z8/y+=';
const TOKEN = 'canary-token-4K5.jwt+/';
const BASIC = Buffer.from(`${ACCESS}:${SECRET}`).toString('base64');
const FORMS = [ACCESS, SECRET, TOKEN, BASIC, encodeURIComponent(ACCESS), encodeURIComponent(SECRET), encodeURIComponent(TOKEN)];

const seed: EmulatorSeed = {
  credentials: { accessKey: ACCESS, secretKey: SECRET, tokens: [TOKEN] },
  workspaces: [
    {
      id: '5c0f4e2a-1b3d-4e6f-8a9b-0c1d2e3f4a5b',
      repositories: [{ id: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d', name: 'models', remotePath: 'git@example.com:acme/models.git' }],
    },
  ],
};

/** A gateway page that echoes the request, credentials included, as badly configured ones do. */
const echo = `<html><body>Authorization: Basic ${BASIC}\nkey=${ACCESS} secret=${SECRET} token=${TOKEN} url=?k=${encodeURIComponent(SECRET)}</body></html>`;

describe('no secret ever reaches an error message or a log line', () => {
  let env: EmulatorAndClient;
  beforeEach(async () => {
    env = await emulatorAndClient({ seed });
  });
  afterEach(() => env.stop());

  it('holds for every failure the client can report', async () => {
    const bearer = env.clientWith({ auth: { kind: 'bearer', token: TOKEN } });
    const body = { name: 'churn', repositoryId: env.repositoryId, branchName: 'main', modelType: 2 };
    const messages: string[] = [];
    const record = async (promise: Promise<unknown>) => {
      const failure = await failureOf(promise);
      expect(failure.name).not.toBe('resolved');
      messages.push(failure.message);
    };

    // A server that echoes credentials in an HTML page, retried (log lines) and then final.
    env.emulator.setFaults({ serverErrors: { count: 10, status: 503, body: echo } });
    await record(env.client.listDeployments());
    // The same echo in JSON `message` and `detail` fields.
    env.emulator.setFaults({ serverErrors: { count: 1, status: 500, contentType: 'application/json', body: JSON.stringify({ message: echo }) } });
    await record(env.client.listRepositories());
    env.emulator.setFaults({ serverErrors: { count: 1, status: 500, contentType: 'application/json', body: JSON.stringify({ detail: `token ${TOKEN}` }) } });
    await record(bearer.listDeployments());
    // A POST whose outcome is unknown, with an echoing gateway.
    env.emulator.setFaults({ serverErrors: { count: 1, status: 502, body: echo, method: 'POST' } });
    await record(env.client.createDeployment(body));
    // Timeouts, dropped connections, wrong credentials, token-only refusals, bad bodies.
    env.emulator.setFaults({ slowReply: { count: 1, delayMs: 5_000 } });
    await record(env.clientWith({ requestTimeoutMs: 50, maxRetries: 0 }).getDeployment(randomUUID()));
    env.emulator.setFaults({ dropConnection: { count: 1 } });
    await record(env.client.uploadArtifact(env.repositoryId, { uploadId: randomUUID(), folderPath: 'm', fileName: 'model.bin', content: Buffer.from(SECRET) }));
    env.emulator.setFaults({});
    await record(env.clientWith({ auth: { kind: 'basic', accessKey: ACCESS, secretKey: `${SECRET}-wrong` } }).listRepositories());
    await record(env.clientWith({ auth: { kind: 'bearer', token: `${TOKEN}-wrong` } }).listDeployments());
    await record(bearer.createDeployment(body));
    await record(env.client.createDeployment({ ...body, name: SECRET, modelType: 99 }));
    await record(
      Promise.resolve().then(() => resolveApiBaseUrl({ apiUrl: `https://${encodeURIComponent(ACCESS)}:${encodeURIComponent(SECRET)}@api.example.com` })),
    );

    expect(messages).toHaveLength(11);
    expect(env.logLines.length).toBeGreaterThan(0);
    for (const line of [...messages, ...env.logLines]) {
      for (const form of FORMS) expect(line).not.toContain(form);
    }
    // The echo still reads as the server's words, with the secrets masked.
    expect(messages[0]).toContain('Authorization: [REDACTED]');
  });

  it('holds for the emulator request log too', async () => {
    await env.client.createDeployment({ name: 'churn', repositoryId: env.repositoryId, branchName: 'main', modelType: 2 });
    await env.clientWith({ auth: { kind: 'bearer', token: TOKEN } }).listDeployments();
    const log = JSON.stringify(env.emulator.requestLog());
    for (const form of FORMS) expect(log).not.toContain(form);
  });
});
