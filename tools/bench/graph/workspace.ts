/**
 * Generates the two graph-benchmark workspaces over the same N contract folders:
 *   A (`plugin`): nx.json registers the `deeploy` plugin, which infers every project;
 *   B (`handwritten`): no plugin, each folder has a project.json with the same name and the same
 *     targets, written out from the plugin's own `buildContractProject` so the two graphs are equal.
 * Each contract is small and valid: model/reference.json with a docker reference, and metadata.json.
 */
import type { ProjectConfiguration } from '@nx/devkit';
import * as fs from 'node:fs';
import { dockerReference, linkPluginAsAlias, writeFile } from '../../support';

export type GraphVariant = 'plugin' | 'handwritten';

const FOLDERS_PER_GROUP = 100;

/** Workspace-relative contract roots: models/g000/model-00000 … (100 per group, like teams' folders). */
export function contractRoots(count: number): string[] {
  const roots: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const group = String(Math.floor(i / FOLDERS_PER_GROUP)).padStart(3, '0');
    roots.push(`models/g${group}/model-${String(i).padStart(5, '0')}`);
  }
  return roots;
}

/** The project.json variant B writes, per contract root: the plugin's own project, without `root` (Nx derives it). */
async function handwrittenProjects(): Promise<(root: string) => Omit<ProjectConfiguration, 'root'>> {
  // Loaded here, not at the top, so the benchmark can first check that the plugin is built.
  const { buildContractProject } = await import('nx-deeploy/dist/plugins/build-targets');
  const { normalizePluginOptions } = await import('nx-deeploy/dist/plugins/plugin-options');
  const options = normalizePluginOptions({});
  return (root) => {
    const { root: _root, ...project } = buildContractProject(root, options, 'deeploy');
    return project;
  };
}

/**
 * Creates (from scratch) the workspace at `dir` with `count` contracts, variant 'plugin' or
 * 'handwritten'. Returns the contract roots.
 */
export async function generateGraphWorkspace(dir: string, count: number, variant: GraphVariant): Promise<string[]> {
  const handwrittenProject = variant === 'handwritten' ? await handwrittenProjects() : undefined;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  writeFile(dir, 'package.json', { name: `bench-graph-${variant}-${count}`, version: '0.0.0', private: true });
  writeFile(dir, 'nx.json', {
    namedInputs: { default: ['{projectRoot}/**/*'] },
    ...(variant === 'plugin' ? { plugins: ['deeploy'] } : {}),
  });
  writeFile(dir, '.gitignore', 'node_modules\n.nx\n');
  if (variant === 'plugin') linkPluginAsAlias(dir);
  const roots = contractRoots(count);
  roots.forEach((root, index) => {
    writeFile(dir, `${root}/model/reference.json`, dockerReference(`docker.io/acme/model-${index}:1.0.${index % 10}`));
    writeFile(dir, `${root}/metadata.json`, { problemType: 'classification', customId: `m-${index}` });
    if (handwrittenProject) writeFile(dir, `${root}/project.json`, handwrittenProject(root));
  });
  return roots;
}
