/**
 * Everything that can be checked about one contract project without a network: the contract
 * folder, and the deploy settings in its layers (command line, the deploy and update targets'
 * options, the plugin options in nx.json). The deploy executor runs the same check before any write.
 */
import type { NxJsonConfiguration, ProjectConfiguration } from '../../../nx/devkit';
import { type ContractFiles, readContract } from '../../../contract/contract-folder';
import { deploymentNameOf, nameClashRule, projectsNamed } from '../../../deploy/deployment-names';
import { ContractError } from '../../../contract/errors';
import { DEPLOYMENT_TYPES, type DeploymentType } from '../../../contract/enums';
import { type ResolvedTypes, type SettingsLayer, type TypeSettingKey, resolveTypes, typeSettingProblems } from '../../../contract/resolve-types';
import { installedName } from '../../../plugins/installed-name';
import { targetRunning } from '../../../plugins/build-targets';
import { type NormalizedPluginOptions, pluginEntryFor, pluginOptionsSchema } from '../../../plugins/plugin-options';
import { PLUGIN_OWN_KEYS } from '../../../settings/context-layers';
import { deploymentTypeProblems } from '../../../settings/deployment-type-rules';

export interface ValidateProjectInput {
  workspaceRoot: string;
  /** The project's merged configuration (project.json over the inferred targets). */
  project: ProjectConfiguration;
  nxJson?: NxJsonConfiguration;
  /** Values given on the command line (or in the running target's options): highest precedence. */
  flags?: Readonly<Record<string, unknown>>;
  /** The project's name and every project of the workspace: deployment names must not clash. */
  projectName?: string;
  projects?: Readonly<Record<string, ProjectConfiguration>>;
}

export interface ValidateProjectResult {
  errors: ContractError[];
  /** Kept but worth a look (unknown keys in a reference.json), one located line each. */
  warnings: ContractError[];
  contract?: ContractFiles;
  types?: ResolvedTypes;
  /** The target whose options hold the project's deploy settings. */
  deployTargetName: string;
}

export function validateProject(input: ValidateProjectInput): ValidateProjectResult {
  const { workspaceRoot, project } = input;
  const errors: ContractError[] = [];
  const { contract, errors: contractErrors, warnings } = readContract(workspaceRoot, project.root);
  errors.push(...contractErrors);

  const entry = pluginEntryFor(input.nxJson, Object.keys(project.targets ?? {}));
  const parsedOptions = pluginOptionsSchema.safeParse(entry?.options ?? {});
  let pluginOptions: NormalizedPluginOptions = pluginOptionsSchema.parse({});
  if (parsedOptions.success) pluginOptions = parsedOptions.data;
  else {
    for (const issue of parsedOptions.error.issues) {
      errors.push(new ContractError('nx.json', [`plugins[${entry?.index}].options`, ...issue.path.map(String)].join('.'), issue.message));
    }
  }

  const deployTargetName = targetRunning(project.targets, 'deploy', pluginOptions.deployTargetName);
  const updateTargetName = targetRunning(project.targets, 'update', pluginOptions.updateTargetName);
  const projectJson = project.root === '.' || project.root === '' ? 'project.json' : `${project.root}/project.json`;
  const targetLayer = (target: string): SettingsLayer => ({
    file: projectJson,
    pathOf: (key) => `targets.${target}.options.${key}`,
    values: project.targets?.[target]?.options ?? {},
  });

  const layers: SettingsLayer[] = [{ file: 'command line', pathOf: (key) => `--${key}`, values: input.flags ?? {} }, targetLayer(deployTargetName)];
  if (entry) layers.push({ file: 'nx.json', pathOf: (key) => `plugins[${entry.index}].options.${key}`, values: entry.options });

  const resolved = resolveTypes(contract, layers, {
    file: projectJson,
    optionsPath: `targets.${deployTargetName}.options`,
    command: project.name ? { project: project.name, plugin: installedName(workspaceRoot) } : undefined,
  });
  errors.push(...resolved.errors);
  errors.push(...typeRuleErrors(layers, projectJson, deployTargetName));
  // The update target falls back to the deploy target's settings; what it sets itself must be valid too.
  if (updateTargetName !== deployTargetName) errors.push(...typeSettingProblems(targetLayer(updateTargetName)));

  if (input.projectName && input.projects) {
    const own = deploymentNameOf(input.projectName, project, input.nxJson);
    const sameName = own ? projectsNamed(own.name, input.projectName, input.projects, input.nxJson) : [];
    if (own && sameName.length > 0)
      errors.push(new ContractError(projectJson, `targets.${deployTargetName}.options.name`, nameClashRule(own.name, sameName, own.where)));
  }

  const result: ValidateProjectResult = { errors, warnings, deployTargetName };
  if (errors.length === 0) {
    result.contract = contract;
    result.types = resolved.types;
  }
  return result;
}

/**
 * Options that do not belong to the contract's deployment type, and what an External deployment
 * lacks: the same rules deploy applies (`deployment-type-rules.ts`), each error at the layer that
 * holds the option. Layers are highest precedence first; nx.json's plugin-own keys are the plugin's.
 */
function typeRuleErrors(layers: readonly SettingsLayer[], projectJson: string, deployTarget: string): ContractError[] {
  const written = layers.find((layer) => layer.values.deploymentType !== undefined)?.values.deploymentType;
  // A misspelt type is reported by resolveTypes; guessing one here would only add noise.
  if (written !== undefined && !(DEPLOYMENT_TYPES as readonly unknown[]).includes(written)) return [];
  const deploymentType = (written as DeploymentType | undefined) ?? 'KServe';
  const own = (layer: SettingsLayer, key: string) => layer.values[key] !== undefined && !(layer.file === 'nx.json' && PLUGIN_OWN_KEYS.includes(key));
  const merged: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) {
    for (const key of Object.keys(layer.values)) if (own(layer, key)) merged[key] = layer.values[key];
  }
  return deploymentTypeProblems(merged, deploymentType).map((problem) => {
    const layer = problem.missing ? undefined : layers.find((l) => own(l, problem.key));
    return layer
      ? new ContractError(layer.file, layer.pathOf(problem.key as TypeSettingKey), problem.rule)
      : new ContractError(projectJson, `targets.${deployTarget}.options`, problem.rule);
  });
}
