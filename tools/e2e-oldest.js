#!/usr/bin/env node
/**
 * The core e2e flow on the oldest supported Nx, as `npm test` runs it (the full story runs on the
 * newest in e2e/deeploy.e2e.spec.ts): installed plainly (`nx add nx-deeploy`, the other way the
 * README gives), then `nx migrate` to the newest supported Nx with the plugin installed.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
/** The newest patch of the oldest minor in the plugin's nx peer range. */
const OLDEST_NX = '22.0.4';
/** The Nx this repository develops on: the newest supported. */
const NEWEST_NX = require(path.join(ROOT, 'package.json')).devDependencies.nx;

const child = spawn(process.execPath, [require.resolve('jest/bin/jest', { paths: [ROOT] }), '--config', 'e2e/jest.compat.config.js', '--runInBand'], {
  cwd: ROOT,
  env: { ...process.env, DEEPLOY_E2E_NX_VERSION: OLDEST_NX, DEEPLOY_E2E_INSTALL: 'plain', DEEPLOY_E2E_MIGRATE_TO: NEWEST_NX },
  stdio: 'inherit',
});
child.on('close', (code) => {
  process.exitCode = code ?? 1;
});
