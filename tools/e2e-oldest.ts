/**
 * The core e2e flow on the oldest supported Nx, as `npm test` runs it (the full story runs on the
 * newest in e2e/deeploy.e2e.spec.ts): installed plainly (`nx add nx-deeploy`, the other way the
 * README gives), then `nx migrate` to the newest supported Nx with the plugin installed.
 *
 *   node -r ./tools/register-ts.js tools/e2e-oldest.ts
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support';

/** The newest patch of the oldest minor in the plugin's nx peer range. */
const OLDEST_NX = '22.0.4';
/** The Nx this repository develops on: the newest supported. */
const NEWEST_NX: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).devDependencies.nx;

// jest runs the e2e specs, which start every workspace command from tools/support's clean environment.
const child = spawn(process.execPath, [require.resolve('jest/bin/jest', { paths: [REPO_ROOT] }), '--config', 'e2e/jest.compat.config.js', '--runInBand'], {
  cwd: REPO_ROOT,
  env: { ...process.env, DEEPLOY_E2E_NX_VERSION: OLDEST_NX, DEEPLOY_E2E_INSTALL: 'plain', DEEPLOY_E2E_MIGRATE_TO: NEWEST_NX },
  stdio: 'inherit',
});
child.on('close', (code) => {
  process.exitCode = code ?? 1;
});
