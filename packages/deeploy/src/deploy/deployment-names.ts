/**
 * Deployment names must be unique among a workspace's contracts. The default name is the project
 * name with "/" turned into "-", so `team/a-b` and `team-a/b` both default to `team-a-b`; on a
 * server with unique names the second could never be created, and on one that cannot say what a
 * deployment runs, the second would find (and move) the first's deployment by its name.
 *
 * The default stays as it is and a clash is refused instead (by `deeploy-validate`, and by deploy
 * before anything is sent): an injective default (say, escaping "-") would rename the deployment
 * of every existing contract whose path holds a "-", and on a server that finds deployments only by
 * name it would orphan them and create new ones. A clash is rare, visible, and fixed once by
 * setting `name`. Pure: the projects and nx.json are passed in.
 */
import type { NxJsonConfiguration, ProjectConfiguration } from '../nx/devkit';
import { targetRunning } from '../plugins/build-targets';
import { isDeeployExecutor } from '../plugins/installed-name';
import { normalizePluginOptions, pluginEntryFor } from '../plugins/plugin-options';
import { defaultDeploymentName } from './desired-deployment';

export interface ProjectDeploymentName {
  project: string;
  name: string;
  /** Where to set another: `team/a-b/project.json at targets.deeploy-deploy.options.name`. */
  where: string;
}

function projectJsonOf(config: ProjectConfiguration): string {
  return config.root === '.' || config.root === '' ? 'project.json' : `${config.root.replace(/\/+$/, '')}/project.json`;
}

type EntryOf = (targetNames: readonly string[]) => { options: Record<string, unknown>; deployTargetName: string } | undefined;

/** The plugin entry (and its deploy target name) of a project with these target names; undefined when its options are invalid. */
function entryOf(nxJson: NxJsonConfiguration | undefined): EntryOf {
  // Most projects have the same target names: parse the plugin options once per set of names.
  const kept = new Map<string, ReturnType<EntryOf>>();
  return (targetNames) => {
    const key = targetNames.join('\0');
    if (!kept.has(key)) {
      const entry = pluginEntryFor(nxJson, targetNames);
      try {
        kept.set(key, { options: entry?.options ?? {}, deployTargetName: normalizePluginOptions(entry?.options).deployTargetName });
      } catch {
        kept.set(key, undefined); // Invalid plugin options are reported on their own.
      }
    }
    return kept.get(key);
  };
}

/** The deployment name a deeploy project deploys under (its deploy target's `name`, nx.json's, or the default); undefined for other projects. */
export function deploymentNameOf(
  project: string,
  config: ProjectConfiguration,
  nxJson: NxJsonConfiguration | undefined,
  entries: EntryOf = entryOf(nxJson),
): ProjectDeploymentName | undefined {
  const targets = config.targets ?? {};
  const entry = entries(Object.keys(targets));
  if (!entry) return undefined;
  const deployTarget = targetRunning(targets, 'deploy', entry.deployTargetName);
  if (!isDeeployExecutor(targets[deployTarget]?.executor, 'deploy')) return undefined;
  const own = targets[deployTarget]?.options?.name;
  const workspaceWide = entry.options.name;
  const name = typeof own === 'string' && own ? own : typeof workspaceWide === 'string' && workspaceWide ? workspaceWide : defaultDeploymentName(project);
  return { project, name, where: `${projectJsonOf(config)} at targets.${deployTarget}.options.name` };
}

/**
 * Every deeploy project's deployment name, by name. Kept per projects object (and nx.json): a batch
 * asks once for each of its tasks with the same ones, and a workspace may hold thousands.
 */
const tables = new WeakMap<object, { nxJson: NxJsonConfiguration | undefined; byName: Map<string, ProjectDeploymentName[]> }>();

function namesTable(projects: Readonly<Record<string, ProjectConfiguration>>, nxJson: NxJsonConfiguration | undefined): Map<string, ProjectDeploymentName[]> {
  const kept = tables.get(projects);
  if (kept && kept.nxJson === nxJson) return kept.byName;
  const byName = new Map<string, ProjectDeploymentName[]>();
  const entries = entryOf(nxJson);
  for (const [project, config] of Object.entries(projects)) {
    const named = deploymentNameOf(project, config, nxJson, entries);
    if (named) byName.set(named.name, [...(byName.get(named.name) ?? []), named]);
  }
  tables.set(projects, { nxJson, byName });
  return byName;
}

/** The other deeploy projects of the workspace that deploy under `name`. */
export function projectsNamed(
  name: string,
  project: string,
  projects: Readonly<Record<string, ProjectConfiguration>>,
  nxJson: NxJsonConfiguration | undefined,
): ProjectDeploymentName[] {
  return (namesTable(projects, nxJson).get(name) ?? []).filter((named) => named.project !== project).sort((a, b) => a.project.localeCompare(b.project));
}

/** The rule broken, for one line: names the other projects and the fix. */
export function nameClashRule(name: string, others: readonly ProjectDeploymentName[], ownWhere: string): string {
  const list = others.map((o) => o.project).join(', ');
  return (
    `deployment name "${name}" is also that of project${others.length > 1 ? 's' : ''} ${list} (a default name is the project name with "/" turned into "-"), ` +
    `and each contract needs its own deployment: set a unique "name" in ${ownWhere} (or in ${others[0].where})`
  );
}
