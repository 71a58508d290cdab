/**
 * Where things are. Tools and tests that drive the BUILT plugin and emulator (what Nx runs for
 * users) check that the build exists first and say how to make it.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
/** The repository's git-ignored tmp/: workspaces here resolve `nx` and the linked plugin from the repository's node_modules. */
export const REPO_TMP = join(REPO_ROOT, 'tmp');
export const PLUGIN_DIR = join(REPO_ROOT, 'packages', 'deeploy');
export const EMULATOR_DIR = join(REPO_ROOT, 'packages', 'deeploy-emulator');
/** The require hook that runs tools/*.ts (see tsNodeArgs). */
export const REGISTER_TS = join(REPO_ROOT, 'tools', 'register-ts.js');

/**
 * Throws one line naming the missing build and the command that makes it, when `packages/<dir>/dist`
 * lacks its entry point. `why` says who needs it (`the benchmarks load the built plugin`).
 */
export function requireBuilt(why: string, packageDirs: readonly string[] = [PLUGIN_DIR, EMULATOR_DIR]): void {
  for (const dir of packageDirs) {
    const entry = join(dir, 'dist', 'index.js');
    if (!existsSync(entry)) throw new Error(`${relative(REPO_ROOT, join(dir, 'dist'))} is missing: run \`npm run build\` first (${why})`);
  }
}

/** A fresh folder under the OS temp dir, resolved (git and the plugin compare real paths). */
export function tempDir(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/** A fresh folder under the repository's tmp/, for Nx workspaces that use the linked plugin and the repository's nx. */
export function repoTempDir(prefix: string): string {
  mkdirSync(REPO_TMP, { recursive: true });
  return realpathSync(mkdtempSync(join(REPO_TMP, prefix)));
}

/** `node` arguments that run the TypeScript file `script` (a child process needs the same require hook). */
export function tsNodeArgs(script: string, args: readonly string[] = []): string[] {
  return ['-r', REGISTER_TS, script, ...args];
}
