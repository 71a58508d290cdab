/**
 * Picks the Deeploy types of a deployment from the settings layers (command line, the project's
 * deploy target options, the plugin options in nx.json) and from what the contract implies, and
 * checks that they agree with the contract. Pure: callers pass the layers as plain values.
 * Every problem names where the value was written, so the fix is one edit.
 */
import type { ContractFiles } from './contract-folder';
import { deriveTypes } from './derive-types';
import {
  DEPLOYMENT_TYPES,
  type DeploymentType,
  EXPLAINER_TYPE_NAMES,
  type ExplainerTypeName,
  enumValueProblem,
  MODEL_TYPE_NAMES,
  type ModelTypeName,
  TRANSFORMER_TYPE_NAMES,
  type TransformerTypeName,
  TYPED_DEPLOYMENT_TYPES,
} from './enums';
import { ContractError } from './errors';

export const TYPE_SETTING_NAMES = {
  modelType: MODEL_TYPE_NAMES,
  explainerType: EXPLAINER_TYPE_NAMES,
  transformerType: TRANSFORMER_TYPE_NAMES,
  deploymentType: DEPLOYMENT_TYPES,
} as const;

export type TypeSettingKey = keyof typeof TYPE_SETTING_NAMES;
export const TYPE_SETTING_KEYS = Object.keys(TYPE_SETTING_NAMES) as TypeSettingKey[];

/** One place settings are written, highest precedence first in the list given to `resolveTypes`. */
export interface SettingsLayer {
  /** Where a user finds these values: `models/churn/project.json`, `nx.json`, `command line`. */
  file: string;
  /** Where a key sits in `file`: `targets.deeploy-deploy.options.modelType`, or `--modelType`. */
  pathOf(key: TypeSettingKey): string;
  values: Readonly<Record<string, unknown>>;
}

/** Where to tell the user to write a type that cannot be derived. */
export interface SettingsHint {
  /** e.g. `models/churn/project.json` */
  file: string;
  /** e.g. `targets.deeploy-deploy.options` */
  optionsPath: string;
  /**
   * The project, and the name the plugin is installed under, for the command that writes a type
   * (`nx g deeploy:reference <project> --modelType=…`): it works whether or not the project has a
   * project.json yet, where "edit project.json" would not.
   */
  command?: { project: string; plugin: string };
}

/**
 * A word as a POSIX shell reads it literally: a project name comes from a folder name, which may
 * hold spaces or `;`, and users paste the command we print into a shell.
 */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./@:=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The reference generator run that sets `key` for the artifact it belongs to. */
export function setTypeCommand(key: TypeSettingKey, command: { project: string; plugin: string }): string {
  const artifact = key === 'explainerType' ? ' --artifact=explainer' : key === 'transformerType' ? ' --artifact=transformer' : '';
  return `nx g ${command.plugin}:reference ${shellWord(command.project)}${artifact} --${key}=<type>`;
}

export interface ResolvedTypes {
  /** Absent only for External and Registration deployments, which take no artifact types. */
  modelType?: ModelTypeName;
  explainerType?: ExplainerTypeName;
  transformerType?: TransformerTypeName;
  deploymentType?: DeploymentType;
  /** Where each type came from: a layer's file and path, or the derivation's reason. */
  sources: Record<string, string>;
}

/** Enum-name problems of the type settings in one layer (other keys are not looked at). */
export function typeSettingProblems(layer: SettingsLayer): ContractError[] {
  const errors: ContractError[] = [];
  for (const key of TYPE_SETTING_KEYS) {
    const value = layer.values[key];
    if (value === undefined) continue;
    const allowed = TYPE_SETTING_NAMES[key];
    const problem =
      typeof value === 'string' ? enumValueProblem(value, allowed) : `must be a name, one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`;
    if (problem) errors.push(new ContractError(layer.file, layer.pathOf(key), problem));
  }
  return errors;
}

interface Chosen<T> {
  value: T;
  layer: SettingsLayer;
}

function choose<T extends string>(key: TypeSettingKey, layers: readonly SettingsLayer[]): Chosen<T> | undefined {
  for (const layer of layers) {
    const value = layer.values[key];
    if (typeof value === 'string') return { value: value as T, layer };
  }
  return undefined;
}

function at<T>(chosen: Chosen<T>, key: TypeSettingKey): string {
  return `${chosen.layer.file} at ${chosen.layer.pathOf(key)}`;
}

/**
 * @param contract the contract as read, or undefined when it has errors of its own (then only the
 *   enum names are checked, so that one mistake does not report a cascade of others).
 */
export function resolveTypes(
  contract: ContractFiles | undefined,
  layers: readonly SettingsLayer[],
  hint: SettingsHint,
): { types?: ResolvedTypes; errors: ContractError[] } {
  const errors = layers.flatMap(typeSettingProblems);
  if (errors.length > 0 || !contract) return { errors };

  const sources: Record<string, string> = {};
  const deployment = choose<DeploymentType>('deploymentType', layers);
  // External and Registration take no artifact types: nothing to derive or ask for (a type set
  // for them anyway is refused by the deployment-type rules, with the types that take it).
  if (deployment && !(TYPED_DEPLOYMENT_TYPES as readonly string[]).includes(deployment.value)) {
    return { types: { deploymentType: deployment.value, sources: { deploymentType: at(deployment, 'deploymentType') } }, errors };
  }

  const derived = deriveTypes(contract);
  const missing = (key: TypeSettingKey, reason: string) =>
    new ContractError(
      hint.file,
      '',
      hint.command
        ? `the ${key} is needed and cannot be derived: ${reason}; run ${setTypeCommand(key, hint.command)} (one of ${TYPE_SETTING_NAMES[key].join(', ')}), which sets "${key}" under ${hint.optionsPath}, or pass --${key}`
        : `the ${key} is needed and cannot be derived: ${reason}; set "${key}" under ${hint.optionsPath} (one of ${TYPE_SETTING_NAMES[key].join(', ')}) or pass --${key}`,
    );

  // Model: a docker or azureML model is a container Deeploy runs as CUSTOM whatever else is said.
  const model = choose<ModelTypeName>('modelType', layers);
  let modelType: ModelTypeName | undefined;
  if (model) {
    modelType = model.value;
    sources.modelType = at(model, 'modelType');
    if (derived.modelType === 'CUSTOM' && model.value !== 'CUSTOM') {
      errors.push(
        new ContractError(
          model.layer.file,
          model.layer.pathOf('modelType'),
          `is ${model.value}, but ${derived.because.modelType}; set it to CUSTOM or remove the setting`,
        ),
      );
    }
  } else if (derived.modelType) {
    modelType = derived.modelType;
    sources.modelType = derived.because.modelType;
  } else {
    errors.push(missing('modelType', derived.because.modelType));
  }

  // Explainer: a type without an explainer folder (or the reverse) would deploy something else
  // than the contract says; the Python client silently dropped the explainer in that case.
  const explainer = choose<ExplainerTypeName>('explainerType', layers);
  let explainerType: ExplainerTypeName | undefined;
  if (explainer) {
    explainerType = explainer.value;
    sources.explainerType = at(explainer, 'explainerType');
    if (!contract.explainer && explainer.value !== 'NO_EXPLAINER') {
      errors.push(
        new ContractError(
          explainer.layer.file,
          explainer.layer.pathOf('explainerType'),
          `is ${explainer.value}, but the contract has no explainer/ folder; add the explainer or remove explainerType`,
        ),
      );
    } else if (contract.explainer && explainer.value === 'NO_EXPLAINER') {
      errors.push(
        new ContractError(
          explainer.layer.file,
          explainer.layer.pathOf('explainerType'),
          `is NO_EXPLAINER, but the contract has an explainer (${contract.explainer.file}); set its type or remove the explainer/ folder`,
        ),
      );
    }
  } else if (derived.explainerType) {
    explainerType = derived.explainerType;
    sources.explainerType = derived.because.explainerType;
  } else {
    errors.push(missing('explainerType', derived.because.explainerType));
  }

  const transformer = choose<TransformerTypeName>('transformerType', layers);
  let transformerType: TransformerTypeName | undefined;
  if (transformer) {
    transformerType = transformer.value;
    sources.transformerType = at(transformer, 'transformerType');
    const hasFolder = contract.transformer !== undefined;
    if (hasFolder !== (transformer.value === 'CUSTOM')) {
      const rule = hasFolder
        ? `is ${transformer.value}, but the contract has a transformer (${contract.transformer?.file}); set it to CUSTOM or remove the setting`
        : `is ${transformer.value}, but the contract has no transformer/ folder; add the transformer or remove transformerType`;
      errors.push(new ContractError(transformer.layer.file, transformer.layer.pathOf('transformerType'), rule));
    }
  } else {
    transformerType = derived.transformerType;
    sources.transformerType = derived.because.transformerType;
  }

  if (deployment) sources.deploymentType = at(deployment, 'deploymentType');

  if (errors.length > 0 || !modelType || !explainerType || !transformerType) return { errors };
  const types: ResolvedTypes = { modelType, explainerType, transformerType, sources };
  if (deployment) types.deploymentType = deployment.value;
  return { types, errors };
}
