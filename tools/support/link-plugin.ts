/**
 * Makes this repository's plugin (packages/deeploy, published as nx-deeploy) resolvable as
 * `deeploy` from a throwaway workspace, as `npm i -D deeploy@npm:nx-deeploy` leaves it: a link at
 * <workspace>/node_modules/deeploy. Such workspaces live under the repository's tmp/, so `nx`
 * itself resolves from the repository's node_modules.
 */
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PLUGIN_DIR } from './paths';

export function linkPluginAsAlias(workspaceRoot: string): void {
  const modules = join(workspaceRoot, 'node_modules');
  mkdirSync(modules, { recursive: true });
  const link = join(modules, 'deeploy');
  if (!existsSync(link)) symlinkSync(PLUGIN_DIR, link, 'dir');
}
