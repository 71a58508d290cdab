/**
 * The options of the `deeploy` entry in nx.json's `plugins`. The plugin itself reads only the
 * target names, the root project name and `deployDependsOn`; every other key is a workspace-wide deploy setting
 * (host, workspace id, deployment type, defaults) that the executors read and check, so they are
 * accepted here untouched. The inference plugin checks its few options without zod
 * (graph-options.ts, kept in step with this schema by its spec).
 */
import type { NxJsonConfiguration } from '../nx/devkit';
import { z } from 'zod';
import {
  DEPENDS_ON_ENTRY_RULE,
  DEPENDS_ON_LIST_RULE,
  type DependsOnEntry,
  GRAPH_OPTIONS,
  invalidOptionsMessage,
  isDependsOnEntry,
  sameTargetNamesProblem,
} from './graph-options';
import { KNOWN_PLUGIN_NAMES } from './installed-name';

export { type DependsOnEntry, PLUGIN_NAME } from './graph-options';

/** One option createNodes reads: its rule and default come from graph-options.ts, so both checks agree. */
const graphOption = ({ fallback, pattern, rule }: (typeof GRAPH_OPTIONS)[keyof typeof GRAPH_OPTIONS]) => z.string().regex(pattern, rule).default(fallback);

export const pluginOptionsSchema = z
  .looseObject({
    validateTargetName: graphOption(GRAPH_OPTIONS.validateTargetName),
    deployTargetName: graphOption(GRAPH_OPTIONS.deployTargetName),
    updateTargetName: graphOption(GRAPH_OPTIONS.updateTargetName),
    rootProjectName: graphOption(GRAPH_OPTIONS.rootProjectName),
    /** Added as `dependsOn` to the deploy and update targets: what Nx runs first (e.g. `["^build"]`). */
    deployDependsOn: z.array(z.custom<DependsOnEntry>(isDependsOnEntry, { error: DEPENDS_ON_ENTRY_RULE }), { error: DEPENDS_ON_LIST_RULE }).optional(),
  })
  .superRefine((options, ctx) => {
    const sameNames = sameTargetNamesProblem([options.validateTargetName, options.deployTargetName, options.updateTargetName]);
    if (sameNames) ctx.addIssue({ code: 'custom', message: sameNames });
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
  throw new Error(invalidOptionsMessage(problems));
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
