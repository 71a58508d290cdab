/**
 * Renders a folder of EJS templates into the tree, as `@nx/devkit`'s `generateFiles` does (see
 * `./devkit.ts` for why we do not depend on @nx/devkit): `__name__` segments of file names are
 * replaced by the substitution of that name (so `__tmpl__` with `tmpl: ''` drops a suffix), and
 * file contents are rendered with EJS. Existing files are overwritten: callers decide beforehand
 * whether that is allowed (`--overwrite`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ejs from 'ejs';
import type { Tree } from 'nx/src/devkit-exports';

function filesIn(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(folder, entry.name);
      return entry.isDirectory() ? filesIn(full) : [full];
    })
    .sort();
}

/** `.github/workflows/deeploy.yml__tmpl__` with `{tmpl: ''}` → `.github/workflows/deeploy.yml`. */
function substitutePath(relativePath: string, substitutions: Record<string, unknown>): string {
  return relativePath.replace(/__([A-Za-z0-9_]+?)__/g, (whole, name: string) => (name in substitutions ? String(substitutions[name]) : whole));
}

export function generateFiles(tree: Tree, templateFolder: string, targetFolder: string, substitutions: Record<string, unknown>): void {
  const files = filesIn(templateFolder);
  if (files.length === 0) throw new Error(`generateFiles: no templates in ${templateFolder}`);
  for (const file of files) {
    const relative = path.relative(templateFolder, file).split(path.sep).join('/');
    const target = path.posix.join(targetFolder, substitutePath(relative, substitutions));
    const content = ejs.render(readFileSync(file, 'utf-8'), substitutions, { filename: file });
    tree.write(target, content);
  }
}
