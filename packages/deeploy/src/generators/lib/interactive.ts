/**
 * Whether a generator may ask questions: the rule Nx's own generators use (`promptWhenInteractive`
 * in @nx/devkit), restated here because its home is a deep `nx/src` import that moved in Nx 23.
 * `nx g` sets NX_INTERACTIVE to "true", or to "false" with `--no-interactive`; a CI server or a
 * piped stdout never gets questions.
 */

/** Nx's `isCI()`: the CI variable (unless "false") or one of the CI servers' own variables. */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  if (env.CI === 'false') return false;
  return Boolean(
    env.CI ||
    env.TF_BUILD === 'true' ||
    env.GITHUB_ACTIONS === 'true' ||
    env.BUILDKITE === 'true' ||
    env.CIRCLECI === 'true' ||
    env.CIRRUS_CI === 'true' ||
    env.TRAVIS === 'true' ||
    env['bamboo.buildKey'] ||
    env.bamboo_buildKey ||
    env.CODEBUILD_BUILD_ID ||
    env.GITLAB_CI ||
    env.HEROKU_TEST_RUN_ID ||
    env.BUILD_ID ||
    env.BUILD_NUMBER ||
    env.BUILD_BUILDID ||
    env.TEAMCITY_VERSION ||
    env.JENKINS_URL ||
    env.HUDSON_URL,
  );
}

export function isInteractive(env: NodeJS.ProcessEnv, stdout: { isTTY?: boolean }): boolean {
  return !isCI(env) && Boolean(stdout.isTTY) && env.NX_INTERACTIVE === 'true';
}
