/**
 * The ONE environment every child process of the tools and the e2e suite starts with: the caller's
 * environment minus what would make a throwaway workspace behave like the CI job, the repository
 * or the person running it, plus fixed settings (quiet Nx, no daemon, a fixed git identity and no
 * git config). A test or a figure must not change because of who runs it or where.
 */

/** Inherited variables dropped, each with the reason it would steer a child away from a plain local run. */
export const INHERITED_ENV_TO_DROP: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  // The executors name the branch and the CI provider from these, and `CI` switches Nx and npm to CI behaviour.
  { pattern: /^CI$/, why: 'Nx, npm and the plugin behave as in CI' },
  { pattern: /^CI_/, why: 'GitLab CI variables: the executors read the branch and the pipeline from them' },
  {
    pattern: /^(GITHUB|GITLAB|BUILDKITE|CIRCLE|TRAVIS|JENKINS|BITBUCKET|TEAMCITY|DRONE|AZURE|SYSTEM|BUILD)_/,
    why: "CI providers' variables: branch names, step summary files (GITHUB_STEP_SUMMARY) the executors write to",
  },
  { pattern: /^(BRANCH_NAME|GIT_BRANCH|CHANGE_BRANCH)$/, why: 'Jenkins-style branch variables the executors read' },
  { pattern: /^GIT_/, why: "git's own variables (GIT_DIR, GIT_INDEX_FILE, a hook's GIT_* …) would point git at the caller's repository" },
  { pattern: /^NX_/, why: "the caller's Nx settings (daemon, cache, batch mode, verbose output) and Nx's task variables" },
  { pattern: /^DEEPLOY_/, why: "the person's Deeploy settings and keys: a child must only reach the emulator it is given" },
  {
    pattern: /^npm_/,
    why: "`npm run`'s script context (npm_config_*, npm_package_*, npm_lifecycle_*): the repository's, not the workspace's; npm re-reads .npmrc itself",
  },
  { pattern: /^INIT_CWD$/, why: '`npm run` sets it to the directory it was started in' },
  { pattern: /^JEST_WORKER_ID$/, why: 'makes tools in the child think they run inside jest' },
];

/** A fixed author and committer: commits must not carry (or need) the person's identity. */
export const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Deeploy Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Deeploy Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
} as const;

/** Git without the machine's or the person's config (signing, hooks, default branch) and never prompting. */
export const GIT_ISOLATION = {
  ...GIT_IDENTITY,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
} as const;

/** Nx as in CI and reproducible: no daemon, no cloud, no terminal UI, no prompts, plain text. */
export const NX_QUIET = {
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NX_INTERACTIVE: 'false',
  // Plain text for assertions and logs (NO_COLOR too would make node warn that FORCE_COLOR wins).
  FORCE_COLOR: '0',
} as const;

export function shouldDrop(name: string): boolean {
  return INHERITED_ENV_TO_DROP.some(({ pattern }) => pattern.test(name));
}

/** The environment for a child process: `from` (default process.env) cleaned, the fixed settings, then `extra`. */
export function cleanEnv(extra: Record<string, string> = {}, from: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(from)) {
    if (!shouldDrop(key)) env[key] = value;
  }
  return { ...env, ...GIT_ISOLATION, ...NX_QUIET, ...extra };
}
