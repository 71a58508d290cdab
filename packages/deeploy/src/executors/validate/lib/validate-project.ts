/**
 * Everything that can be checked about one contract project without credentials or a network: the
 * contract folder, and the deploy settings in the layers deploy reads (`settingsLayersOf`, the same
 * function the deploy task uses): each layer against the settings schema, the types, the
 * deployment-type rules, the report folder, the update target's own options and the deployment name. Deploy stops at
 * the first of these problems; validate lists them all, each with the line deploy would print.
 */
import type { ExecutorContext } from '../../../nx/devkit';
import { type ContractFiles, readContract } from '../../../contract/contract-folder';
import { deploymentNameOf, nameClashRule, projectsNamed } from '../../../deploy/deployment-names';
import { ContractError } from '../../../contract/errors';
import { DEPLOYMENT_TYPES, type DeploymentType } from '../../../contract/enums';
import { type ResolvedTypes, TYPE_SETTING_KEYS, resolveTypes, typeSettingProblems } from '../../../contract/resolve-types';
import { pluginEntryFor, pluginOptionsSchema } from '../../../plugins/plugin-options';
import { projectFile, settingsHintOf, settingsLayersOf, targetLayerOf, taskIdentityOf, typeLayersOf } from '../../../settings/context-layers';
import { deploymentTypeProblems } from '../../../settings/deployment-type-rules';
import { layerProblems, optionLocation, optionPath, type SettingsLayer } from '../../../settings/resolve-settings';
import { ReportDirError, reportDirOf } from '../../../report/report-dir';
import type { UserError } from '../../../user-error';

export interface ValidateProjectResult {
  /** One line each, in the words deploy uses. */
  errors: UserError[];
  /** Kept but worth a look (unknown keys in a reference.json), one located line each. */
  warnings: ContractError[];
  contract?: ContractFiles;
  types?: ResolvedTypes;
}

/**
 * @param flags the validate target's options and the command-line flags (merged by Nx), without
 *   validate's own `verbose`. Throws a SettingsError only for what stops reading the layers at all
 *   (a positional argument), as deploy does.
 */
export function validateProject(context: ExecutorContext, flags: Readonly<Record<string, unknown>>): ValidateProjectResult {
  const task = taskIdentityOf(context, 'validate');
  const project = context.projectsConfigurations.projects[task.project];
  const errors: UserError[] = [];
  const { contract, errors: contractErrors, warnings } = readContract(context.root, project.root);
  errors.push(...contractErrors);

  const entry = pluginEntryFor(context.nxJsonConfiguration, Object.keys(project.targets ?? {}));
  const parsedOptions = pluginOptionsSchema.safeParse(entry?.options ?? {});
  if (!parsedOptions.success) {
    for (const issue of parsedOptions.error.issues) {
      errors.push(new ContractError('nx.json', [`plugins[${entry?.index}].options`, ...issue.path.map(String)].join('.'), issue.message));
    }
  }

  const layers = settingsLayersOf(context, { ...flags }, 'validate');
  // Highest precedence first, as the type problems are listed. The type names are checked by
  // resolveTypes with the same rule (one line each, not two).
  const highestFirst = [...layers].reverse();
  errors.push(...highestFirst.flatMap((layer) => layerProblems(withoutTypeSettings(layer))));
  errors.push(...reportDirProblems(context.root, highestFirst));

  const resolved = resolveTypes(contract, typeLayersOf(layers), settingsHintOf(task, context.root));
  errors.push(...resolved.errors);
  errors.push(...typeRuleErrors(highestFirst, projectFile(task), task.deployTarget));
  // The update target falls back to the deploy target's settings; what it sets itself must be valid too.
  if (task.updateTarget !== task.deployTarget) {
    const update = targetLayerOf(context, task, task.updateTarget);
    errors.push(...typeLayersOf([update]).flatMap(typeSettingProblems), ...layerProblems(withoutTypeSettings(update)));
  }

  const projects = context.projectsConfigurations.projects;
  const own = deploymentNameOf(task.project, project, context.nxJsonConfiguration);
  const sameName = own ? projectsNamed(own.name, task.project, projects, context.nxJsonConfiguration) : [];
  if (own && sameName.length > 0) {
    errors.push(new ContractError(projectFile(task), `targets.${task.deployTarget}.options.name`, nameClashRule(own.name, sameName, own.where)));
  }

  const result: ValidateProjectResult = { errors, warnings };
  if (errors.length === 0) {
    result.contract = contract;
    result.types = resolved.types;
  }
  return result;
}

/** The report folder deploy would write to must stay inside the workspace (the environment cannot set it). */
function reportDirProblems(workspaceRoot: string, layers: readonly SettingsLayer[]): ReportDirError[] {
  const layer = layers.find((l) => typeof l.values?.reportDir === 'string' && l.values.reportDir !== '');
  if (!layer) return [];
  try {
    reportDirOf(workspaceRoot, layer.values?.reportDir as string, optionLocation(layer, 'reportDir'));
    return [];
  } catch (error) {
    if (error instanceof ReportDirError) return [error];
    throw error;
  }
}

function withoutTypeSettings(layer: SettingsLayer): SettingsLayer {
  const values = Object.fromEntries(Object.entries(layer.values ?? {}).filter(([key]) => !(TYPE_SETTING_KEYS as readonly string[]).includes(key)));
  return { ...layer, values };
}

/**
 * Options that do not belong to the contract's deployment type, and what an External deployment
 * lacks: the same rules deploy applies (`deployment-type-rules.ts`), each error at the layer that
 * holds the option. Layers are highest precedence first; nx.json's plugin-own keys are the plugin's.
 */
function typeRuleErrors(layers: readonly SettingsLayer[], projectJson: string, deployTarget: string): ContractError[] {
  const written = layers.find((layer) => layer.values?.deploymentType !== undefined)?.values?.deploymentType;
  // A misspelt type is reported by resolveTypes; guessing one here would only add noise.
  if (written !== undefined && !(DEPLOYMENT_TYPES as readonly unknown[]).includes(written)) return [];
  const deploymentType = (written as DeploymentType | undefined) ?? 'KServe';
  const own = (layer: SettingsLayer, key: string) => layer.values?.[key] !== undefined && !layer.foreignKeys?.includes(key);
  const merged: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) {
    for (const key of Object.keys(layer.values ?? {})) if (own(layer, key)) merged[key] = layer.values?.[key];
  }
  return deploymentTypeProblems(merged, deploymentType).map((problem) => {
    const layer = problem.missing ? undefined : layers.find((l) => own(l, problem.key));
    return layer
      ? new ContractError(layer.file, optionPath(layer, problem.key), problem.rule)
      : new ContractError(projectJson, `targets.${deployTarget}.options`, problem.rule);
  });
}
