/**
 * The deploy benchmark's workspace: an Nx workspace with the `deeploy` plugin, N docker contracts
 * (models/model-00 …), its own git repository with a local bare repository as `origin`, which the
 * emulator reads as Deeploy reads the remote.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitAndPush, contractFiles, dockerReference, initRepoWithOrigin, linkPluginAsAlias, writeFile, writeFiles } from '../../support';

export interface DeployWorkspace {
  root: string;
  originPath: string;
  /** Workspace-relative contract folders. */
  contracts: string[];
  /** The empty workspace's commit. */
  base: string;
  /** The commit that adds the contracts. */
  created: string;
}

function contractPaths(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `models/model-${String(i).padStart(Math.max(2, String(count - 1).length), '0')}`);
}

function writeContract(root: string, contractPath: string, index: number, version: string): void {
  writeFiles(root, contractFiles(contractPath, { reference: dockerReference(`docker.io/acme/model-${index}:${version}`) }));
}

/**
 * Creates `dir` afresh: origin.git (bare) and workspace/, an empty Nx workspace committed as the
 * base, then `count` contracts committed on top. Returns the paths and the two commits.
 */
export function createDeployWorkspace(dir: string, count: number): DeployWorkspace {
  fs.rmSync(dir, { recursive: true, force: true });
  const originPath = path.join(dir, 'origin.git');
  const root = path.join(dir, 'workspace');
  fs.mkdirSync(root, { recursive: true });
  writeFile(root, 'package.json', { name: 'bench-deploy', version: '0.0.0', private: true });
  writeFile(root, 'nx.json', { plugins: ['deeploy'] });
  writeFile(root, '.gitignore', 'node_modules\n.nx\n.deeploy\n');
  linkPluginAsAlias(root);
  initRepoWithOrigin(root, originPath);
  const base = commitAndPush(root, 'chore: empty Nx workspace');
  const contracts = contractPaths(count);
  contracts.forEach((contractPath, index) => writeContract(root, contractPath, index, '1.0.0'));
  const created = commitAndPush(root, `feat: ${count} model contracts`);
  return { root, originPath, contracts, base, created };
}

/** Changes every contract (a new image tag), commits and pushes; returns the commit. */
export function changeAllContracts(ws: DeployWorkspace, version: string): string {
  ws.contracts.forEach((contractPath, index) => writeContract(ws.root, contractPath, index, version));
  return commitAndPush(ws.root, `feat: release ${version} of every model`);
}

/**
 * Changes nx.json only (an unused named input), commits and pushes: Nx then counts every contract
 * as affected while no contract changed, as a lockfile bump or a CI setting does. Returns the commit.
 */
export function touchNxJson(ws: DeployWorkspace): string {
  const file = path.join(ws.root, 'nx.json');
  const nxJson = JSON.parse(fs.readFileSync(file, 'utf8'));
  writeFile(ws.root, 'nx.json', { ...nxJson, namedInputs: { ...nxJson.namedInputs, benchUnused: ['{workspaceRoot}/bench-unused.txt'] } });
  return commitAndPush(ws.root, 'chore: nx.json change that touches no contract');
}
