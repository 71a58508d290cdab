/**
 * The options of the `deeploy` entry in nx.json's `plugins`. The plugin itself reads only the
 * target names, the root project name and `deployDependsOn`; every other key is a workspace-wide deploy setting
 * (host, workspace id, deployment type, defaults) that the executors read and check, so they are
 * accepted here untouched.
 */
import type { NxJsonConfiguration } from '../nx/devkit';
import { z } from 'zod';
import { DEFAULT_ROOT_PROJECT_NAME } from '../contract/project-name';
import { ALIAS_NAME, KNOWN_PLUGIN_NAMES } from './installed-name';

/** How messages name the plugin: the documented (alias) name, whatever it was installed as. */
export const PLUGIN_NAME = ALIAS_NAME;

const targetName = (fallback: string) =>
  z
    .string()
    .regex(/^[^\s:]+$/, 'must be a target name without spaces or ":" (e.g. "deeploy-deploy")')
    .default(fallback);

/** An entry of Nx's `dependsOn` (its TargetDependencyConfig, or a target name such as `^build`). */
export type DependsOnEntry =
  string | { target: string; projects?: string | string[]; dependencies?: boolean; params?: 'ignore' | 'forward'; [field: string]: unknown };

const TARGET_REF = /^\^?[^\s^]+$/;

/**
 * Checks the fields Nx has had since Nx 22; newer ones (Nx 24's `options`, `inputs`, …) pass
 * through for Nx to check, so an Nx upgrade that adds a field does not break nx.json.
 */
function isDependsOnEntry(value: unknown): value is DependsOnEntry {
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

export const pluginOptionsSchema = z
  .looseObject({
    validateTargetName: targetName('deeploy-validate'),
    deployTargetName: targetName('deeploy-deploy'),
    updateTargetName: targetName('deeploy-update'),
    rootProjectName: z
      .string()
      .regex(/^[^\s]+$/, 'must be a project name without spaces (e.g. "deeploy-contract")')
      .default(DEFAULT_ROOT_PROJECT_NAME),
    /** Added as `dependsOn` to the deploy and update targets: what Nx runs first (e.g. `["^build"]`). */
    deployDependsOn: z
      .array(
        z.custom<DependsOnEntry>(isDependsOnEntry, { error: `must be a target name such as "^build" or an Nx dependsOn object such as ${DEPENDS_ON_OBJECT}` }),
        {
          error: `must be a list like Nx's dependsOn, e.g. ["^build"] or [${DEPENDS_ON_OBJECT}]`,
        },
      )
      .optional(),
  })
  .superRefine((options, ctx) => {
    const names = [options.validateTargetName, options.deployTargetName, options.updateTargetName];
    if (new Set(names).size !== names.length) {
      ctx.addIssue({ code: 'custom', message: `the three target names must differ (got ${names.join(', ')})` });
    }
  });

/** What a user may write in nx.json. */
export type DeeployPluginOptions = z.input<typeof pluginOptionsSchema>;
/** The options with every default filled in. */
export type NormalizedPluginOptions = z.output<typeof pluginOptionsSchema>;

/** Parses the options, or throws one line naming nx.json, the option and the rule. */
export function normalizePluginOptions(raw: unknown): NormalizedPluginOptions {
  const result = pluginOptionsSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => (issue.path.length ? `"${issue.path.join('.')}" ${issue.message}` : issue.message));
  throw new Error(`nx.json: the options of the "${PLUGIN_NAME}" plugin are invalid: ${problems.join('; ')}`);
}

export interface PluginEntry {
  /** Index in nx.json's `plugins`, for messages (`plugins[2].options.modelType`). */
  index: number;
  options: Record<string, unknown>;
}

/**
 * The deeploy entries of nx.json's `plugins`, in order, with their raw options ({} for the string
 * form). Executors use this to read the workspace-wide settings.
 */
export function deeployPluginEntries(nxJson: NxJsonConfiguration | undefined): PluginEntry[] {
  const entries: PluginEntry[] = [];
  (nxJson?.plugins ?? []).forEach((entry, index) => {
    const name = typeof entry === 'string' ? entry : entry.plugin;
    if (!KNOWN_PLUGIN_NAMES.includes(name)) return;
    const options = typeof entry === 'string' ? {} : (entry.options ?? {});
    entries.push({ index, options: options as Record<string, unknown> });
  });
  return entries;
}

/**
 * The entry that made a project's targets. Several deeploy entries can coexist (scoped with
 * `include`/`exclude`); the one whose target names the project actually has is taken, else the first.
 */
export function pluginEntryFor(nxJson: NxJsonConfiguration | undefined, targetNames: readonly string[]): PluginEntry | undefined {
  const entries = deeployPluginEntries(nxJson);
  const owns = (entry: PluginEntry) => {
    const parsed = pluginOptionsSchema.safeParse(entry.options);
    return parsed.success && [parsed.data.validateTargetName, parsed.data.deployTargetName].every((name) => targetNames.includes(name));
  };
  return entries.find(owns) ?? entries[0];
}
