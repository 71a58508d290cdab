/**
 * A throwaway Nx workspace outside the repository, as a new user would have it: pinned Nx from the
 * registry, a git repository whose `origin` is a local bare repository (what the emulator's
 * Deeploy repository points at), and helpers to run the nx CLI and git in it.
 * Follows jscutlery/semver's testing workspace: real git, a test identity, one commit per step.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CommandResult, describeFailure, runCommand, runCommandOk } from './run-command';

export interface TestWorkspaceOptions {
  /** Exact Nx version pinned in the workspace's package.json (never `latest`). */
  nxVersion: string;
  /** Prefix of the temporary folder's name, to recognise leftovers. */
  label?: string;
}

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Deeploy E2E',
  GIT_AUTHOR_EMAIL: 'e2e@example.invalid',
  GIT_COMMITTER_NAME: 'Deeploy E2E',
  GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
};

/**
 * Variables that would make the workspace behave like the CI job or the repository running the
 * tests instead of like a fresh workspace: CI branch variables (the executors read them to name the
 * branch), a step summary file, git's own variables, npm's script context, Nx settings, and any
 * Deeploy settings of the person running the tests.
 */
const INHERITED_ENV_TO_DROP = [
  /^CI$/,
  /^CI_/,
  /^(GITHUB|GITLAB|BUILDKITE|CIRCLE|TRAVIS|JENKINS|BITBUCKET|TEAMCITY|DRONE|AZURE|SYSTEM|BUILD)_/,
  /^(BRANCH_NAME|GIT_BRANCH|CHANGE_BRANCH)$/,
  /^GIT_/,
  /^NX_/,
  /^DEEPLOY_/,
  /^npm_package_/,
  /^npm_lifecycle_/,
  /^INIT_CWD$/,
  /^JEST_WORKER_ID$/,
];

export function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!INHERITED_ENV_TO_DROP.some((pattern) => pattern.test(key))) env[key] = value;
  }
  return {
    ...env,
    ...GIT_IDENTITY,
    // Neither the machine's nor the person's git config (signing, hooks, default branch) applies.
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    NX_INTERACTIVE: 'false',
    // Plain text for the assertions and logs (NO_COLOR too would make node warn that FORCE_COLOR wins).
    FORCE_COLOR: '0',
  };
}

export class TestWorkspace {
  /** Deeploy settings (API URL, workspace id, keys) passed to every nx command. */
  deeployEnv: Record<string, string> = {};
  installDurationMs = 0;

  private constructor(
    readonly tempDir: string,
    readonly root: string,
    readonly originPath: string,
  ) {}

  /** Creates the folders, writes package.json/nx.json, installs Nx and sets up git with origin. */
  static async create(options: TestWorkspaceOptions): Promise<TestWorkspace> {
    const tempDir = realpathSync(mkdtempSync(join(tmpdir(), `${options.label ?? 'deeploy-e2e'}-`)));
    const workspace = new TestWorkspace(tempDir, join(tempDir, 'workspace'), join(tempDir, 'origin.git'));
    try {
      await workspace.setUp(options);
    } catch (error) {
      workspace.destroy();
      throw error;
    }
    return workspace;
  }

  private async setUp(options: TestWorkspaceOptions): Promise<void> {
    mkdirSync(this.root);
    this.writeJson('package.json', {
      name: 'ml-models',
      version: '0.0.0',
      private: true,
      // Only nx, as `nx init` leaves it: the plugin must bring no @nx/* package of its own.
      devDependencies: { nx: options.nxVersion },
    });
    this.writeJson('nx.json', { $schema: './node_modules/nx/schemas/nx-schema.json' });
    this.writeFile('.gitignore', ['node_modules', '.nx', '.deeploy', ''].join('\n'));

    const started = Date.now();
    await this.npm(['install', '--prefer-offline', '--no-audit', '--no-fund']);
    this.installDurationMs = Date.now() - started;

    await runCommandOk('git', ['init', '--quiet', '--bare', '--initial-branch=main', this.originPath], { cwd: this.tempDir, env: baseEnv() });
    await this.git(['init', '--quiet', '--initial-branch=main']);
    await this.git(['config', 'commit.gpgsign', 'false']);
    await this.git(['remote', 'add', 'origin', this.originPath]);
    await this.commitAll('chore: empty Nx workspace');
    await this.git(['push', '--quiet', '--set-upstream', 'origin', 'main']);
  }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { ...baseEnv(), ...this.deeployEnv, ...extra };
  }

  /** Runs the workspace's own nx CLI (never a global or npx-downloaded one). Does not throw. */
  nx(args: string[], extraEnv: Record<string, string> = {}): Promise<CommandResult> {
    return runCommand(process.execPath, [this.nxBin(this.root), ...args], {
      cwd: this.root,
      env: this.env(extraEnv),
      label: ['nx', ...args].join(' '),
    });
  }

  /** Runs the nx CLI installed in another checkout `dir` (a clone) with this workspace's environment; throws on failure. */
  async nxIn(dir: string, args: string[], extraEnv: Record<string, string> = {}): Promise<CommandResult> {
    const result = await runCommand(process.execPath, [this.nxBin(dir), ...args], { cwd: dir, env: this.env(extraEnv), label: ['nx', ...args].join(' ') });
    if (result.code !== 0) throw new Error(describeFailure(result));
    return result;
  }

  /** The nx entry point from the installed package's `bin` (it moved to dist/bin in later 22.x). */
  private nxBin(root: string): string {
    const nxPackage = join(root, 'node_modules', 'nx');
    const bin = JSON.parse(readFileSync(join(nxPackage, 'package.json'), 'utf8')).bin;
    return join(nxPackage, typeof bin === 'string' ? bin : bin.nx);
  }

  async nxOk(args: string[], extraEnv: Record<string, string> = {}): Promise<CommandResult> {
    const result = await this.nx(args, extraEnv);
    if (result.code !== 0) throw new Error(describeFailure(result));
    return result;
  }

  async npm(args: string[], extraEnv: Record<string, string> = {}): Promise<CommandResult> {
    return runCommandOk('npm', args, { cwd: this.root, env: this.env(extraEnv) });
  }

  async git(args: string[]): Promise<string> {
    const { stdout } = await runCommandOk('git', args, { cwd: this.root, env: baseEnv() });
    return stdout.trim();
  }

  /** Commits everything (as a user would after running generators) and returns the new HEAD sha. */
  async commitAll(message: string): Promise<string> {
    await this.git(['add', '--all']);
    await this.git(['commit', '--quiet', '--allow-empty', '-m', message]);
    return this.head();
  }

  /** Commits everything and pushes it to origin (Deeploy reads the remote); returns the new HEAD sha. */
  async commitAndPush(message: string): Promise<string> {
    const sha = await this.commitAll(message);
    await this.push();
    return sha;
  }

  head(): Promise<string> {
    return this.git(['rev-parse', 'HEAD']);
  }

  async push(): Promise<void> {
    await this.git(['push', '--quiet', 'origin', 'main']);
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  exists(relative: string): boolean {
    return existsSync(this.path(relative));
  }

  readFile(relative: string): string {
    return readFileSync(this.path(relative), 'utf8');
  }

  readJson<T = any>(relative: string): T {
    return JSON.parse(this.readFile(relative)) as T;
  }

  writeFile(relative: string, content: string): void {
    mkdirSync(dirname(this.path(relative)), { recursive: true });
    writeFileSync(this.path(relative), content);
  }

  writeJson(relative: string, value: unknown): void {
    this.writeFile(relative, `${JSON.stringify(value, null, 2)}\n`);
  }

  /** Removes everything; set KEEP_E2E_WORKSPACE=1 to keep it for debugging. */
  destroy(): void {
    if (process.env.KEEP_E2E_WORKSPACE) {
      process.stdout.write(`kept the e2e workspace at ${this.tempDir}\n`);
      return;
    }
    rmSync(this.tempDir, { recursive: true, force: true });
  }
}
