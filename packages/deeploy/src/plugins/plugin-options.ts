/**
 * The options of the `deeploy` entry in nx.json's `plugins`. The plugin itself reads only the
 * target names and the root project name; every other key is a workspace-wide deploy setting
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

export const pluginOptionsSchema = z
  .looseObject({
    validateTargetName: targetName('deeploy-validate'),
    deployTargetName: targetName('deeploy-deploy'),
    updateTargetName: targetName('deeploy-update'),
    rootProjectName: z
      .string()
      .regex(/^[^\s]+$/, 'must be a project name without spaces (e.g. "deeploy-contract")')
      .default(DEFAULT_ROOT_PROJECT_NAME),
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
