/**
 * The inference plugin: every contract folder becomes an Nx project. This module only globs,
 * normalises the options and fans out; the project is built by `buildContractProject`.
 * It runs on every graph computation, so it reads no file, starts no process and imports nothing
 * heavy (no zod, no Nx devkit: loading them cost a plugin worker more CPU than the inference
 * itself): a folder with problems still becomes a project, and its validate target reports them.
 */
import type { CreateNodesV2 } from '../nx/devkit';
import { contractMarkerGlob, contractRootOfMarker, isContractMarker } from '../contract/contract-marker';
import { buildContractProject } from './build-targets';
import { installedName } from './installed-name';
import { normalizeGraphOptions } from './graph-options';
import type { DeeployPluginOptions } from './plugin-options';

/**
 * One marker file per contract root, sorted by root: a folder holding both `model/reference.json`
 * and `model/model.joblib` is one project (validation reports the conflict), and the output does
 * not depend on the order Nx lists files in.
 */
export function markersByRoot(files: readonly string[]): [root: string, marker: string][] {
  const byRoot = new Map<string, string>();
  for (const file of [...files].sort()) {
    if (!isContractMarker(file)) continue;
    const root = contractRootOfMarker(file);
    if (!byRoot.has(root)) byRoot.set(root, file);
  }
  return [...byRoot.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export const createNodesV2: CreateNodesV2<DeeployPluginOptions> = [
  contractMarkerGlob,
  async (files, rawOptions, context) => {
    const options = normalizeGraphOptions(rawOptions);
    const pluginName = installedName(context.workspaceRoot);
    // What Nx's createNodesFromFiles does, minus its error aggregation: building a project is pure
    // and cannot throw, and importing the devkit for it is what this module avoids.
    return markersByRoot(files).map(([root, marker]) => [marker, { projects: { [root]: buildContractProject(root, options, pluginName) } }] as const);
  },
];

/** Nx 22 calls either name with the batched signature; Nx 23+ prefers `createNodes`. */
export const createNodes = createNodesV2;
