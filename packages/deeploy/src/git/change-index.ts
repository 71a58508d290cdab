/**
 * Change detection for a batch of contracts at a cost that does not grow with their number
 * (issue 15): git is asked once for the whole tree and the answers are split per contract in
 * memory (`path-prefix.ts`), instead of one `status`, `diff` and `ls-tree`/`show` per contract.
 *
 * - uncommitted files: one `git status` of the whole working tree, taken when the first task asks;
 * - files changed since a deployed commit: one `git diff-tree` per distinct pair (deployed commit,
 *   HEAD), usually one or two per batch, whatever the number of contracts deployed at each;
 * - the settings files (`project.json`) that pair changed, read by one `git cat-file --batch`
 *   together, since a contract whose settings file changed compares its deploy settings at both
 *   commits (`contract-changes.ts`); an unchanged settings file is never read.
 *
 * The snapshot of the working tree stays right for the batch: the only writes during a batch are
 * route 3's new references, committed inside their own contract's folder, and a later task of that
 * same project does not use the batch's git (`batch.ts`). A failed answer is forgotten, so a later
 * task asks again; so is "this commit is not here", since it may be fetched meanwhile.
 */
import type { GitBridge, TreeChange } from './git-bridge';
import { SETTINGS_FILE } from './git-state';
import { pathsUnder } from './path-prefix';
import { keptAnswers } from './kept-answers';

type ChangeQueries = Pick<GitBridge, 'uncommittedPaths' | 'changedPathsBetween' | 'fileAt' | 'hasCommit' | 'commitOf'>;

function isSettingsFile(path: string): boolean {
  return path === SETTINGS_FILE || path.endsWith(`/${SETTINGS_FILE}`);
}

export function changeIndex(git: GitBridge): ChangeQueries {
  const once = keptAnswers();
  /** Texts of settings files at a commit, `${commit}\0${path}` → text, undefined when absent there. */
  const settingsTexts = new Map<string, string | undefined>();

  const changesBetween = (from: string, to: string): Promise<TreeChange[]> =>
    once(`diff ${from} ${to}`, async () => {
      const changes = await git.treeChanges(from, to);
      const settings = changes.filter((change) => isSettingsFile(change.path));
      const blobs = await git.readBlobs(settings.flatMap((change) => [change.before, change.after].filter((id): id is string => id !== undefined)));
      const keep = (commit: string, path: string, id: string | undefined) => {
        // A blob git did not return stays unknown here: fileAt then asks for it on its own.
        if (id === undefined || blobs.has(id)) settingsTexts.set(`${commit}\0${path}`, id === undefined ? undefined : blobs.get(id));
      };
      for (const { path, before, after } of settings) {
        keep(from, path, before);
        keep(to, path, after);
      }
      return changes;
    });

  // A missing commit is asked again next time: a fetch may bring it.
  const commitOf = async (ref: string) => {
    const commit = await once(`commitOf ${ref}`, () => git.commitOf(ref));
    if (commit === undefined) once.forget(`commitOf ${ref}`);
    return commit;
  };
  return {
    async uncommittedPaths(paths) {
      return pathsUnder(await once('status', () => git.uncommittedTree()), paths);
    },
    async changedPathsBetween(from, to, paths) {
      const changes = await changesBetween(from, to);
      return pathsUnder(
        changes.map((change) => change.path),
        paths,
      );
    },
    async fileAt(commit, path) {
      const key = `${commit}\0${path}`;
      // Known when a diff this batch computed changed the file; otherwise asked as before.
      return settingsTexts.has(key) ? settingsTexts.get(key) : git.fileAt(commit, path);
    },
    async hasCommit(sha) {
      return (await commitOf(sha)) !== undefined;
    },
    commitOf,
  };
}
