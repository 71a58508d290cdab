/**
 * The Deeploy emulator as tests, the demo and the benchmarks start it: in this process, on a free
 * loopback port, seeded with one workspace whose repository is the test repository's bare `origin`
 * (so the emulator reads the contracts at the deployed commit, as Deeploy would), deployments ready
 * at once. And the ONE reading of its request log: which requests changed something.
 */
import type { EmulatorOptions, EmulatorSeed, EmulatorState, LoggedRequest, RunningEmulator, SeedRepository, StoredDeployment } from 'deeploy-emulator';

export const TEST_WORKSPACE_ID = '0b7e2c1a-5d4f-4a3b-9c8d-1e2f3a4b5c6d';
export const TEST_REPOSITORY_ID = '6c5d4e3f-2a1b-4c9d-8e7f-0a1b2c3d4e5f';
export const TEST_ACCESS_KEY = 'test-access-key';
/** Distinctive, so a test can prove it never shows up in any output. */
export const TEST_SECRET_KEY = 'test-secret-key-must-never-be-printed';

export interface TestSeedOptions {
  /** The bare repository the one Deeploy repository points at. */
  remotePath?: string;
  /** Instead of one repository at `remotePath`. */
  repositories?: SeedRepository[];
  workspaceId?: string;
  workspaceName?: string;
  repositoryName?: string;
  accessKey?: string;
  secretKey?: string;
}

/** One workspace, one repository (or `repositories`), one key pair. */
export function testSeed(options: TestSeedOptions = {}): EmulatorSeed {
  const repositories = options.repositories ?? [
    { id: TEST_REPOSITORY_ID, name: options.repositoryName ?? 'models', remotePath: options.remotePath ?? 'git@github.com:acme/models.git' },
  ];
  return {
    credentials: { accessKey: options.accessKey ?? TEST_ACCESS_KEY, secretKey: options.secretKey ?? TEST_SECRET_KEY },
    workspaces: [{ id: options.workspaceId ?? TEST_WORKSPACE_ID, name: options.workspaceName ?? 'test', repositories }],
  };
}

/** Starts the emulator in this process on 127.0.0.1:<free port>, deployments ready at once unless `options` say otherwise. */
export async function startTestEmulator(seed: EmulatorSeed, options: Omit<EmulatorOptions, 'seed'> = {}): Promise<RunningEmulator> {
  // Loaded when first needed, so that importing tools/support works before a build and
  // requireBuilt() can say what is missing.
  const { startEmulator } = await import('deeploy-emulator');
  return startEmulator({ port: 0, readyDelayMs: 0, ...options, seed });
}

/** The DEEPLOY_* settings that point the plugin at `emulator` with the seed's first workspace and keys. */
export function deeployEnvFor(emulator: Pick<RunningEmulator, 'url'>, seed: EmulatorSeed): Record<string, string> {
  const { credentials, workspaces } = seed;
  if (!credentials?.accessKey || !credentials.secretKey || !workspaces[0]?.id) throw new Error('deeployEnvFor: the seed needs credentials and a workspace id');
  return {
    DEEPLOY_API_URL: emulator.url,
    DEEPLOY_WORKSPACE_ID: workspaces[0].id,
    DEEPLOY_ACCESS_KEY: credentials.accessKey,
    DEEPLOY_SECRET_KEY: credentials.secretKey,
  };
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * THE definition of a write request: one that could change Deeploy's state (create, update,
 * upload), whatever its answer; requests to the emulator's own admin paths are not Deeploy's.
 */
export function isWriteRequest(request: Pick<LoggedRequest, 'method' | 'path'>): boolean {
  return !READ_METHODS.has(request.method.toUpperCase()) && !request.path.startsWith('/__emulator');
}

export function writesIn(log: readonly LoggedRequest[]): LoggedRequest[] {
  return log.filter(isWriteRequest);
}

/** `PATCH /workspaces/<ws>/deployments/<id>` → `<id>`; a create (`POST .../deployments`) → `undefined`. */
export function deploymentIdOf(request: Pick<LoggedRequest, 'path'>): string | undefined {
  return /\/deployments\/([^/?]+)/.exec(request.path)?.[1];
}

/** One line per request, for failure messages: `PATCH /workspaces/…/deployments/… → 200`. */
export function describeRequests(log: readonly LoggedRequest[]): string {
  return log.map((r) => `${r.method} ${r.path} → ${r.status}`).join('\n') || '(no requests)';
}

export function deploymentsOf(state: EmulatorState, workspaceId: string = TEST_WORKSPACE_ID): StoredDeployment[] {
  return state.workspaces.find((workspace) => workspace.id === workspaceId)?.deployments ?? [];
}

/** contractPath → deployment, of the workspace's deployments. */
export function deploymentsByContract(state: EmulatorState, workspaceId: string = TEST_WORKSPACE_ID): Map<string, StoredDeployment> {
  return new Map(deploymentsOf(state, workspaceId).map((d) => [d.activeVersion.contractPath, d]));
}

/** The deployment whose active version deploys `contractPath`; fails when there is not exactly one. */
export function deploymentAt(state: EmulatorState, workspaceId: string, contractPath: string): StoredDeployment {
  const matches = deploymentsOf(state, workspaceId).filter((d) => d.activeVersion.contractPath === contractPath);
  if (matches.length !== 1) {
    throw new Error(`expected one deployment with contractPath "${contractPath}", found ${matches.length}`);
  }
  return matches[0];
}

/**
 * Starts the test emulator whose one repository is `ws`'s bare origin, and points `ws`'s nx
 * commands at it (its `deeployEnv`). Stop it with `emulator.stop()`.
 */
export async function startEmulatorFor(
  ws: { originPath: string; deeployEnv: Record<string, string> },
  options: Omit<EmulatorOptions, 'seed'> = {},
): Promise<RunningEmulator> {
  const seed = testSeed({ remotePath: ws.originPath });
  const emulator = await startTestEmulator(seed, options);
  ws.deeployEnv = deeployEnvFor(emulator, seed);
  return emulator;
}
