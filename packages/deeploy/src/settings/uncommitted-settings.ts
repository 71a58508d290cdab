/**
 * Which workspace-wide settings in nx.json differ from the committed nx.json in a way that would
 * reach the deployment. What is deployed must be committed: the contract's project.json is refused
 * whole when it has uncommitted changes, but nx.json holds much else (and connection settings, such
 * as pointing `apiUrl` at a local emulator, change where a run goes, not what it deploys), so only
 * the deeploy plugin entry's deploy settings count here. Pure: both versions are passed in.
 */
import type { NxJsonConfiguration } from '../nx/devkit';
import { pluginEntryFor } from '../plugins/plugin-options';
import { PLUGIN_OWN_KEYS } from './context-layers';
import { sortedJson } from './sorted-json';

/** Options that choose where a run goes or how it behaves, never what the deployment runs. */
export const RUN_ONLY_KEYS: ReadonlySet<string> = new Set([
  ...PLUGIN_OWN_KEYS,
  'host',
  'apiUrl',
  'apiPrefix',
  'allowInsecureHttp',
  'workspaceId',
  'teamId',
  'organizationId',
  'requestTimeoutSeconds',
  'writeTimeoutSeconds',
  'statusMap',
  'commitMessage',
  'push',
  'force',
  'dryRun',
  'wait',
  'waitTimeoutSeconds',
  'waitIntervalSeconds',
  'progressIntervalSeconds',
  'reportDir',
  'verbose',
]);

/**
 * `plugins[i].options.<key>` for every deploy setting of the project's deeploy plugin entry that
 * differs between the committed nx.json (`committed`, undefined when there is none) and the one
 * in use (`current`).
 */
export function uncommittedDeploySettings(
  committed: NxJsonConfiguration | undefined,
  current: NxJsonConfiguration | undefined,
  targetNames: readonly string[],
): string[] {
  const before = pluginEntryFor(committed, targetNames)?.options ?? {};
  const entry = pluginEntryFor(current, targetNames);
  const after = entry?.options ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !RUN_ONLY_KEYS.has(key)).sort();
  return keys.filter((key) => sortedJson(before[key]) !== sortedJson(after[key])).map((key) => `plugins[${entry?.index ?? 0}].options.${key}`);
}
