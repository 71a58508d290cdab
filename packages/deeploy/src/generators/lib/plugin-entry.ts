/**
 * What generators need from the `deeploy` entry of nx.json's `plugins` (string or object form):
 * the target names the workspace chose, so what they write lands on the targets the plugin
 * infers. The option rules and defaults live in `plugins/plugin-options.ts`; this only reads them.
 */
import type { NxJsonConfiguration } from '../../nx/devkit';
import { deeployPluginEntries, normalizePluginOptions, PLUGIN_NAME } from '../../plugins/plugin-options';

export { PLUGIN_NAME };

export interface GeneratorPluginSettings {
  readonly validateTargetName: string;
  readonly deployTargetName: string;
  readonly updateTargetName: string;
  readonly rootProjectName: string;
}

/** The target names a fresh registration writes: the plugin's defaults, spelled out for users. */
export function defaultTargetNames(): Pick<GeneratorPluginSettings, 'validateTargetName' | 'deployTargetName' | 'updateTargetName'> {
  const { validateTargetName, deployTargetName, updateTargetName } = normalizePluginOptions({});
  return { validateTargetName, deployTargetName, updateTargetName };
}

/** Index of the first deeploy entry in `plugins`, or -1. */
export function deeployEntryIndex(nxJson: NxJsonConfiguration | null | undefined): number {
  return deeployPluginEntries(nxJson ?? undefined)[0]?.index ?? -1;
}

/**
 * The settings of the first deeploy entry, defaults filled in (defaults only when there is none).
 * Throws one line naming nx.json when the entry's options are invalid.
 */
export function generatorPluginSettings(nxJson: NxJsonConfiguration | null | undefined): GeneratorPluginSettings {
  const { validateTargetName, deployTargetName, updateTargetName, rootProjectName } = normalizePluginOptions(
    deeployPluginEntries(nxJson ?? undefined)[0]?.options,
  );
  return { validateTargetName, deployTargetName, updateTargetName, rootProjectName };
}
