/**
 * The contract's deploy settings in its `project.json`: the options of the deploy target (whose
 * name the workspace may have changed in the plugin options). The update target falls back to the
 * deploy target's options, so generators write there only; an update target that sets the same
 * option itself would override it, so a change removes that override too.
 */
import type { Tree } from '../../nx/devkit';
import { parseJsonText } from '../../contract/json-text';
import { inRoot, offsetToWorkspace } from './contract-root';

export type JsonObject = Record<string, unknown>;

/** The deploy options generators manage: types, and the deployment's name and description. */
export const MANAGED_DEPLOY_OPTIONS = ['modelType', 'explainerType', 'transformerType', 'name', 'description'] as const;
export type ManagedDeployOption = (typeof MANAGED_DEPLOY_OPTIONS)[number];

/** New values: a string sets the option, null removes it, absent keys are left alone. */
export type DeployOptionChanges = Partial<Record<ManagedDeployOption, string | null>>;

export interface TargetNames {
  readonly deployTargetName: string;
  readonly updateTargetName: string;
}

export function projectJsonPath(root: string): string {
  return inRoot(root, 'project.json');
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The parsed project.json: absent, an object, or a problem (unreadable or not an object). */
export function readProjectJson(tree: Tree, root: string): { json?: JsonObject; problem?: string } {
  const file = projectJsonPath(root);
  if (!tree.exists(file)) return {};
  const parsed = parseJsonText(tree.read(file, 'utf-8') ?? '');
  if (parsed.syntax) return { problem: `${file}: is not valid JSON (line ${parsed.syntax.line}, column ${parsed.syntax.column}: ${parsed.syntax.problem})` };
  if (!isObject(parsed.value)) return { problem: `${file}: must hold a JSON object` };
  return { json: parsed.value };
}

/** The options of `target` in a project.json, or {} */
export function targetOptions(json: JsonObject | undefined, target: string): JsonObject {
  const targets = json?.targets;
  const config = isObject(targets) ? targets[target] : undefined;
  return isObject(config) && isObject(config.options) ? config.options : {};
}

/** A fresh project.json for a contract: its name, the Nx schema, and the deploy options if any. */
export function newProjectJson(root: string, name: string, deployTargetName: string, options: JsonObject): JsonObject {
  const json: JsonObject = { name, $schema: `${offsetToWorkspace(root)}node_modules/nx/schemas/project-schema.json` };
  if (Object.keys(options).length > 0) json.targets = { [deployTargetName]: { options } };
  return json;
}

export interface AppliedChanges {
  readonly json: JsonObject;
  /** What changed, one line each, e.g. `deeploy-deploy.options.modelType: SKLEARN → (removed)`. */
  readonly lines: string[];
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

/**
 * `json` with the deploy options changed; keeps every other field, target and option as it was
 * (credential ids, sizing, `deploymentId`: losing that one would create a second deployment).
 */
export function applyDeployOptions(json: JsonObject, names: TargetNames, changes: DeployOptionChanges): AppliedChanges {
  const result: JsonObject = structuredClone(json);
  const lines: string[] = [];
  const targets: JsonObject = isObject(result.targets) ? result.targets : {};
  const deploy: JsonObject = isObject(targets[names.deployTargetName]) ? (targets[names.deployTargetName] as JsonObject) : {};
  const deployOptions: JsonObject = isObject(deploy.options) ? deploy.options : {};
  const update = targets[names.updateTargetName];
  const updateOptions = isObject(update) && isObject(update.options) ? update.options : undefined;

  for (const key of MANAGED_DEPLOY_OPTIONS) {
    const next = changes[key];
    if (next === undefined) continue;
    const before = deployOptions[key];
    if (next === null) delete deployOptions[key];
    else deployOptions[key] = next;
    if (before !== (next ?? undefined)) lines.push(`${names.deployTargetName}.options.${key}: ${show(before)} → ${next === null ? '(removed)' : show(next)}`);
    if (updateOptions && key in updateOptions && updateOptions[key] !== next) {
      lines.push(`${names.updateTargetName}.options.${key}: ${show(updateOptions[key])} → (removed; it falls back to ${names.deployTargetName})`);
      delete updateOptions[key];
    }
  }
  if (lines.length === 0) return { json, lines };

  if (Object.keys(deployOptions).length > 0) deploy.options = deployOptions;
  else delete deploy.options;
  if (Object.keys(deploy).length > 0) targets[names.deployTargetName] = deploy;
  else delete targets[names.deployTargetName];
  if (Object.keys(targets).length > 0) result.targets = targets;
  else delete result.targets;
  return { json: result, lines };
}
