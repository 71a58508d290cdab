/**
 * The deploy benchmark's workspace: an Nx workspace with the `deeploy` plugin, N docker contracts
 * (models/model-00 …), its own git repository with a local bare repository as `origin`, which the
 * emulator reads as Deeploy reads the remote.
 */
const fs = require('node:fs');
const path = require('node:path');
const { git, commitAndPush } = require('../shared/git');
const { linkPluginAsAlias } = require('../../shared/link-plugin');

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function contractPaths(count) {
  return Array.from({ length: count }, (_, i) => `models/model-${String(i).padStart(Math.max(2, String(count - 1).length), '0')}`);
}

function writeContract(root, contractPath, index, version) {
  writeJson(path.join(root, contractPath, 'model', 'reference.json'), {
    reference: { docker: { image: `docker.io/acme/model-${index}:${version}`, uri: '/v1/models/model:predict', port: 8080 } },
  });
  writeJson(path.join(root, contractPath, 'metadata.json'), { problemType: 'classification' });
}

/**
 * Creates `dir` afresh: origin.git (bare) and workspace/, an empty Nx workspace committed as the
 * base, then `count` contracts committed on top. Returns the paths and the two commits.
 */
function createDeployWorkspace(dir, count) {
  fs.rmSync(dir, { recursive: true, force: true });
  const originPath = path.join(dir, 'origin.git');
  const root = path.join(dir, 'workspace');
  fs.mkdirSync(root, { recursive: true });
  git(dir, ['init', '--quiet', '--bare', '--initial-branch=main', originPath]);
  writeJson(path.join(root, 'package.json'), { name: 'bench-deploy', version: '0.0.0', private: true });
  writeJson(path.join(root, 'nx.json'), { plugins: ['deeploy'] });
  fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules\n.nx\n.deeploy\n');
  linkPluginAsAlias(root);
  git(root, ['init', '--quiet', '--initial-branch=main']);
  git(root, ['remote', 'add', 'origin', originPath]);
  const base = commitAndPush(root, 'chore: empty Nx workspace');
  const contracts = contractPaths(count);
  contracts.forEach((contractPath, index) => writeContract(root, contractPath, index, '1.0.0'));
  const created = commitAndPush(root, `feat: ${count} model contracts`);
  return { root, originPath, contracts, base, created };
}

/** Changes every contract (a new image tag), commits and pushes; returns the commit. */
function changeAllContracts(ws, version) {
  ws.contracts.forEach((contractPath, index) => writeContract(ws.root, contractPath, index, version));
  return commitAndPush(ws.root, `feat: release ${version} of every model`);
}

/**
 * Changes nx.json only (an unused named input), commits and pushes: Nx then counts every contract
 * as affected while no contract changed, as a lockfile bump or a CI setting does. Returns the commit.
 */
function touchNxJson(ws) {
  const file = path.join(ws.root, 'nx.json');
  const nxJson = JSON.parse(fs.readFileSync(file, 'utf8'));
  writeJson(file, { ...nxJson, namedInputs: { ...nxJson.namedInputs, benchUnused: ['{workspaceRoot}/bench-unused.txt'] } });
  return commitAndPush(ws.root, 'chore: nx.json change that touches no contract');
}

module.exports = { createDeployWorkspace, changeAllContracts, touchNxJson };
