/**
 * Test helper: an Nx workspace in a temp git repository (with a bare `origin`) that loads the
 * built `deeploy` plugin, as a CI job sees it after checkout and `npm ci`.
 *
 * Instead of running `npm ci` (which needs the registry), node_modules is laid out the way it
 * would leave it: `nx` and `deeploy` linked from this monorepo's install (their own dependencies
 * resolve from there), and `.bin/` entries for `nx` and `deeploy-ci`. The `deeploy-ci` entry is a
 * small shell shim rather than npm's symlink, because npm marks the bin file executable on install
 * and the build output here is not.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTempRepo, type TempRepo } from '../../../git/testing/temp-repo';

export const MONOREPO_ROOT = resolve(__dirname, '../../../../../..');
const PLUGIN_ROOT = join(MONOREPO_ROOT, 'packages/deeploy');

/** The built files the workspace runs; a clear error instead of an Nx stack trace when absent. */
export function assertPluginBuilt(): void {
  const needed = [
    'dist/generators/ci/generator.js',
    'dist/generators/ci/files',
    'dist/cli/deeploy-ci.js',
    'dist/executors/deploy/executor.js',
    'dist/index.js',
  ];
  const missing = needed.filter((file) => !existsSync(join(PLUGIN_ROOT, file)));
  if (missing.length > 0) {
    throw new Error(`packages/deeploy is not built (missing ${missing.join(', ')}); run \`npm run build\` in ${MONOREPO_ROOT} first.`);
  }
}

export function createPipelineWorkspace(nxJson: unknown): TempRepo {
  const repo = createTempRepo('deeploy-ci-pipeline-');
  const modules = join(repo.dir, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  symlinkSync(join(MONOREPO_ROOT, 'node_modules/nx'), join(modules, 'nx'), 'dir');
  symlinkSync(PLUGIN_ROOT, join(modules, 'deeploy'), 'dir');
  symlinkSync('../nx/dist/bin/nx.js', join(modules, '.bin/nx'));
  const shim = join(modules, '.bin/deeploy-ci');
  writeFileSync(shim, `#!/bin/sh\nexec node "${join(PLUGIN_ROOT, 'dist/cli/deeploy-ci.js')}" "$@"\n`);
  chmodSync(shim, 0o755);

  repo.writeJson('package.json', { name: 'pipeline-test-models', private: true, devDependencies: { deeploy: '0.1.0', nx: installedNxVersion() } });
  repo.writeJson('nx.json', nxJson);
  repo.write('.gitignore', 'node_modules/\n.nx/\n.deeploy/\n');
  return repo;
}

/** The nx the workspace links to: this monorepo's own. */
function installedNxVersion(): string {
  return (JSON.parse(readFileSync(join(MONOREPO_ROOT, 'node_modules/nx/package.json'), 'utf8')) as { version: string }).version;
}

/** A docker contract, the simplest kind that deploys without any extra setting. */
export function writeDockerContract(repo: TempRepo, folder: string, image: string): void {
  repo.writeJson(`${folder}/model/reference.json`, { reference: { docker: { image, uri: '/v1/models/model:predict', port: 8080 } } });
}

/** Runs a command in the workspace (async: an emulator may be serving from this process). */
export function runIn(cwd: string, file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(file, [...args], { cwd, env, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}
