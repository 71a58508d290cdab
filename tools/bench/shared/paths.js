/**
 * Where the benchmarks live and what they run. Workspaces are generated under the repository's
 * tmp/ (git-ignored) rather than the system temp dir, so that Node resolves `nx` and the
 * workspace-linked `deeploy` package from the repository's node_modules, as in a real install.
 */
const path = require('node:path');
const fs = require('node:fs');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const benchTmp = path.join(repoRoot, 'tmp');
/** The nx CLI entry point, run with `node` directly: `npx` would add its own start-up to every sample. */
const nxBin = path.join(repoRoot, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');

function requireBuilt() {
  const built = path.join(repoRoot, 'packages', 'deeploy', 'dist', 'index.js');
  if (!fs.existsSync(built)) {
    throw new Error(`packages/deeploy/dist is missing: run \`npm run build\` first (the benchmarks load the built plugin)`);
  }
}

function nxVersion() {
  return require(path.join(repoRoot, 'node_modules', 'nx', 'package.json')).version;
}

/** Settings of the caller's shell that would steer a benchmark away from a plain local run. */
const INHERITED_ENV_TO_DROP = [/^CI$/, /^CI_/, /^(GITHUB|GITLAB|BUILDKITE|CIRCLE|TRAVIS|JENKINS|BITBUCKET)_/, /^GIT_/, /^NX_/, /^DEEPLOY_/, /^npm_/];

/**
 * Environment for a reproducible, daemon-less, cloud-less Nx run (as in CI, where the daemon is
 * off). `extra` comes last, e.g. NX_CACHE_PROJECT_GRAPH=false for a cold graph every time.
 */
function nxEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!INHERITED_ENV_TO_DROP.some((pattern) => pattern.test(key))) env[key] = value;
  }
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_INTERACTIVE: 'false', FORCE_COLOR: '0', ...extra };
}

module.exports = { repoRoot, benchTmp, nxBin, requireBuilt, nxVersion, nxEnv };
