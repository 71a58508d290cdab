/**
 * The emulator as the e2e workspaces need it: one Deeploy workspace whose one repository is the
 * test workspace's `origin` (so the emulator reads the contracts at the deployed commit, as
 * Deeploy would), deployments ready at once, and the workspace's nx commands pointed at it.
 */
import { startEmulator } from 'deeploy-emulator';
import type { RunningEmulator } from 'deeploy-emulator';
import type { TestWorkspace } from './test-workspace';

export const WORKSPACE_ID = '0b7e2c1a-5d4f-4a3b-9c8d-1e2f3a4b5c6d';
export const REPOSITORY_ID = '6c5d4e3f-2a1b-4c9d-8e7f-0a1b2c3d4e5f';
export const ACCESS_KEY = 'e2e-access-key';
/** Distinctive, so a test can prove it never shows up in any output. */
export const SECRET_KEY = 'e2e-secret-key-must-never-be-printed';

export async function startEmulatorFor(ws: TestWorkspace): Promise<RunningEmulator> {
  const emulator = await startEmulator({
    port: 0,
    readyDelayMs: 0,
    seed: {
      credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
      workspaces: [{ id: WORKSPACE_ID, repositories: [{ id: REPOSITORY_ID, name: 'ml-models', remotePath: ws.originPath }] }],
    },
  });
  ws.deeployEnv = {
    DEEPLOY_API_URL: emulator.url,
    DEEPLOY_WORKSPACE_ID: WORKSPACE_ID,
    DEEPLOY_ACCESS_KEY: ACCESS_KEY,
    DEEPLOY_SECRET_KEY: SECRET_KEY,
  };
  return emulator;
}
