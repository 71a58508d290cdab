/**
 * The Deeploy emulator as the tests start it: one workspace whose repository is the test
 * repository's bare `origin`, so deployments are read from git as Deeploy reads them.
 */
const { emulator: loadEmulator } = require('./paths');

const WORKSPACE_ID = '6d1f3a52-0c4e-4b7a-9f21-3e5d7c9a1b20';
const REPOSITORY_ID = '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';
const CREDENTIALS = { accessKey: 'reliability-access-key', secretKey: 'reliability-secret-key' };

/**
 * `repositories` defaults to one repository named `models` at `remotePath`.
 * Other options go to `startEmulator` (dataFile, faults, readyDelayMs, …).
 */
async function startSeededEmulator({ remotePath, repositories, credentials = CREDENTIALS, ...options }) {
  const { startEmulator } = loadEmulator();
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

function deploymentsOf(emulator) {
  return emulator.state().workspaces.find((w) => w.id === WORKSPACE_ID)?.deployments ?? [];
}

/** Requests that change something on the server. */
function writesOf(log) {
  return log.filter((entry) => entry.method !== 'GET');
}

module.exports = { startSeededEmulator, deploymentsOf, writesOf, WORKSPACE_ID, REPOSITORY_ID, CREDENTIALS };
