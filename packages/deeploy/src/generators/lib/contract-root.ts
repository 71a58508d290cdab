/**
 * Where a generator may write a contract: a workspace-relative POSIX folder that stays inside the
 * workspace, also through symlinks (a generator following a link out of the workspace would write
 * files the user never meant to touch).
 */
import { existsSync } from 'node:fs';
import type { Tree } from '../../nx/devkit';
import { linkOutside } from '../../contract/contract-path';
import { ARTIFACTS } from '../../contract/enums';
import { contractPathProblem, normalizeContractPath } from '../../contract/validators';

/** The files and folders whose presence makes a folder an existing (non-empty) contract. */
export const CONTRACT_ENTRIES = [...ARTIFACTS, 'metadata.json', 'project.json'] as const;

/** `root` joined with `name`, POSIX, for a root that may be '' (the workspace root). */
export function inRoot(root: string, name: string): string {
  return root === '' ? name : `${root}/${name}`;
}

/** The contract path checked and normalised ('' is the workspace root), or the problem with it. */
export function contractRootOf(tree: Tree, rawPath: string): { root?: string; problem?: string } {
  const problem = contractPathProblem(rawPath);
  if (problem) return { problem };
  const root = normalizeContractPath(rawPath);
  // An in-memory tree (tests, Nx Console previews) has no disk to follow links on.
  const escape = existsSync(tree.root) ? linkOutside(tree.root, root) : undefined;
  if (escape !== undefined) {
    return {
      problem: `${JSON.stringify(rawPath)} leads outside the workspace through the symbolic link "${escape}"; contract folders must stay inside the workspace`,
    };
  }
  return { root };
}

/** The contract entries already present in `root` (an empty folder counts as absent). */
export function existingContractEntries(tree: Tree, root: string): string[] {
  return CONTRACT_ENTRIES.filter((entry) => {
    const at = inRoot(root, entry);
    return tree.isFile(at) || tree.children(at).length > 0;
  });
}

/** `../../` for `models/churn`, '' for the root: the way back from a contract to the workspace. */
export function offsetToWorkspace(root: string): string {
  return root === '' ? '' : '../'.repeat(root.split('/').length);
}

/**
 * Files directly in `<root>/<artifact>/` that hold the artifact itself (`model.joblib`,
 * `explainer.dill`), which a reference.json replaces: the folder holds exactly one of the two.
 */
export function artifactFiles(tree: Tree, root: string, artifact: string): string[] {
  const folder = inRoot(root, artifact);
  return tree
    .children(folder)
    .filter((name) => name.startsWith(`${artifact}.`) && tree.isFile(`${folder}/${name}`))
    .sort()
    .map((name) => `${folder}/${name}`);
}

/** Other entries of the artifact folder, neither reference.json nor `<artifact>.*`. */
export function otherArtifactEntries(tree: Tree, root: string, artifact: string): string[] {
  const folder = inRoot(root, artifact);
  return tree
    .children(folder)
    .filter((name) => name !== 'reference.json' && !(name.startsWith(`${artifact}.`) && tree.isFile(`${folder}/${name}`)))
    .sort()
    .map((name) => `${folder}/${name}`);
}
