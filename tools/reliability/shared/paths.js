/**
 * Where the reliability tests live and what they load. They drive the BUILT plugin and emulator
 * (packages/*\/dist), the code Nx runs for users: `npm run test:faults` builds first.
 * Nx workspaces for CLI runs go under the repository's tmp/ (git-ignored), so that Node resolves
 * `nx` and the workspace-linked `deeploy` package from the repository's node_modules.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const pluginDist = path.join(repoRoot, 'packages', 'deeploy', 'dist');
const emulatorDist = path.join(repoRoot, 'packages', 'deeploy-emulator', 'dist');
const repoTmp = path.join(repoRoot, 'tmp');
/** The nx CLI entry point, run with `node` directly (npx adds its own start-up). */
const nxBin = path.join(repoRoot, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');

function requireBuilt(dist, relative) {
  const file = path.join(dist, relative);
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(repoRoot, file)} is missing: run \`npm run build\` first (the reliability tests load the built packages)`);
  }
  return require(file);
}

/** A module of the built plugin, e.g. `plugin('executors/deploy/executor.js')`. */
const plugin = (relative) => requireBuilt(pluginDist, relative);
const emulator = () => requireBuilt(emulatorDist, 'index.js');

/** A fresh folder under the OS temp dir, resolved (git and the plugin compare real paths). */
function tempDir(prefix) {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** A fresh folder under the repository's tmp/, for Nx workspaces that must resolve the linked plugin. */
function repoTempDir(prefix) {
  fs.mkdirSync(repoTmp, { recursive: true });
  return fs.realpathSync(fs.mkdtempSync(path.join(repoTmp, prefix)));
}

module.exports = { repoRoot, pluginDist, emulatorDist, nxBin, plugin, emulator, tempDir, repoTempDir };
