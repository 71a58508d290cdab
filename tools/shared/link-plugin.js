/**
 * Makes this repository's plugin (packages/deeploy, published as nx-deeploy) resolvable as
 * `deeploy` from a throwaway workspace, as `npm i -D deeploy@npm:nx-deeploy` leaves it: a link at
 * <workspace>/node_modules/deeploy. The demo, the benchmarks and the reliability suite run the
 * nx CLI in such workspaces (under the repository's tmp/, so `nx` itself resolves from the
 * repository's node_modules) with the plugin registered as `deeploy`.
 */
const fs = require('node:fs');
const path = require('node:path');

const PLUGIN_DIR = path.resolve(__dirname, '..', '..', 'packages', 'deeploy');

function linkPluginAsAlias(workspaceRoot) {
  const modules = path.join(workspaceRoot, 'node_modules');
  fs.mkdirSync(modules, { recursive: true });
  const link = path.join(modules, 'deeploy');
  if (!fs.existsSync(link)) fs.symlinkSync(PLUGIN_DIR, link, 'dir');
}

module.exports = { linkPluginAsAlias };
