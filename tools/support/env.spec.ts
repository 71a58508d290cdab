import { describe, expect, it } from '@jest/globals';
import { INHERITED_ENV_TO_DROP, cleanEnv } from './env';

describe('cleanEnv', () => {
  const inherited = {
    PATH: '/usr/bin',
    HOME: '/home/me',
    NPM_CONFIG_REGISTRY: 'https://mirror.example/',
    CI: 'true',
    CI_COMMIT_REF_NAME: 'feature',
    GITHUB_STEP_SUMMARY: '/tmp/summary.md',
    BRANCH_NAME: 'feature',
    GIT_DIR: '/elsewhere/.git',
    GIT_AUTHOR_NAME: 'The Person',
    NX_DAEMON: 'true',
    NX_BATCH_MODE: 'true',
    DEEPLOY_SECRET_KEY: 'the-person-s-real-key',
    npm_config_local_prefix: '/repo',
    npm_lifecycle_event: 'test',
    INIT_CWD: '/repo',
    JEST_WORKER_ID: '1',
  };

  it('keeps what a plain shell has, drops every variable of the list, and sets the fixed settings', () => {
    expect(cleanEnv({}, inherited)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      // The person's deliberate npm setting (a mirror) stays; `npm run`'s lower-case context goes.
      NPM_CONFIG_REGISTRY: 'https://mirror.example/',
      GIT_AUTHOR_NAME: 'Deeploy Test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'Deeploy Test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
      NX_INTERACTIVE: 'false',
      FORCE_COLOR: '0',
    });
  });

  it('lets the caller add and override settings last', () => {
    const env = cleanEnv({ NX_DAEMON: 'true', DEEPLOY_API_URL: 'http://127.0.0.1:1' }, inherited);
    expect(env.NX_DAEMON).toBe('true');
    expect(env.DEEPLOY_API_URL).toBe('http://127.0.0.1:1');
    expect(env.DEEPLOY_SECRET_KEY).toBeUndefined();
  });

  it('says why each variable is dropped', () => {
    for (const { why } of INHERITED_ENV_TO_DROP) expect(why.length).toBeGreaterThan(20);
  });
});
