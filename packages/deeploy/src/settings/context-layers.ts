/**
 * The settings layers of one task, read from what Nx hands an executor: nx.json's deeploy plugin
 * entry (string or object form), the project's deploy target options (for update and validate),
 * and the executor's own options (target options + configuration + flags, merged by Nx).
 * The one place validate and deploy/update get their layers from, so that validate refuses what
 * deploy would.
 */
import type { ExecutorContext } from '../nx/devkit';
import type { SettingsHint, SettingsLayer as TypeSettingsLayer } from '../contract/resolve-types';
import { installedName } from '../plugins/installed-name';
import { targetRunning } from '../plugins/build-targets';
import { normalizePluginOptions, pluginEntryFor, pluginOptionsSchema } from '../plugins/plugin-options';
import { optionPath, SettingsError, type SettingsLayer } from './resolve-settings';

export type TaskKind = 'deploy' | 'update';
/** Whose layers: a deploy or update task, or the validate executor (which checks what they would read). */
export type LayersKind = TaskKind | 'validate';

/** The plugin's own option names: in the plugin layer they are the plugin's, not the executors'. */
export const PLUGIN_OWN_KEYS: readonly string[] = Object.keys(pluginOptionsSchema.shape);

export interface TaskIdentity {
  project: string;
  /** Workspace-relative project root, POSIX ('' for the workspace root). */
  projectRoot: string;
  target: string;
  /** Name of the project's deploy target (where update falls back to, and where settings are written). */
  deployTarget: string;
  /** Name of the project's update target. */
  updateTarget: string;
}

const DEFAULT_TARGET: Record<LayersKind, string> = { deploy: 'deeploy-deploy', update: 'deeploy-update', validate: 'deeploy-validate' };

/**
 * The plugin options, with the target names. A task refuses invalid ones (one line naming nx.json);
 * validate reports their problems itself, so it reads them with the defaults.
 */
function pluginOptionsFor(kind: LayersKind, options: Record<string, unknown> | undefined) {
  if (kind !== 'validate') return normalizePluginOptions(options);
  const parsed = pluginOptionsSchema.safeParse(options ?? {});
  return parsed.success ? parsed.data : pluginOptionsSchema.parse({});
}

export function taskIdentityOf(context: ExecutorContext, kind: LayersKind): TaskIdentity {
  const project = context.projectName;
  const config = project ? context.projectsConfigurations?.projects?.[project] : undefined;
  if (!project || !config) {
    throw new SettingsError(`the deeploy ${kind} executor must run for a project (nx run <project>:${DEFAULT_TARGET[kind]})`);
  }
  const targets = config.targets ?? {};
  const entry = pluginEntryFor(context.nxJsonConfiguration, Object.keys(targets));
  const pluginOptions = pluginOptionsFor(kind, entry?.options);
  const deployTarget = targetRunning(targets, 'deploy', pluginOptions.deployTargetName);
  const updateTarget = targetRunning(targets, 'update', pluginOptions.updateTargetName);
  const projectRoot = config.root === '.' ? '' : config.root.replace(/\\/g, '/').replace(/\/+$/, '');
  return { project, projectRoot, target: context.targetName ?? (kind === 'deploy' ? deployTarget : DEFAULT_TARGET[kind]), deployTarget, updateTarget };
}

/** The project.json that holds the project's deploy settings (it may not exist yet). */
export function projectFile(task: TaskIdentity): string {
  return task.projectRoot ? `${task.projectRoot}/project.json` : 'project.json';
}

/** Where a contract's own settings belong, for errors that ask the user to set one. */
export function settingsHintOf(task: TaskIdentity, workspaceRoot: string): SettingsHint {
  return {
    file: projectFile(task),
    optionsPath: `targets.${task.deployTarget}.options`,
    command: { project: task.project, plugin: installedName(workspaceRoot) },
  };
}

/** The options of one of the project's targets, as its project.json holds them. */
export function targetLayerOf(context: ExecutorContext, task: TaskIdentity, target: string): SettingsLayer {
  const targets = context.projectsConfigurations.projects[task.project]?.targets ?? {};
  return { file: projectFile(task), optionsPath: `targets.${target}.options`, values: targets[target]?.options ?? {} };
}

/**
 * The layers, lowest precedence first (the environment is added by `resolveSettings`). Validate's
 * own options are the flags of its run: a deploy task run with the same flags reads them too.
 */
export function settingsLayersOf(context: ExecutorContext, options: Record<string, unknown>, kind: LayersKind): SettingsLayer[] {
  const task = taskIdentityOf(context, kind);
  const layers: SettingsLayer[] = [];

  const targets = context.projectsConfigurations.projects[task.project]?.targets ?? {};
  const entry = pluginEntryFor(context.nxJsonConfiguration, Object.keys(targets));
  if (entry) {
    layers.push({ file: 'nx.json', optionsPath: `plugins[${entry.index}].options`, values: entry.options, foreignKeys: PLUGIN_OWN_KEYS });
  }
  // Update falls back to the deploy target's settings; validate checks what deploy reads.
  if (kind !== 'deploy' && targets[task.deployTarget]) layers.push(targetLayerOf(context, task, task.deployTarget));

  // Nx leaves unconsumed positional arguments in `_`.
  const { _: positional, ...own } = options;
  if (Array.isArray(positional) && positional.length > 0) {
    throw new SettingsError(`unexpected argument "${String(positional[0])}" for ${task.project}:${task.target}: options are passed as --name=value`);
  }
  if (kind === 'validate') layers.push({ file: 'command line', optionsPath: '', flags: true, skipUnknownKeys: true, values: own });
  else layers.push({ file: `${projectFile(task)} or the command line`, optionsPath: `targets.${task.target}.options`, values: own });
  return layers;
}

/** The layers in the form the type resolution reads them: highest precedence first. */
export function typeLayersOf(layers: readonly SettingsLayer[]): TypeSettingsLayer[] {
  return [...layers].reverse().map((layer) => ({
    file: layer.file,
    pathOf: (key: string) => optionPath(layer, key),
    values: layer.values ?? {},
  }));
}
