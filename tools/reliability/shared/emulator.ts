/**
 * The Deeploy emulator as the tests start it: one workspace whose repository is the test
 * repository's bare `origin`, so deployments are read from git as Deeploy reads them.
 */
import {
  startEmulator,
  type EmulatorCredentials,
  type EmulatorOptions,
  type LoggedRequest,
  type RunningEmulator,
  type SeedRepository,
  type StoredDeployment,
} from 'deeploy-emulator';

export const WORKSPACE_ID = '6d1f3a52-0c4e-4b7a-9f21-3e5d7c9a1b20';
export const REPOSITORY_ID = '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';
export const CREDENTIALS: EmulatorCredentials = { accessKey: 'reliability-access-key', secretKey: 'reliability-secret-key' };

/**
 * `repositories` defaults to one repository named `models` at `remotePath`.
 * Other options go to `startEmulator` (dataFile, faults, readyDelayMs, …).
 */
export async function startSeededEmulator({
  remotePath,
  repositories,
  credentials = CREDENTIALS,
  ...options
}: { remotePath: string; repositories?: SeedRepository[]; credentials?: EmulatorCredentials } & Omit<EmulatorOptions, 'seed'>): Promise<RunningEmulator> {
  return startEmulator({
    port: 0,
    readyDelayMs: 0,
    seed: {
      credentials,
      workspaces: [{ id: WORKSPACE_ID, name: 'reliability', repositories: repositories ?? [{ id: REPOSITORY_ID, name: 'models', remotePath }] }],
    },
    ...options,
  });
}

export function deploymentsOf(emulator: RunningEmulator): StoredDeployment[] {
  return emulator.state().workspaces.find((w) => w.id === WORKSPACE_ID)?.deployments ?? [];
}

/** Requests that change something on the server. */
export function writesOf(log: readonly LoggedRequest[]): LoggedRequest[] {
  return log.filter((entry) => entry.method !== 'GET');
}
