import { isCI, isInteractive } from './interactive';

describe('isInteractive (the rule Nx generators prompt by)', () => {
  const tty = { isTTY: true };

  it('asks in a terminal under nx g', () => {
    expect(isInteractive({ NX_INTERACTIVE: 'true' }, tty)).toBe(true);
  });

  it('does not ask with --no-interactive, outside nx g, or with stdout piped', () => {
    expect(isInteractive({ NX_INTERACTIVE: 'false' }, tty)).toBe(false);
    expect(isInteractive({}, tty)).toBe(false);
    expect(isInteractive({ NX_INTERACTIVE: 'true' }, {})).toBe(false);
  });

  it.each([
    { CI: 'true' },
    { CI: '1' },
    { GITHUB_ACTIONS: 'true' },
    { GITLAB_CI: 'true' },
    { BUILD_NUMBER: '7' },
    { JENKINS_URL: 'http://ci' },
    { 'bamboo.buildKey': 'K' },
  ])('does not ask on a CI server: %p', (env) => {
    expect(isCI(env)).toBe(true);
    expect(isInteractive({ ...env, NX_INTERACTIVE: 'true' }, tty)).toBe(false);
  });

  it('CI=false overrides the CI servers, as in Nx', () => {
    expect(isCI({ CI: 'false', GITHUB_ACTIONS: 'true' })).toBe(false);
  });
});
