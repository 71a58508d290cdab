/**
 * The ExecutorContext Nx hands an executor, built from the workspace's files the way Nx builds it
 * for an inferred contract project: the deeploy targets with the options of the project's
 * project.json, and nx.json's plugin entry.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExecutorContext, NxJsonConfiguration, ProjectConfiguration } from 'nx-deeploy/dist/nx/devkit';

/** A deeploy task: what `deeploy-deploy` and `deeploy-update` run. */
export type TaskKind = 'deploy' | 'update';
type Options = Record<string, unknown>;

const TARGETS = { 'deeploy-deploy': 'deeploy:deploy', 'deeploy-update': 'deeploy:update' };
export const TARGET_OF: Record<TaskKind, keyof typeof TARGETS> = { deploy: 'deeploy-deploy', update: 'deeploy-update' };

function readJson<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
}

/** The options project.json gives a target ({} when none). */
function targetOptionsOf(root: string, projectRoot: string, target: string): Options {
  const projectJson = readJson<Partial<ProjectConfiguration>>(path.join(root, projectRoot, 'project.json'));
  return { ...(projectJson?.targets?.[target]?.options ?? {}) };
}

/**
 * `project` defaults to the project root; `pluginOptions` replaces nx.json's deeploy plugin
 * options (default: read from nx.json).
 */
export function executorContext({
  root,
  projectRoot,
  project = projectRoot,
  kind = 'deploy',
  pluginOptions,
}: {
  root: string;
  projectRoot: string;
  project?: string;
  kind?: TaskKind;
  pluginOptions?: Options;
}): ExecutorContext {
  const targets = Object.fromEntries(
    Object.entries(TARGETS).map(([name, executor]) => [name, { executor, options: targetOptionsOf(root, projectRoot, name) }]),
  );
  const nxJson = readJson<NxJsonConfiguration>(path.join(root, 'nx.json')) ?? {};
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
}: {
  root: string;
  projectRoot: string;
  kind?: TaskKind;
  flags?: Options;
}): Options {
  return { ...targetOptionsOf(root, projectRoot, TARGET_OF[kind]), ...flags };
}
