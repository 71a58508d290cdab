/**
 * git for the tasks of one batch. The facts that are the same for every contract of the workspace
 * are asked once and kept for the batch: the top level, a remote's URL, the checked-out branch,
 * HEAD, and the remote branch's head (`ls-remote`, a round trip to the remote, with its
 * authentication when the remote is hosted), and when HEAD is not that head, whether it is one of
 * its ancestors (fetching the branch at most once). So every task of a batch deploys the commit
 * HEAD had when the batch started, checked once against the remote.
 *
 * That snapshot stays right while route 3 tasks commit and push: their commits sit on top of it
 * and touch only their own contract's references, so the snapshot's commit still holds every
 * other contract as it is, and stays on the remote branch. Those writes run one at a time, since
 * two commits at once in one repository would fight over its index.
 * What depends on the contract (uncommitted files, changes since the deployed commit, settings
 * files at a commit) is answered from whole-tree answers split per contract (`change-index.ts`),
 * so the batch's git work does not grow with its number of contracts.
 * A failed answer is forgotten, so a later task asks again.
 */
import { changeIndex } from '../git/change-index';
import type { GitBridge } from '../git/git-bridge';
import { keptAnswers } from '../git/kept-answers';

export function batchGit(git: GitBridge): GitBridge {
  const once = keptAnswers();
  let writes: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(write: () => Promise<T>): Promise<T> => {
    const result = writes.then(write);
    writes = result.catch(() => undefined);
    return result;
  };
  return {
    ...git,
    topLevel: () => once('topLevel', () => git.topLevel()),
    commonDir: () => once('commonDir', () => git.commonDir()),
    remoteUrl: (remote) => once(`remoteUrl ${remote}`, () => git.remoteUrl(remote)),
    currentBranch: () => once('currentBranch', () => git.currentBranch()),
    headCommit: () => once('headCommit', () => git.headCommit()),
    remoteBranchHead: (remote, branch) => once(`remoteBranchHead ${remote} ${branch}`, () => git.remoteBranchHead(remote, branch)),
    fetchBranch: (remote, branch) => once(`fetchBranch ${remote} ${branch}`, () => git.fetchBranch(remote, branch)),
    // Ancestry between two commits never changes once both are here.
    isAncestor: (ancestor, descendant) => once(`isAncestor ${ancestor} ${descendant}`, () => git.isAncestor(ancestor, descendant)),
    isShallow: () => once('isShallow', () => git.isShallow()),
    // One fetch at a time: fetches into one (shallow) repository contend for its lock files.
    fetchCommit: (remote, sha, shallow) => once(`fetchCommit ${remote} ${sha}`, () => oneAtATime(() => git.fetchCommit(remote, sha, shallow))),
    ...changeIndex(git),
    commitPaths: (paths, message) => oneAtATime(() => git.commitPaths(paths, message)),
    push: (remote, branch) => oneAtATime(() => git.push(remote, branch)),
  };
}
