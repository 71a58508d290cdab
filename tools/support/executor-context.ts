/**
 * The ExecutorContext Nx hands an executor, built from the workspace's files the way Nx builds it
 * for an inferred contract project: the deeploy targets with the options of the project's
 * project.json, and nx.json's plugin entry. For running a deploy or update task in-process (or in
 * a child that must be killable) without the Nx CLI around it.
 */
import type { ExecutorContext } from '@nx/devkit';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type TaskKind = 'deploy' | 'update';

/** Inferred target name → executor, as the plugin's createNodes gives them. */
const TARGETS: Record<string, string> = { 'deeploy-deploy': 'deeploy:deploy', 'deeploy-update': 'deeploy:update' };
export const TARGET_OF: Record<TaskKind, string> = { deploy: 'deeploy-deploy', update: 'deeploy-update' };

interface ProjectJson {
  targets?: Record<string, { options?: Record<string, unknown> }>;
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

/** The options project.json gives a target ({} when none). */
function targetOptionsOf(root: string, projectRoot: string, target: string): Record<string, unknown> {
  const projectJson = readJson<ProjectJson>(join(root, projectRoot, 'project.json'));
  return { ...(projectJson?.targets?.[target]?.options ?? {}) };
}

export interface ExecutorContextInput {
  /** The workspace root. */
  root: string;
  /** The contract folder, relative to the root. */
  projectRoot: string;
  /** Default: the project root (the plugin's default project name). */
  project?: string;
  kind?: TaskKind;
  /** Replaces nx.json's deeploy plugin options (default: nx.json's plugins as they are). */
  pluginOptions?: Record<string, unknown>;
}

export function executorContext({ root, projectRoot, project = projectRoot, kind = 'deploy', pluginOptions }: ExecutorContextInput): ExecutorContext {
  const targets = Object.fromEntries(
    Object.entries(TARGETS).map(([name, executor]) => [name, { executor, options: targetOptionsOf(root, projectRoot, name) }]),
  );
  const nxJson = readJson<ExecutorContext['nxJsonConfiguration']>(join(root, 'nx.json')) ?? {};
  const plugins = pluginOptions ? [{ plugin: 'deeploy', options: pluginOptions }] : (nxJson.plugins ?? []);
  return {
    root,
    cwd: root,
    isVerbose: false,
    projectName: project,
    targetName: TARGET_OF[kind],
    projectsConfigurations: { version: 2, projects: { [project]: { name: project, root: projectRoot, targets } } },
    nxJsonConfiguration: { ...nxJson, plugins },
    projectGraph: { nodes: {}, dependencies: {} },
  };
}

/** The options Nx passes: the target's project.json options merged with the command-line flags. */
export function executorOptions({
  root,
  projectRoot,
  kind = 'deploy',
  flags = {},
}: Pick<ExecutorContextInput, 'root' | 'projectRoot' | 'kind'> & { flags?: Record<string, unknown> }): Record<string, unknown> {
  return { ...targetOptionsOf(root, projectRoot, TARGET_OF[kind]), ...flags };
}
