/**
 * CI checkouts are often a detached HEAD, so the branch Deeploy should read from comes from the
 * CI's variables. Pure: the environment is passed in.
 */

export interface CiBranch {
  branch: string;
  /** The variable it came from, for messages. */
  variable: string;
}

/**
 * The variables, most specific first. A pull/merge request names its source branch separately:
 * GitHub's `GITHUB_REF_NAME` is then `<n>/merge`, not a branch, so `GITHUB_HEAD_REF` comes first;
 * GitLab's `CI_COMMIT_REF_NAME` is a tag name in tag pipelines, so it is used only without
 * `CI_COMMIT_TAG`, and GitHub's `GITHUB_REF_NAME` only when `GITHUB_REF_TYPE` is not `tag`.
 */
export function branchFromCiEnv(env: NodeJS.ProcessEnv): CiBranch | undefined {
  const candidates: [string, boolean][] = [
    ['GITHUB_HEAD_REF', true],
    ['GITHUB_REF_NAME', env.GITHUB_REF_TYPE !== 'tag'],
    ['CI_MERGE_REQUEST_SOURCE_BRANCH_NAME', true],
    ['CI_COMMIT_REF_NAME', !env.CI_COMMIT_TAG],
  ];
  for (const [variable, usable] of candidates) {
    const value = env[variable]?.trim();
    if (usable && value) return { branch: value.replace(/^refs\/heads\//, ''), variable };
  }
  return undefined;
}
