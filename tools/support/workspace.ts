/**
 * A throwaway Nx workspace as a user would have it, with its own git repository whose `origin` is a
 * local bare repository (what the emulator's Deeploy repository points at), and helpers to run the
 * nx CLI and git in it. Two ways to make one:
 * - `TestWorkspace.create({ nxVersion })`: in the OS temp dir, the pinned Nx installed from the
 *   registry; the plugin is then installed as a user would (e2e/support/plugin-install.ts).
 * - `TestWorkspace.createLinked()`: under the repository's tmp/, no install: Nx resolves from the
 *   repository's node_modules and the built plugin is linked as `deeploy` (demo, quick runs).
 * Follows jscutlery/semver's testing workspace: real git, a test identity, one commit per step.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cleanEnv } from './env';
import { writeFile } from './files';
import { commitAll, git, initRepoWithOrigin } from './git';
import { linkPluginAsAlias } from './link-plugin';
import { nxBinOf } from './nx';
import { REPO_ROOT, repoTempDir, tempDir } from './paths';
import { type CommandResult, CommandFailed, runCommand, runCommandOk } from './run-command';

export interface TestWorkspaceOptions {
  /** Exact Nx version pinned in the workspace's package.json (never `latest`). */
  nxVersion: string;
  /** Prefix of the temporary folder's name, to recognise leftovers. */
  label?: string;
}

export interface LinkedWorkspaceOptions {
  label?: string;
  /** The workspace's package.json name. */
  name?: string;
  /** nx.json (default `{}`: `nx g deeploy:init` registers the plugin). */
  nxJson?: object;
}

const GITIGNORE = ['node_modules', '.nx', '.deeploy', ''].join('\n');

export class TestWorkspace {
  /** Deeploy settings (API URL, workspace id, keys) passed to every nx command. */
  deeployEnv: Record<string, string> = {};
  /** How long installing Nx took (0 for a linked workspace). */
  installDurationMs = 0;

  private constructor(
    /** The folder holding `workspace/` and `origin.git/`; removed by destroy(). */
    readonly tempDir: string,
    /** Set to keep the folder for debugging (the name of an environment variable), or undefined. */
    private readonly keepVariable?: string,
  ) {}

  get root(): string {
    return join(this.tempDir, 'workspace');
  }

  get originPath(): string {
    return join(this.tempDir, 'origin.git');
  }

  /** Writes package.json/nx.json, installs the pinned Nx and sets up git with origin. Set KEEP_E2E_WORKSPACE=1 to keep it. */
  static async create(options: TestWorkspaceOptions): Promise<TestWorkspace> {
    const workspace = new TestWorkspace(tempDir(`${options.label ?? 'deeploy-e2e'}-`), 'KEEP_E2E_WORKSPACE');
    return workspace.setUp(async () => {
      workspace.writeJson('package.json', {
        name: 'ml-models',
        version: '0.0.0',
        private: true,
        // Only nx, as `nx init` leaves it: the plugin must bring no @nx/* package of its own.
        devDependencies: { nx: options.nxVersion },
      });
      workspace.writeJson('nx.json', { $schema: './node_modules/nx/schemas/nx-schema.json' });
      const started = Date.now();
      await workspace.npm(['install', '--prefer-offline', '--no-audit', '--no-fund']);
      workspace.installDurationMs = Date.now() - started;
    });
  }

  /** A workspace under the repository's tmp/ using the repository's Nx and the built plugin, linked as `deeploy`. */
  static async createLinked(options: LinkedWorkspaceOptions = {}): Promise<TestWorkspace> {
    const workspace = new TestWorkspace(repoTempDir(`${options.label ?? 'deeploy-linked'}-`));
    return workspace.setUp(async () => {
      workspace.writeJson('package.json', { name: options.name ?? 'ml-models', version: '0.0.0', private: true });
      workspace.writeJson('nx.json', options.nxJson ?? {});
      linkPluginAsAlias(workspace.root);
    });
  }

  private async setUp(writeAndInstall: () => Promise<void>): Promise<this> {
    try {
      mkdirSync(this.root);
      writeFile(this.root, '.gitignore', GITIGNORE);
      await writeAndInstall();
      initRepoWithOrigin(this.root, this.originPath);
      await this.commitAll('chore: empty Nx workspace');
      await this.git(['push', '--quiet', '--set-upstream', 'origin', 'main']);
      return this;
    } catch (error) {
      this.destroy();
      throw error;
    }
  }

  /** The environment of every command: clean (env.ts), the Deeploy settings, then `extra`. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return cleanEnv({ ...this.deeployEnv, ...extra });
  }

  private redactions(): string[] {
    return this.deeployEnv.DEEPLOY_SECRET_KEY ? [this.deeployEnv.DEEPLOY_SECRET_KEY] : [];
  }

  /**
   * Runs the workspace's own nx CLI (never a global or npx-downloaded one). Does not throw. The
   * entry point is looked up each time: `nx migrate` + `npm install` can move it.
   */
  nx(args: string[], extraEnv: Record<string, string> = {}): Promise<CommandResult> {
    return runCommand(process.execPath, [nxBinOf(this.root), ...args], { cwd: this.root, env: this.env(extraEnv), label: ['nx', ...args].join(' ') });
  }

  /** Like nx(), but a non-zero exit throws CommandFailed (the secret key redacted from its message). */
  async nxOk(args: string[], extraEnv: Record<string, string> = {}): Promise<CommandResult> {
    const result = await this.nx(args, extraEnv);
    if (result.code !== 0) throw new CommandFailed(result, this.redactions());
    return result;
  }

  /** Runs the nx CLI installed in another checkout `dir` (a clone) with this workspace's environment; throws on failure. */
  nxIn(dir: string, args: string[], extraEnv: Record<string, string> = {}): Promise<CommandResult> {
    return runCommandOk(process.execPath, [nxBinOf(dir), ...args], {
      cwd: dir,
      env: this.env(extraEnv),
      label: ['nx', ...args].join(' '),
      redact: this.redactions(),
    });
  }

  npm(args: string[], extraEnv: Record<string, string> = {}): Promise<CommandResult> {
    return runCommandOk('npm', args, { cwd: this.root, env: this.env(extraEnv), redact: this.redactions() });
  }

  /** git in the workspace; resolves with stdout, trimmed. */
  async git(args: string[]): Promise<string> {
    return git(this.root, args);
  }

  /** Commits everything (as a user would after running generators) and returns the new HEAD sha. */
  async commitAll(message: string): Promise<string> {
    return commitAll(this.root, message);
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

  path(relativePath: string): string {
    return join(this.root, relativePath);
  }

  exists(relativePath: string): boolean {
    return existsSync(this.path(relativePath));
  }

  readFile(relativePath: string): string {
    return readFileSync(this.path(relativePath), 'utf8');
  }

  // Specs read generator output they then assert on field by field: `any` by default, as JSON.parse.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readJson<T = any>(relativePath: string): T {
    return JSON.parse(this.readFile(relativePath)) as T;
  }

  writeFile(relativePath: string, content: string): void {
    writeFile(this.root, relativePath, content);
  }

  writeJson(relativePath: string, value: unknown): void {
    writeFile(this.root, relativePath, `${JSON.stringify(value, null, 2)}\n`);
  }

  /** The folder as the person sees it: relative to the repository when inside it. */
  displayPath(): string {
    const inside = relative(REPO_ROOT, this.tempDir);
    return inside.startsWith('..') ? this.tempDir : inside;
  }

  /** Removes everything, unless the workspace's keep variable is set (then says where it is). */
  destroy(): void {
    if (this.keepVariable && process.env[this.keepVariable]) {
      process.stdout.write(`kept the workspace at ${this.tempDir}\n`);
      return;
    }
    rmSync(this.tempDir, { recursive: true, force: true });
  }
}
