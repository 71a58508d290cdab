/**
 * The demo's throwaway Nx workspace. It lives under the repository's (git-ignored) tmp/ folder so
 * that Node's resolution walks up to the repository's node_modules: Nx and the workspace-linked
 * `deeploy` plugin (packages/deeploy, built) are found there, and no install is needed. Its own
 * git repository has a local bare repository as `origin`, which the emulator reads as Deeploy would.
 */
const fs = require('node:fs');
const path = require('node:path');
const { linkPluginAsAlias } = require('../shared/link-plugin');
const { runCommandOk } = require('./run-command');

const REPO_ROOT = path.join(__dirname, '..', '..');

/** Settings of the person's shell that would steer the demo away from a plain local run. */
const INHERITED_ENV_TO_DROP = [/^CI$/, /^CI_/, /^(GITHUB|GITLAB|BUILDKITE|CIRCLE|TRAVIS|JENKINS|BITBUCKET)_/, /^GIT_/, /^NX_/, /^DEEPLOY_/, /^npm_/];

function cleanEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!INHERITED_ENV_TO_DROP.some((pattern) => pattern.test(key))) env[key] = value;
  }
  return {
    ...env,
    GIT_AUTHOR_NAME: 'Deeploy Demo',
    GIT_AUTHOR_EMAIL: 'demo@example.invalid',
    GIT_COMMITTER_NAME: 'Deeploy Demo',
    GIT_COMMITTER_EMAIL: 'demo@example.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    NX_INTERACTIVE: 'false',
    FORCE_COLOR: '0',
  };
}

/** The nx CLI entry point, from the installed package's `bin` field. */
function nxBinOf(from) {
  const manifest = require.resolve('nx/package.json', { paths: [from] });
  const { bin } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin.nx);
}

class DemoWorkspace {
  constructor(tempDir) {
    this.tempDir = tempDir;
    this.root = path.join(tempDir, 'workspace');
    this.originPath = path.join(tempDir, 'origin.git');
    /** Deeploy settings for the plugin's executors (the emulator's URL and keys). */
    this.deeployEnv = {};
    this.nxBin = nxBinOf(REPO_ROOT);
  }

  static async create() {
    const parent = path.join(REPO_ROOT, 'tmp');
    fs.mkdirSync(parent, { recursive: true });
    const ws = new DemoWorkspace(fs.mkdtempSync(path.join(parent, 'deeploy-demo-')));
    fs.mkdirSync(ws.root);
    ws.writeJson('package.json', { name: 'ml-models', version: '0.0.0', private: true });
    ws.writeJson('nx.json', {});
    ws.writeFile('.gitignore', 'node_modules\n.nx\n.deeploy\n');
    linkPluginAsAlias(ws.root);
    await runCommandOk('git', ['init', '--quiet', '--bare', '--initial-branch=main', ws.originPath], { cwd: ws.tempDir, env: cleanEnv() });
    await ws.git(['init', '--quiet', '--initial-branch=main']);
    await ws.git(['remote', 'add', 'origin', ws.originPath]);
    await ws.commitAndPush('chore: empty Nx workspace');
    return ws;
  }

  nxOk(args) {
    const env = { ...cleanEnv(), ...this.deeployEnv };
    return runCommandOk(process.execPath, [this.nxBin, ...args], { cwd: this.root, env, label: ['nx', ...args].join(' ') });
  }

  async git(args) {
    const { output } = await runCommandOk('git', args, { cwd: this.root, env: cleanEnv() });
    return output.trim();
  }

  /** Commits everything, pushes to origin (Deeploy reads the remote) and returns the commit sha. */
  async commitAndPush(message) {
    await this.git(['add', '--all']);
    await this.git(['commit', '--quiet', '-m', message]);
    await this.git(['push', '--quiet', 'origin', 'main']);
    return this.git(['rev-parse', 'HEAD']);
  }

  writeFile(relative, content) {
    const file = path.join(this.root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }

  writeJson(relative, value) {
    this.writeFile(relative, `${JSON.stringify(value, null, 2)}\n`);
  }

  /** The workspace's path as the person sees it, relative to the repository. */
  displayPath() {
    return path.relative(REPO_ROOT, this.tempDir);
  }

  destroy() {
    fs.rmSync(this.tempDir, { recursive: true, force: true });
  }
}

module.exports = { DemoWorkspace, REPO_ROOT };
