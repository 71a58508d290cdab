import { ciGeneratorOptionsSchema, parseCiGeneratorOptions } from './options';

const shape = ciGeneratorOptionsSchema.shape;

describe('ci generator options', () => {
  it('accept --nodeVersion as text or, as the command line may pass a bare major, a whole number', () => {
    expect(shape.nodeVersion.safeParse(22).success).toBe(true);
    expect(shape.nodeVersion.safeParse('22.11.0').success).toBe(true);
  });

  it('take --parallel as a whole number of at least 1', () => {
    expect(shape.parallel.safeParse(1).success).toBe(true);
    expect(shape.parallel.safeParse(0).success).toBe(false);
    expect(shape.parallel.safeParse(1.5).success).toBe(false);
  });
});

describe('parseCiGeneratorOptions', () => {
  it('fills the defaults', () => {
    expect(parseCiGeneratorOptions({ provider: 'gitlab' })).toEqual({
      provider: 'gitlab',
      parallel: 3,
      mainBranch: 'main',
      nodeVersion: '20',
      overwrite: false,
    });
  });

  it('keeps a node version given as a number (as the command line may pass it) as text', () => {
    expect(parseCiGeneratorOptions({ provider: 'github', nodeVersion: 22 }).nodeVersion).toBe('22');
  });

  it.each([
    [{}, 'deeploy:ci: option --provider (missing) must be github or gitlab; pass --provider=github or --provider=gitlab.'],
    [{ provider: 'bitbucket' }, 'deeploy:ci: option --provider (got "bitbucket") must be github or gitlab; pass --provider=github or --provider=gitlab.'],
    [{ provider: 'github', parallel: 0 }, 'deeploy:ci: option --parallel (got 0) must be a whole number of at least 1, e.g. --parallel=3.'],
    [
      { provider: 'github', mainBranch: 'main; rm -rf /' },
      'deeploy:ci: option --mainBranch (got "main; rm -rf /") must be a branch name made of letters, digits, ".", "_", "/" and "-", e.g. --mainBranch=main.',
    ],
    [
      { provider: 'github', nodeVersion: 'latest' },
      'deeploy:ci: option --nodeVersion (got "latest") must be a Node.js major or full version such as 20 or 20.19.0, e.g. --nodeVersion=20.',
    ],
    [
      { provider: 'github', nodeVersion: 20.1 },
      'deeploy:ci: option --nodeVersion (got 20.1) must be a Node.js major or full version such as 20 or 20.19.0, e.g. --nodeVersion=20.',
    ],
  ])('refuses %j with one line naming the option, the rule and an example', (raw, message) => {
    expect(() => parseCiGeneratorOptions(raw)).toThrow(message);
  });
});
