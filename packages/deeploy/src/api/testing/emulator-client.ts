/**
 * Test helper: a real emulator on loopback and a client pointed at it, with retry delays kept
 * small so fault tests stay fast.
 */
import { defaultSeed, startEmulator, type EmulatorOptions, type EmulatorSeed, type RunningEmulator } from 'deeploy-emulator';
import type { DeeployAuth } from '../auth';
import { resolveApiBaseUrl } from '../base-url';
import { createDeeployClient, type DeeployClient, type DeeployClientConfig } from '../client';

export interface EmulatorAndClient {
  emulator: RunningEmulator;
  client: DeeployClient;
  seed: EmulatorSeed;
  workspaceId: string;
  repositoryId: string;
  /** Retry notices the client logged. */
  logLines: string[];
  /** Another client on the same emulator, e.g. with a token. */
  clientWith(overrides: Partial<DeeployClientConfig>): DeeployClient;
  stop(): Promise<void>;
}

export const FAST_RETRIES: Partial<DeeployClientConfig> = {
  requestTimeoutMs: 2_000,
  deadlineMs: 10_000,
  writeTimeoutMs: 5_000,
  maxRetries: 4,
  retryBaseDelayMs: 5,
  maxRetryAfterMs: 2_000,
};

export async function emulatorAndClient(
  options: EmulatorOptions & { apiPrefix?: string } = {},
  overrides: Partial<DeeployClientConfig> = {},
): Promise<EmulatorAndClient> {
  const seed = options.seed ?? defaultSeed();
  const emulator = await startEmulator({ readyDelayMs: 0, ...options, seed });
  const workspaceId = seed.workspaces[0].id;
  const repositoryId = seed.workspaces[0].repositories[0].id as string;
  const basic: DeeployAuth = { kind: 'basic', accessKey: seed.credentials.accessKey, secretKey: seed.credentials.secretKey };
  const logLines: string[] = [];
  const clients: DeeployClient[] = [];
  const clientWith = (more: Partial<DeeployClientConfig>) => {
    const client = createDeeployClient({
      baseUrl: resolveApiBaseUrl({ apiUrl: emulator.url, apiPrefix: options.apiPrefix }),
      workspaceId,
      auth: basic,
      log: (line) => logLines.push(line),
      ...FAST_RETRIES,
      ...overrides,
      ...more,
    });
    clients.push(client);
    return client;
  };
  const client = clientWith({});
  return {
    emulator,
    client,
    seed,
    workspaceId,
    repositoryId,
    logLines,
    clientWith,
    async stop() {
      await Promise.all(clients.map((c) => c.close()));
      await emulator.stop();
    },
  };
}

/** What a user would notice of a failure: its class name and message (or "resolved"). */
export async function failureOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
    return { name: 'resolved', message: '' };
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
}
