/**
 * The workspace projects a project depends on, transitively, with their folders: read from the
 * project graph Nx hands every executor (`context.projectGraph`, batch executors included; the
 * same shape from Nx 22 to 24: `nodes[name].data.root` and `dependencies[name] = [{ target }]`).
 * Pure; typed structurally so an older or newer graph with extra fields reads the same.
 */
import { isUnder } from '../git/path-prefix';

export interface ProjectGraphLike {
  nodes?: Record<string, { data?: { root?: string } } | undefined>;
  dependencies?: Record<string, ReadonlyArray<{ target?: string } | undefined> | undefined>;
}

export interface ProjectFolder {
  project: string;
  /** Workspace-relative POSIX folder, '' for the workspace root. */
  root: string;
}

/** `./a/b/` → `a/b`; `.` and `./` → ''. */
export function normalizeRoot(root: string): string {
  const posix = root.replace(/\\/g, '/').replace(/\/+$/, '');
  const trimmed = posix.replace(/^(\.\/)+/, '');
  return trimmed === '.' ? '' : trimmed;
}

/**
 * The folders whose changes reach `project`, nearest first. Left out, though still followed to
 * their own dependencies:
 * - nodes that are not workspace projects (`npm:` and other external nodes have no folder in the
 *   repository; a lockfile change already reaches every project through Nx's own inputs);
 * - projects whose folder holds the contract's folder, the workspace root among them: their
 *   every file would count, so any change anywhere in the workspace (another contract, a README)
 *   would redeploy the model. What of theirs the contract uses sits in the contract's own folder,
 *   which is compared already.
 */
export function dependencyFoldersOf(graph: ProjectGraphLike | undefined, project: string, projectRoot: string): ProjectFolder[] {
  const ownRoot = normalizeRoot(projectRoot);
  const folders: ProjectFolder[] = [];
  const seen = new Set([project]);
  const queue = [project];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const edge of graph?.dependencies?.[current] ?? []) {
      const target = edge?.target;
      if (typeof target !== 'string' || seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
      const root = graph?.nodes?.[target]?.data?.root;
      if (typeof root !== 'string') continue;
      const folder = normalizeRoot(root);
      if (isUnder(ownRoot, folder)) continue;
      folders.push({ project: target, root: folder });
    }
  }
  return folders;
}
