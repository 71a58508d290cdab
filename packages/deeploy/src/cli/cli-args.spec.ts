import { parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('reads the summary options', () => {
    expect(parseCliArgs(['summary'])).toEqual({ command: 'summary', reports: undefined, out: undefined, print: false });
    expect(parseCliArgs(['summary', '--reports', 'r', '--out=s.md', '--print'])).toEqual({ command: 'summary', reports: 'r', out: 's.md', print: true });
  });

  it('reads the guard options, with deeploy-deploy as the default target', () => {
    expect(parseCliArgs(['guard', '--base=abc', '--head', 'HEAD'])).toEqual({ command: 'guard', base: 'abc', head: 'HEAD', target: 'deeploy-deploy' });
    expect(parseCliArgs(['guard', '--base=HEAD~1', '--head=HEAD', '--target=deploy-prod'])).toMatchObject({ target: 'deploy-prod' });
  });

  it('reads the doctor options', () => {
    expect(parseCliArgs(['doctor'])).toEqual({ command: 'doctor', out: undefined });
    expect(parseCliArgs(['doctor', '--out=d.json'])).toEqual({ command: 'doctor', out: 'd.json' });
  });

  it('reads the orphans options', () => {
    expect(parseCliArgs(['orphans'])).toEqual({ command: 'orphans', branch: undefined, out: undefined, failOnOrphans: false });
    expect(parseCliArgs(['orphans', '--branch=release/2026', '--out', 's.md', '--fail-on-orphans'])).toEqual({
      command: 'orphans',
      branch: 'release/2026',
      out: 's.md',
      failOnOrphans: true,
    });
  });

  it.each([
    [['orphans', '--branch=a b'], 'deeploy-ci orphans: --branch "a b" is not a branch name; e.g. --branch=main.'],
    [['orphans', '--branch=--all'], 'deeploy-ci orphans: --branch "--all" is not a branch name; e.g. --branch=main.'],
    [['orphans', 'models/fraud'], "deeploy-ci orphans: Unexpected argument 'models/fraud'"],
    [['doctor', '--out='], 'deeploy-ci doctor: --out is empty; pass a path, e.g. --out=doctor.json.'],
    [['doctor', '--write'], "deeploy-ci doctor: Unknown option '--write'; see deeploy-ci --help."],
    [['guard', '--head=HEAD'], 'deeploy-ci guard: --base is missing; pass the base commit, e.g. --base="$NX_BASE".'],
    [
      ['guard', '--base=', '--head=HEAD'],
      "deeploy-ci guard: --base is empty (is $NX_BASE set? nrwl/nx-set-shas or the pipeline's base step sets it); pass a commit sha.",
    ],
    [['guard', '--base=abc', '--head=--all'], 'deeploy-ci guard: --head "--all" is not a commit; pass a sha or ref such as HEAD~1.'],
    [['guard', '--base=a', '--head=b', '--target=a b'], 'deeploy-ci guard: --target "a b" is not a target name; e.g. --target=deeploy-deploy.'],
    [['summary', '--out='], 'deeploy-ci summary: --out is empty; pass a path, e.g. --out="$GITHUB_STEP_SUMMARY".'],
    [['summary', '--outt=x'], "deeploy-ci summary: Unknown option '--outt'; see deeploy-ci --help."],
    [['deploy'], 'deeploy-ci: unknown command "deploy"; use summary, guard, orphans or doctor (deeploy-ci --help).'],
  ])('refuses %j with one line', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('shows the usage for --help or no command', () => {
    expect(parseCliArgs([])).toEqual({ command: 'help' });
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help' });
  });
});
