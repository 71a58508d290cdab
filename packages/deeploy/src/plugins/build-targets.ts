/**
 * The Nx project a contract folder becomes: pure, from its root and the plugin options.
 * Inputs are `{projectRoot}/**\/*` on purpose, not `default`: in many workspaces `default` pulls in
 * shared globals (CI files, root configs), and then every contract would count as changed. Deploy
 * and update add the projects the contract depends on (`deployInputs`).
 */
import type { ProjectConfiguration, TargetConfiguration } from '../nx/devkit';
import { projectNameOf } from '../contract/project-name';
import { isDeeployExecutor } from './installed-name';
import type { NormalizedPluginOptions } from './plugin-options';

const TECHNOLOGIES = ['deeploy'];
export const DEEPLOY_TARGET_GROUP = 'Deeploy';
/** The plugin's executors, by the part after `<installed name>:`. */
export const DEEPLOY_EXECUTOR_KINDS = ['validate', 'deploy', 'update'] as const;
export type DeeployExecutorKind = (typeof DEEPLOY_EXECUTOR_KINDS)[number];

/** `deeploy:deploy` when installed under the alias, `nx-deeploy:deploy` when installed plainly. */
export function executorName(pluginName: string, kind: DeeployExecutorKind): string {
  return `${pluginName}:${kind}`;
}

/**
 * The target of a project that runs the `kind` executor (under any name the plugin is installed
 * as): the plugin's name for it when that one does, else the first that does (a project.json may
 * rename or add targets), else the plugin's name.
 */
export function targetRunning(targets: ProjectConfiguration['targets'], kind: DeeployExecutorKind, preferred: string): string {
  const all = targets ?? {};
  if (isDeeployExecutor(all[preferred]?.executor, kind)) return preferred;
  return Object.keys(all).find((name) => isDeeployExecutor(all[name]?.executor, kind)) ?? preferred;
}

function contractInputs(): string[] {
  return ['{projectRoot}/**/*'];
}

/**
 * A deploy or update also reads the files of the projects the contract depends on (a
 * `project.json` beside it may declare them in `implicitDependencies`): since Nx 24, `nx affected`
 * selects the tasks whose inputs a change reaches, so without `^default` a change to a shared
 * library would select no contract. `^default` rather than `^{projectRoot}/**\/*`, which Nx 22
 * refuses ("Input is not defined"); a contract without dependencies is unaffected by it.
 */
function deployInputs(): string[] {
  return [...contractInputs(), '^default'];
}

/**
 * What Nx runs before a deploy or update (`deployDependsOn`, e.g. `^build`: that target of every
 * project the contract depends on). A fresh copy per target: Nx merges configurations in place.
 */
function dependsOnOf(options: NormalizedPluginOptions): Pick<TargetConfiguration, 'dependsOn'> {
  return options.deployDependsOn ? { dependsOn: structuredClone(options.deployDependsOn) as TargetConfiguration['dependsOn'] } : {};
}

function help(projectName: string, targetName: string, exampleOptions: Record<string, unknown>): NonNullable<TargetConfiguration['metadata']>['help'] {
  return { command: `npx nx run ${projectName}:${targetName} --help`, example: { options: exampleOptions } };
}

/**
 * The project configuration of the contract at `projectRoot` (`.` for the workspace root);
 * `pluginName` is the name the plugin is installed under, which prefixes the executors.
 */
export function buildContractProject(projectRoot: string, options: NormalizedPluginOptions, pluginName: string): ProjectConfiguration {
  const name = projectNameOf(projectRoot, options.rootProjectName);
  const where = projectRoot === '.' ? 'the workspace root' : projectRoot;
  const { validateTargetName, deployTargetName, updateTargetName } = options;

  const targets: Record<string, TargetConfiguration> = {
    [validateTargetName]: {
      executor: executorName(pluginName, 'validate'),
      cache: true,
      inputs: contractInputs(),
      outputs: [],
      metadata: {
        description: `Check the Deeploy contract in ${where} and its deploy settings, offline`,
        technologies: TECHNOLOGIES,
        help: help(name, validateTargetName, { verbose: true }),
      },
    },
    [deployTargetName]: {
      executor: executorName(pluginName, 'deploy'),
      // A deploy acts on a remote system: replaying a cached success would skip a real deployment.
      cache: false,
      inputs: deployInputs(),
      outputs: [],
      ...dependsOnOf(options),
      metadata: {
        description: `Create or update the Deeploy deployment of ${where} (skipped when it already runs this contract)`,
        technologies: TECHNOLOGIES,
        help: help(name, deployTargetName, { dryRun: true }),
      },
    },
    [updateTargetName]: {
      executor: executorName(pluginName, 'update'),
      cache: false,
      inputs: deployInputs(),
      outputs: [],
      ...dependsOnOf(options),
      metadata: {
        description: `Update the existing Deeploy deployment of ${where}`,
        technologies: TECHNOLOGIES,
        help: help(name, updateTargetName, { dryRun: true }),
      },
    },
  };

  return {
    root: projectRoot,
    name,
    projectType: 'application',
    tags: ['deeploy'],
    metadata: {
      description: `Deeploy contract ${where === 'the workspace root' ? 'at the workspace root' : where}`,
      technologies: TECHNOLOGIES,
      targetGroups: { [DEEPLOY_TARGET_GROUP]: [validateTargetName, deployTargetName, updateTargetName] },
    },
    targets,
  };
}
