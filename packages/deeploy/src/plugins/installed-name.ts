/**
 * The name the plugin was installed under. It is published as `nx-deeploy` (the npm name
 * `deeploy` belongs to an unrelated package) and documented as installed under the alias
 * `deeploy` (`npm i -D deeploy@npm:nx-deeploy`), so that `nx g deeploy:contract` and executors
 * `deeploy:deploy` read as the brief wrote them. Installed plainly it is `nx-deeploy`. Nx resolves
 * a plugin, a generator collection and an executor by that package name, so the entry `init`
 * writes to nx.json and the executors of inferred targets must use the installed one.
 */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';

export const PUBLISHED_NAME = 'nx-deeploy';
export const ALIAS_NAME = 'deeploy';
/** Every name the plugin may be installed and registered under; the documented alias first. */
export const KNOWN_PLUGIN_NAMES: readonly string[] = [ALIAS_NAME, PUBLISHED_NAME];

/** This package's root folder (…/node_modules/<name> once installed); from dist/plugins or src/plugins. */
const OWN_ROOT = path.resolve(__dirname, '..', '..');

/** The name a package folder has in the node_modules that holds it, else the published name. */
export function nameFromLocation(packageRoot: string): string {
  const parent = path.dirname(packageRoot);
  if (path.basename(parent) === 'node_modules') return path.basename(packageRoot);
  return PUBLISHED_NAME;
}

function realpathOrUndefined(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The name under which `workspaceRoot` resolves to this very package. Resolving (rather than only
 * reading our own folder name) also holds with pnpm, whose store folder carries the published name
 * behind the workspace's `node_modules/deeploy` link. Falls back to the folder name.
 */
export function installedNameIn(workspaceRoot: string, ownRoot: string = OWN_ROOT): string {
  const own = realpathOrUndefined(ownRoot);
  for (const name of KNOWN_PLUGIN_NAMES) {
    let manifest: string;
    try {
      manifest = require.resolve(`${name}/package.json`, { paths: [workspaceRoot] });
    } catch {
      continue;
    }
    if (own !== undefined && realpathOrUndefined(path.dirname(manifest)) === own) return name;
  }
  return nameFromLocation(ownRoot);
}

const cache = new Map<string, string>();

/** `installedNameIn`, computed once per workspace root (createNodes runs on every graph computation). */
export function installedName(workspaceRoot: string): string {
  let name = cache.get(workspaceRoot);
  if (name === undefined) {
    name = installedNameIn(workspaceRoot);
    cache.set(workspaceRoot, name);
  }
  return name;
}

/** Whether `executor` is this plugin's `kind` executor under any name it may be installed as. */
export function isDeeployExecutor(executor: string | undefined, kind: string): boolean {
  return executor !== undefined && KNOWN_PLUGIN_NAMES.some((name) => executor === `${name}:${kind}`);
}
