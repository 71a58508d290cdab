/**
 * Writes `<root>/<artifact>/reference.json`, the one writer both generators use, and removes the
 * artifact file it replaces (`model.joblib`, `explainer.dill`): an artifact folder holds exactly one
 * of the two, and Deeploy must not have to guess which one is meant.
 *
 * `writeJson` writes 2-space JSON with a trailing newline; key order is the order the reference was
 * built in (schema order), so the same flags give the same bytes.
 */
import { writeJson } from '../../nx/devkit';
import type { Tree } from '../../nx/devkit';
import type { Artifact } from '../../contract/enums';
import type { ReferenceFile } from '../../contract/reference-schema';
import { artifactFiles, inRoot } from './contract-root';

/** The removed artifact files, for the log. */
export function writeReference(tree: Tree, root: string, artifact: Artifact, file: ReferenceFile): string[] {
  const replaced = artifactFiles(tree, root, artifact);
  for (const path of replaced) tree.delete(path);
  writeJson(tree, inRoot(root, `${artifact}/reference.json`), file);
  return replaced;
}
