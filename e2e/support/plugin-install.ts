/**
 * Installing the packed plugin the two ways the README gives, from a loopback registry that
 * serves it as npm will once it is published:
 * - `alias`: `npm i -D deeploy@npm:nx-deeploy`, then `nx g deeploy:init` (the documented way;
 *   every command keeps the `deeploy:` prefix);
 * - `plain`: `nx add nx-deeploy` (installs and runs init; commands use `nx-deeploy:`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LocalRegistry, startLocalRegistry } from './local-registry';
import { packPlugin } from './pack-plugin';
import { PLUGIN_DIR, type TestWorkspace } from '../../tools/support';

export type InstallMode = 'alias' | 'plain';

export function installModeFrom(value: string | undefined): InstallMode {
  if (value === undefined || value === '' || value === 'alias') return 'alias';
  if (value === 'plain') return 'plain';
  throw new Error(`DEEPLOY_E2E_INSTALL must be "alias" or "plain" (got "${value}")`);
}

/** The name Nx knows the plugin by after `mode`: the prefix of its generators and executors. */
export function pluginNameFor(mode: InstallMode): string {
  return mode === 'alias' ? 'deeploy' : 'nx-deeploy';
}

/** Packs the plugin into `folder` and serves it (and the real registry behind it) on loopback. */
export async function startPluginRegistry(folder: string): Promise<LocalRegistry> {
  const tarball = await packPlugin(folder);
  const manifest = JSON.parse(readFileSync(join(PLUGIN_DIR, 'package.json'), 'utf8'));
  return startLocalRegistry([{ tarball, manifest }]);
}

/** The npm settings every install in the workspace uses: our registry, quiet, offline-first. */
export function registryEnv(registry: LocalRegistry): Record<string, string> {
  return { npm_config_registry: registry.url, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
}

/** Installs the plugin as a user would in `mode`; returns its name (the command prefix). */
export async function installPlugin(ws: TestWorkspace, mode: InstallMode, registry: LocalRegistry): Promise<string> {
  const env = registryEnv(registry);
  if (mode === 'alias') {
    await ws.npm(['install', '--save-dev', 'deeploy@npm:nx-deeploy'], env);
    await ws.nxOk(['g', 'deeploy:init', '--no-interactive'], env);
  } else {
    await ws.nxOk(['add', 'nx-deeploy'], env);
  }
  return pluginNameFor(mode);
}
