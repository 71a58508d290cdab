/**
 * Writes `<root>/<artifact>/reference.json` from a generator's EJS template folder and removes the
 * artifact file it replaces (`model.joblib`, `explainer.dill`): an artifact folder holds exactly one
 * of the two, and Deeploy must not have to guess which one is meant.
 */
import { generateFiles } from '@nx/devkit';
import type { Tree } from '@nx/devkit';
import type { Artifact } from '../../contract/enums';
import type { ReferenceFile } from '../../contract/reference-schema';
import { artifactFiles } from './contract-root';
import { jsonFileText } from './json-file';

/** The removed artifact files, for the log. */
export function writeReference(tree: Tree, templateDir: string, root: string, artifact: Artifact, file: ReferenceFile): string[] {
  const replaced = artifactFiles(tree, root, artifact);
  for (const path of replaced) tree.delete(path);
  generateFiles(tree, templateDir, root, { tmpl: '', artifact, json: jsonFileText(file) });
  return replaced;
}
