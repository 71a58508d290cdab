/**
 * Where the reliability tests live and where their throwaway folders go. They drive the BUILT
 * plugin and emulator (`nx-deeploy/dist/...`, `deeploy-emulator`), the code Nx runs for users:
 * `npm run test:faults` builds first.
 * Nx workspaces for CLI runs go under the repository's tmp/ (git-ignored), so that Node resolves
 * `nx` and the workspace-linked `deeploy` package from the repository's node_modules.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
const repoTmp = path.join(repoRoot, 'tmp');
/** The nx CLI entry point, run with `node` directly (npx adds its own start-up). */
export const nxBin = require.resolve('nx/bin/nx.js');

/**
 * Why the built packages cannot be loaded (one line naming the fix), or undefined when they can.
 * Checked before any suite loads them, so a missing build is not a module-resolution stack trace.
 */
export function missingBuild(): string | undefined {
  for (const entry of ['nx-deeploy/dist/index.js', 'deeploy-emulator/dist/index.js']) {
    try {
      require.resolve(entry);
    } catch {
      return `${entry} is missing: run \`npm run build\` first (the reliability tests load the built packages)`;
    }
  }
  return undefined;
}

/** A fresh folder under the OS temp dir, resolved (git and the plugin compare real paths). */
export function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** A fresh folder under the repository's tmp/, for Nx workspaces that must resolve the linked plugin. */
export function repoTempDir(prefix: string): string {
  fs.mkdirSync(repoTmp, { recursive: true });
  return fs.realpathSync(fs.mkdtempSync(path.join(repoTmp, prefix)));
}
