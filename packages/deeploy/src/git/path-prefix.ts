/**
 * Which repository paths lie in which folders: the in-memory half of asking git once for the whole
 * tree and splitting the answer per contract (`change-index.ts`). Pure.
 *
 * Paths are repository-relative POSIX paths as git prints them with `-z` (no quoting, no leading
 * `./`, no trailing `/`). A folder holds a path when the path is the folder itself or starts with
 * the folder followed by `/`: `a` holds `a/x` but not `ab/x`. The folder '' is the repository
 * root and holds every path.
 */

export function isUnder(path: string, folder: string): boolean {
  if (folder === '') return true;
  return path === folder || (path.startsWith(folder) && path.charCodeAt(folder.length) === 0x2f); /* '/' */
}

/** The paths that lie in at least one of the folders (or are one of the files), in their order. */
export function pathsUnder(paths: readonly string[], folders: readonly string[]): string[] {
  if (folders.length === 0) return [];
  return paths.filter((path) => folders.some((folder) => isUnder(path, folder)));
}
