/**
 * Writes `<root>/<artifact>/reference.json` from the one EJS template both generators use, and removes the
 * artifact file it replaces (`model.joblib`, `explainer.dill`): an artifact folder holds exactly one
 * of the two, and Deeploy must not have to guess which one is meant.
 */
import * as path from 'node:path';
import { generateFiles } from '../../nx/devkit';
import type { Tree } from '../../nx/devkit';
import type { Artifact } from '../../contract/enums';
import type { ReferenceFile } from '../../contract/reference-schema';
import { artifactFiles } from './contract-root';
import { jsonFileText } from './json-file';

const REFERENCE_TEMPLATES = path.join(__dirname, 'files', 'reference');

/** The removed artifact files, for the log. */
export function writeReference(tree: Tree, root: string, artifact: Artifact, file: ReferenceFile): string[] {
  const replaced = artifactFiles(tree, root, artifact);
  for (const path of replaced) tree.delete(path);
  generateFiles(tree, REFERENCE_TEMPLATES, root, { tmpl: '', artifact, json: jsonFileText(file) });
  return replaced;
}
