/**
 * The plugin options as the inference plugin reads them, checked by hand. createNodes runs on every
 * graph computation in a fresh plugin worker, and loading zod there costs more CPU than inferring
 * thousands of projects (docs/benchmarks.md), so this module imports nothing heavy. The zod schema
 * in plugin-options.ts stays the one source of truth for executors and validate;
 * graph-options.spec.ts keeps the two in step on a table of good and bad inputs: same output, same
 * message. An option the schema gains that createNodes reads must be checked here too.
 */
import { DEFAULT_ROOT_PROJECT_NAME } from '../contract/project-name';
import { ALIAS_NAME } from './installed-name';
import type { NormalizedPluginOptions } from './plugin-options';

/** How messages name the plugin: the documented (alias) name, whatever it was installed as. */
export const PLUGIN_NAME = ALIAS_NAME;

const TARGET_NAME = /^[^\s:]+$/;
const TARGET_NAME_RULE = 'must be a target name without spaces or ":" (e.g. "deeploy-deploy")';
const PROJECT_NAME = /^[^\s]+$/;
const PROJECT_NAME_RULE = 'must be a project name without spaces (e.g. "deeploy-contract")';

/** The options createNodes reads, each with its default and the rule its value must meet. */
export const GRAPH_OPTIONS = {
  validateTargetName: { fallback: 'deeploy-validate', pattern: TARGET_NAME, rule: TARGET_NAME_RULE },
  deployTargetName: { fallback: 'deeploy-deploy', pattern: TARGET_NAME, rule: TARGET_NAME_RULE },
  updateTargetName: { fallback: 'deeploy-update', pattern: TARGET_NAME, rule: TARGET_NAME_RULE },
  rootProjectName: { fallback: DEFAULT_ROOT_PROJECT_NAME, pattern: PROJECT_NAME, rule: PROJECT_NAME_RULE },
} as const;

/** An entry of Nx's `dependsOn` (its TargetDependencyConfig, or a target name such as `^build`). */
export type DependsOnEntry =
  string | { target: string; projects?: string | string[]; dependencies?: boolean; params?: 'ignore' | 'forward'; [field: string]: unknown };

const TARGET_REF = /^\^?[^\s^]+$/;

/**
 * Checks the fields Nx has had since Nx 22; newer ones (Nx 24's `options`, `inputs`, …) pass
 * through for Nx to check, so an Nx upgrade that adds a field does not break nx.json.
 */
export function isDependsOnEntry(value: unknown): value is DependsOnEntry {
  if (typeof value === 'string') return TARGET_REF.test(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entry = value as Record<string, unknown>;
  const names = (v: unknown) => (Array.isArray(v) ? v : [v]).every((name) => typeof name === 'string' && name !== '');
  return (
    typeof entry.target === 'string' &&
    TARGET_REF.test(entry.target) &&
    !entry.target.startsWith('^') &&
    (entry.projects === undefined || names(entry.projects)) &&
    (entry.dependencies === undefined || typeof entry.dependencies === 'boolean') &&
    (entry.params === undefined || entry.params === 'ignore' || entry.params === 'forward') &&
    // Nx documents them as exclusive: `projects` names the projects, `dependencies` takes the project's own.
    !(entry.projects !== undefined && entry.dependencies !== undefined)
  );
}

const DEPENDS_ON_OBJECT = '{ "target": "build", "projects": ["shared-features"] }';
export const DEPENDS_ON_ENTRY_RULE = `must be a target name such as "^build" or an Nx dependsOn object such as ${DEPENDS_ON_OBJECT}`;
export const DEPENDS_ON_LIST_RULE = `must be a list like Nx's dependsOn, e.g. ["^build"] or [${DEPENDS_ON_OBJECT}]`;

/** Every option createNodes reads: the zod schema must define exactly these (graph-options.spec.ts). */
export const GRAPH_OPTION_NAMES = [...Object.keys(GRAPH_OPTIONS), 'deployDependsOn'];

/** The one line both checks throw: nx.json, the plugin, and every problem found. */
export function invalidOptionsMessage(problems: readonly string[]): string {
  return `nx.json: the options of the "${PLUGIN_NAME}" plugin are invalid: ${problems.join('; ')}`;
}

/** The problem when two target names coincide, or undefined: the one rule across options. */
export function sameTargetNamesProblem(names: readonly unknown[]): string | undefined {
  return new Set(names).size === names.length ? undefined : `the three target names must differ (got ${names.join(', ')})`;
}

/** How zod names a JSON value's type in "expected string, received …". */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * The options with every default filled in and other keys kept untouched (they are deploy settings
 * the executors read), or one line naming nx.json, the option and the rule. Same result as
 * plugin-options.ts's `normalizePluginOptions`, without zod.
 */
export function normalizeGraphOptions(raw: unknown): NormalizedPluginOptions {
  const input = raw ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new Error(invalidOptionsMessage([`Invalid input: expected object, received ${typeName(input)}`]));
  }
  const options: Record<string, unknown> = { ...input };
  const problems: string[] = [];
  let wrongType = false;
  for (const [key, { fallback, pattern, rule }] of Object.entries(GRAPH_OPTIONS)) {
    const value = options[key];
    if (value === undefined) options[key] = fallback;
    else if (typeof value !== 'string') {
      problems.push(`"${key}" Invalid input: expected string, received ${typeName(value)}`);
      wrongType = true;
    } else if (!pattern.test(value)) problems.push(`"${key}" ${rule}`);
  }
  const dependsOn = options.deployDependsOn;
  if (dependsOn !== undefined && !Array.isArray(dependsOn)) {
    problems.push(`"deployDependsOn" ${DEPENDS_ON_LIST_RULE}`);
    wrongType = true;
  } else if (dependsOn !== undefined) {
    dependsOn.forEach((entry, index) => {
      if (isDependsOnEntry(entry)) return;
      problems.push(`"deployDependsOn.${index}" ${DEPENDS_ON_ENTRY_RULE}`);
      wrongType = true;
    });
  }
  // As zod does: a value of the wrong type (or a bad dependsOn entry) stops the check across
  // options, a broken name rule does not.
  const sameNames = wrongType ? undefined : sameTargetNamesProblem([options.validateTargetName, options.deployTargetName, options.updateTargetName]);
  if (sameNames) problems.push(sameNames);
  if (problems.length) throw new Error(invalidOptionsMessage(problems));
  return options as NormalizedPluginOptions;
}
