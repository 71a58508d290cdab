/**
 * What a create or update ends in: Deeploy reads the contract from the repository at the
 * deployed commit and the deployment fails when it cannot. The emulator does the same when the
 * repository's remote is a local git repository; a hosted remote it cannot read simply runs.
 */
import { contractProblem } from './contract-check';
import { GitReader, localGitDirOf } from './git-reader';
import { DEPLOYMENT_STATUS } from './status';
import type { StoredRepository } from './types';

export interface RolloutOutcome {
  /** The commit that was read (the branch head when none was asked for). */
  commit?: string;
  status: number;
  statusMessage?: string;
}

export async function rolloutOutcome(
  repository: StoredRepository,
  version: { branchName: string; commit?: string; contractPath: string },
): Promise<RolloutOutcome> {
  const gitDir = localGitDirOf(repository.remotePath);
  if (!gitDir) return { commit: version.commit, status: DEPLOYMENT_STATUS.RUNNING };
  const git = new GitReader(gitDir);
  const failed = (statusMessage: string, commit = version.commit): RolloutOutcome => ({ commit, status: DEPLOYMENT_STATUS.FAILED, statusMessage });
  try {
    const head = await git.branchHead(version.branchName);
    if (!head) return failed(`branch "${version.branchName}" does not exist in repository ${repository.name}`);
    let commit = head;
    if (version.commit !== undefined) {
      const found = await git.commitOf(version.commit);
      if (!found) return failed(`commit ${version.commit} does not exist in repository ${repository.name}`);
      commit = found;
    }
    const problem = await contractProblem(
      { listFolder: (folder) => git.listFolder(commit, folder), readFile: (file) => git.readFile(commit, file) },
      version.contractPath,
    );
    if (problem) return failed(`invalid contract at commit ${commit.slice(0, 12)}: ${problem}`, commit);
    return { commit, status: DEPLOYMENT_STATUS.RUNNING };
  } catch (error) {
    return failed(`could not read repository ${repository.name}: ${(error as Error).message.split('\n')[0]}`);
  }
}
