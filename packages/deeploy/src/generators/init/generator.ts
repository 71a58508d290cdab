/**
 * `nx g deeploy:init`, run by `nx add deeploy`: registers the inference plugin in nx.json once
 * (either form counts as registered), keeps the executors' report folder out of git, and says
 * what it did. Running it again changes nothing.
 */
import { logger, readNxJson, updateNxJson } from '../../nx/devkit';
import type { NxJsonConfiguration, Tree } from '../../nx/devkit';
import { deeployHostProblem } from '../../api/deeploy-host';
import { throwIfProblems } from '../lib/generator-error';
import { parseOptions } from '../lib/parse-options';
import { installedName } from '../../plugins/installed-name';
import { deeployEntryIndex, defaultTargetNames } from '../lib/plugin-entry';
import { initOptionsSchema } from './options';
import type { InitGeneratorSchema, InitOptions } from './options';

const GENERATOR = 'init';

/** Where the executors write their JSON reports; never committed. */
export const REPORT_FOLDER = '.deeploy/';

/**
 * The nx.json setting (Nx 22.7: 'all' | 'auto' | project patterns) that decides which projects a
 * lockfile change affects. The default 'all' marks every contract affected on any dependency bump,
 * which would redeploy every model. 'auto' limits it to the projects whose own dependencies
 * changed (pnpm importers); contracts have none.
 */
export const AFFECTED_BY_DEPENDENCY_UPDATES = 'auto';

function workspaceIdProblem(id: string): string | undefined {
  if (id.trim() === '' || /[\s/]/.test(id)) return `--workspaceId: "${id}" is not a workspace id; copy the id from the Deeploy workspace settings`;
  return undefined;
}

/** Registers the plugin, or sets the given options on the existing entry. Returns log lines. */
function registerPlugin(nxJson: NxJsonConfiguration, options: InitOptions, pluginName: string): string[] {
  const given: Record<string, string> = {};
  if (options.host !== undefined) given.host = options.host;
  if (options.workspaceId !== undefined) given.workspaceId = options.workspaceId;
  const plugins = (nxJson.plugins ??= []);
  const index = deeployEntryIndex(nxJson);
  if (index < 0) {
    const targetNames = defaultTargetNames();
    plugins.push({ plugin: pluginName, options: { ...targetNames, ...given } });
    return [
      `Registered the deeploy plugin in nx.json as "${pluginName}": every folder with model/reference.json or model/model.<ext> is now an Nx project with the targets ${Object.values(targetNames).join(', ')}.`,
    ];
  }
  const lines = ['The deeploy plugin is already registered in nx.json; its entry is kept.'];
  if (Object.keys(given).length === 0) return lines;
  const entry = plugins[index];
  // The string form has nowhere to put options: it becomes the equivalent object form.
  const object = typeof entry === 'string' ? { plugin: entry } : entry;
  const current = (object.options ?? {}) as Record<string, unknown>;
  const changed = Object.entries(given).filter(([key, value]) => current[key] !== value);
  object.options = { ...current, ...given };
  plugins[index] = object;
  for (const [key, value] of changed) lines.push(`Set the deeploy plugin option ${key}=${value} in nx.json.`);
  return lines;
}

function affectedByDependencyUpdates(nxJson: NxJsonConfiguration, set: boolean): string[] {
  const current = nxJson.pluginsConfig?.['@nx/js']?.projectsAffectedByDependencyUpdates;
  if (current === AFFECTED_BY_DEPENDENCY_UPDATES) return [];
  if (set) {
    const pluginsConfig = (nxJson.pluginsConfig ??= {});
    pluginsConfig['@nx/js'] = { ...(pluginsConfig['@nx/js'] ?? {}), projectsAffectedByDependencyUpdates: AFFECTED_BY_DEPENDENCY_UPDATES };
    return [
      `Set pluginsConfig["@nx/js"].projectsAffectedByDependencyUpdates to "${AFFECTED_BY_DEPENDENCY_UPDATES}" in nx.json: a lockfile change no longer marks every contract as affected.`,
    ];
  }
  if (current !== undefined && current !== 'all') return []; // the user chose project patterns: theirs to keep
  return [
    `Recommended: a lockfile change marks every project affected, so nx affected would redeploy every contract. Run nx g deeploy:init --setProjectsAffectedByDependencyUpdates to set pluginsConfig["@nx/js"].projectsAffectedByDependencyUpdates to "${AFFECTED_BY_DEPENDENCY_UPDATES}" in nx.json.`,
  ];
}

function ignoreReportFolder(tree: Tree): string[] {
  const text = tree.exists('.gitignore') ? (tree.read('.gitignore', 'utf-8') ?? '') : '';
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines.some((l) => ['.deeploy', '.deeploy/', '/.deeploy', '/.deeploy/'].includes(l))) return [];
  const separator = text === '' ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  tree.write('.gitignore', `${text}${separator}# deeploy task reports\n${REPORT_FOLDER}\n`);
  return [`Added ${REPORT_FOLDER} (the deploy reports folder) to .gitignore.`];
}

export async function initGenerator(tree: Tree, schema: InitGeneratorSchema): Promise<void> {
  const options = parseOptions(GENERATOR, initOptionsSchema, schema);
  const problems = [
    options.host !== undefined ? deeployHostProblem(options.host, '--host') : undefined,
    options.workspaceId !== undefined ? workspaceIdProblem(options.workspaceId) : undefined,
  ];
  throwIfProblems(
    GENERATOR,
    problems.filter((p): p is string => p !== undefined),
  );

  const nxJson: NxJsonConfiguration = readNxJson(tree) ?? {};
  const before = JSON.stringify(nxJson);
  const lines = [
    ...registerPlugin(nxJson, options, installedName(tree.root)),
    ...affectedByDependencyUpdates(nxJson, options.setProjectsAffectedByDependencyUpdates === true),
  ];
  if (JSON.stringify(nxJson) !== before) updateNxJson(tree, nxJson);
  lines.push(...ignoreReportFolder(tree));

  for (const line of lines) logger.info(line);
}

export default initGenerator;
