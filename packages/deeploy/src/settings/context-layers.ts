/**
 * The settings layers of one task, read from what Nx hands an executor: nx.json's deeploy plugin
 * entry (string or object form), the project's deploy target options (for update), and the
 * executor's own options (target options + configuration + flags, merged by Nx).
 */
import type { ExecutorContext } from '../nx/devkit';
import type { SettingsHint } from '../contract/resolve-types';
import { installedName } from '../plugins/installed-name';
import { targetRunning } from '../plugins/build-targets';
import { normalizePluginOptions, pluginEntryFor, pluginOptionsSchema } from '../plugins/plugin-options';
import { SettingsError, type SettingsLayer } from './resolve-settings';

export type TaskKind = 'deploy' | 'update';

/** The plugin's own option names: in the plugin layer they are the plugin's, not the executors'. */
export const PLUGIN_OWN_KEYS: readonly string[] = Object.keys(pluginOptionsSchema.shape);

export interface TaskIdentity {
  project: string;
  /** Workspace-relative project root, POSIX ('' for the workspace root). */
  projectRoot: string;
  target: string;
  /** Name of the project's deploy target (where update falls back to, and where settings are written). */
  deployTarget: string;
}

export function taskIdentityOf(context: ExecutorContext, kind: TaskKind): TaskIdentity {
  const project = context.projectName;
  const config = project ? context.projectsConfigurations?.projects?.[project] : undefined;
  if (!project || !config) {
    throw new SettingsError(
      `the deeploy ${kind} executor must run for a project (nx run <project>:${kind === 'deploy' ? 'deeploy-deploy' : 'deeploy-update'})`,
    );
  }
  const targets = config.targets ?? {};
  const entry = pluginEntryFor(context.nxJsonConfiguration, Object.keys(targets));
  const deployTarget = targetRunning(targets, 'deploy', normalizePluginOptions(entry?.options).deployTargetName);
  const projectRoot = config.root === '.' ? '' : config.root.replace(/\\/g, '/').replace(/\/+$/, '');
  return { project, projectRoot, target: context.targetName ?? (kind === 'deploy' ? deployTarget : 'deeploy-update'), deployTarget };
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

/** The layers, lowest precedence first (the environment is added by `resolveSettings`). */
export function settingsLayersOf(context: ExecutorContext, options: Record<string, unknown>, kind: TaskKind): SettingsLayer[] {
  const task = taskIdentityOf(context, kind);
  const layers: SettingsLayer[] = [];

  const targets = context.projectsConfigurations.projects[task.project]?.targets ?? {};
  const entry = pluginEntryFor(context.nxJsonConfiguration, Object.keys(targets));
  if (entry) {
    layers.push({ file: 'nx.json', optionsPath: `plugins[${entry.index}].options`, values: entry.options, foreignKeys: PLUGIN_OWN_KEYS });
  }
  if (kind === 'update' && targets[task.deployTarget]) {
    layers.push({ file: projectFile(task), optionsPath: `targets.${task.deployTarget}.options`, values: targets[task.deployTarget].options });
  }

  // Nx leaves unconsumed positional arguments in `_`.
  const { _: positional, ...own } = options;
  if (Array.isArray(positional) && positional.length > 0) {
    throw new SettingsError(`unexpected argument "${String(positional[0])}" for ${task.project}:${task.target}: options are passed as --name=value`);
  }
  layers.push({ file: `${projectFile(task)} or the command line`, optionsPath: `targets.${task.target}.options`, values: own });
  return layers;
}
