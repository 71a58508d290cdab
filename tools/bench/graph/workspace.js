/**
 * Generates the two graph-benchmark workspaces over the same N contract folders:
 *   A (`plugin`): nx.json registers the `deeploy` plugin, which infers every project;
 *   B (`handwritten`): no plugin, each folder has a project.json with the same name and the same
 *     targets, written out from the plugin's own `buildContractProject` so the two graphs are equal.
 * Each contract is small and valid: model/reference.json with a docker reference, and metadata.json.
 */
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('../shared/paths');
const { linkPluginAsAlias } = require('../../shared/link-plugin');

const FOLDERS_PER_GROUP = 100;

/** Workspace-relative contract roots: models/g000/model-00000 … (100 per group, like teams' folders). */
function contractRoots(count) {
  const roots = [];
  for (let i = 0; i < count; i += 1) {
    const group = String(Math.floor(i / FOLDERS_PER_GROUP)).padStart(3, '0');
    roots.push(`models/g${group}/model-${String(i).padStart(5, '0')}`);
  }
  return roots;
}

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function referenceOf(index) {
  return { reference: { docker: { image: `docker.io/acme/model-${index}:1.0.${index % 10}`, uri: '/v1/models/model:predict', port: 8080 } } };
}

/** The project.json variant B writes: the plugin's own project, without `root` (Nx derives it). */
function handwrittenProject(root) {
  const { buildContractProject } = require(path.join(repoRoot, 'packages', 'deeploy', 'dist', 'plugins', 'build-targets.js'));
  const { normalizePluginOptions } = require(path.join(repoRoot, 'packages', 'deeploy', 'dist', 'plugins', 'plugin-options.js'));
  const { root: _root, ...project } = buildContractProject(root, normalizePluginOptions({}), 'deeploy');
  return project;
}

/**
 * Creates (from scratch) the workspace at `dir` with `count` contracts, variant 'plugin' or
 * 'handwritten'. Returns the contract roots.
 */
function generateGraphWorkspace(dir, count, variant) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  writeJson(path.join(dir, 'package.json'), { name: `bench-graph-${variant}-${count}`, version: '0.0.0', private: true });
  writeJson(path.join(dir, 'nx.json'), {
    namedInputs: { default: ['{projectRoot}/**/*'] },
    ...(variant === 'plugin' ? { plugins: ['deeploy'] } : {}),
  });
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n.nx\n');
  if (variant === 'plugin') linkPluginAsAlias(dir);
  const roots = contractRoots(count);
  roots.forEach((root, index) => {
    const folder = path.join(dir, root);
    writeJson(path.join(folder, 'model', 'reference.json'), referenceOf(index));
    writeJson(path.join(folder, 'metadata.json'), { problemType: 'classification', customId: `m-${index}` });
    if (variant === 'handwritten') writeJson(path.join(folder, 'project.json'), handwrittenProject(root));
  });
  return roots;
}

module.exports = { generateGraphWorkspace, contractRoots };
