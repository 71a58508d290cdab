/**
 * Test harness for the deploy and update executors: a real git repository (with a local bare
 * repository as `origin`) holding one contract, the Deeploy emulator serving that repository, an
 * ExecutorContext built the way Nx builds it (inferred targets + project.json options), the
 * environment set per test and restored, and every line the task prints captured.
 */
import type { ExecutorContext } from '../../nx/devkit';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type EmulatorOptions, type LoggedRequest, type RunningEmulator, type SeedRepository, type StoredDeployment } from 'deeploy-emulator';
import { createTempRepo, useGitTestIdentity, type TempRepo } from '../../git/testing/temp-repo';
import { reportFileName } from '../../report/report-schema';
import { TASK_ENV_KEYS } from './task-env';

export const WORKSPACE_ID = '6d1f3a52-0c4e-4b7a-9f21-3e5d7c9a1b20';
export const REPOSITORY_ID = '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';
export const ACCESS_KEY = 'test-access-key';
export const SECRET_KEY = 'test-secret-key';
export const PROJECT = 'models/churn';

export interface Harness {
  repo: TempRepo;
  emulator: RunningEmulator;
  /** Everything printed through console (which the Nx logger writes to), one entry per call. */
  printed: string[];
  /** `root` defaults to the project name (contract folders are named by their path); '.' for the workspace root. */
  context(project?: string, target?: string, root?: string): ExecutorContext;
  /** The options Nx would pass: the target's project.json options merged with the flags. */
  options(target: string, flags?: Record<string, unknown>, root?: string): Record<string, unknown>;
  deployments(): StoredDeployment[];
  requests(): LoggedRequest[];
  /** Requests that change something on the server. */
  writes(): LoggedRequest[];
  reportOf(project?: string): Record<string, unknown> | undefined;
  setEnv(values: Record<string, string | undefined>): void;
  close(): Promise<void>;
}

const REFERENCE = { reference: { blob: { url: 's3://acme-models/churn/v1', region: 'eu-west-1' } } };

export interface HarnessOptions {
  emulator?: Partial<EmulatorOptions>;
  /** More repositories in the workspace (hosted remotes the emulator does not read). */
  otherRepositories?: SeedRepository[];
  accessKey?: string;
  secretKey?: string;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const restoreIdentity = useGitTestIdentity();
  const savedEnv = Object.fromEntries(TASK_ENV_KEYS.map((key) => [key, process.env[key]]));
  for (const key of TASK_ENV_KEYS) delete process.env[key];

  const repo = createTempRepo('deeploy-exec-');
  repo.write('.gitignore', '.deeploy/\n');
  repo.write('nx.json', '{}\n');
  repo.writeJson(`${PROJECT}/model/reference.json`, REFERENCE);
  repo.writeJson(`${PROJECT}/metadata.json`, { problemType: 'classification' });
  repo.writeJson(`${PROJECT}/project.json`, { name: PROJECT, targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN' } } } });
  repo.commit('add the churn contract');
  repo.push();

  const accessKey = options.accessKey ?? ACCESS_KEY;
  const secretKey = options.secretKey ?? SECRET_KEY;
  const emulator = await startEmulator({
    port: 0,
    readyDelayMs: 50,
    seed: {
      credentials: { accessKey, secretKey },
      workspaces: [{ id: WORKSPACE_ID, repositories: [{ id: REPOSITORY_ID, name: 'models', remotePath: repo.origin }, ...(options.otherRepositories ?? [])] }],
    },
    ...options.emulator,
  });
  process.env.DEEPLOY_ACCESS_KEY = accessKey;
  process.env.DEEPLOY_SECRET_KEY = secretKey;

  const printed: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    }),
  );

  const projectJson = (root: string) => {
    const file = join(repo.dir, root, 'project.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { targets?: Record<string, { options?: Record<string, unknown> }> }) : {};
  };
  const targetOptions = (root: string, target: string) => projectJson(root).targets?.[target]?.options ?? {};

  const harness: Harness = {
    repo,
    emulator,
    printed,
    context(project = PROJECT, target = 'deeploy-deploy', root = project) {
      const targets = Object.fromEntries(
        [
          ['deeploy-deploy', 'deeploy:deploy'],
          ['deeploy-update', 'deeploy:update'],
        ].map(([name, executor]) => [name, { executor, options: { ...targetOptions(root, name) } }]),
      );
      return {
        root: repo.dir,
        cwd: repo.dir,
        isVerbose: false,
        projectName: project,
        targetName: target,
        projectsConfigurations: { version: 2, projects: { [project]: { name: project, root, targets } } },
        nxJsonConfiguration: { plugins: [{ plugin: 'deeploy', options: { apiUrl: emulator.url, workspaceId: WORKSPACE_ID } }] },
        projectGraph: { nodes: {}, dependencies: {} },
      } as ExecutorContext;
    },
    options: (target, flags = {}, root = PROJECT) => ({ ...targetOptions(root, target), ...flags }),
    deployments: () => emulator.state().workspaces.find((w) => w.id === WORKSPACE_ID)?.deployments ?? [],
    requests: () => emulator.requestLog(),
    writes: () => emulator.requestLog().filter((r) => r.method !== 'GET'),
    reportOf(project = PROJECT) {
      const file = join(repo.dir, '.deeploy', 'reports', reportFileName(project));
      return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
    },
    setEnv(values) {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
    async close() {
      for (const spy of spies) spy.mockRestore();
      await emulator.stop();
      repo.remove();
      for (const [key, value] of Object.entries(savedEnv)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      restoreIdentity();
    },
  };
  return harness;
}

/** The lines a task printed, without colour codes. */
export function plain(lines: readonly string[]): string[] {
  // eslint-disable-next-line no-control-regex
  return lines.map((line) => line.replace(/\u001b\[[0-9;]*m/g, ''));
}
