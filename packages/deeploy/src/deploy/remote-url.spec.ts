import { matchRepository, normalizeRemoteUrl } from './remote-url';

describe('normalizeRemoteUrl', () => {
  it.each([
    'git@github.com:acme/models.git',
    'git@GitHub.com:acme/models',
    'ssh://git@github.com/acme/models.git',
    'ssh://git@github.com:22/acme/models/',
    'git+ssh://git@github.com/acme/models.git',
    'https://github.com/acme/models',
    'https://github.com/Acme/Models.git/',
    'https://user:s3cr3t@github.com/acme/models.git',
    'https://oauth2@github.com:443/acme/models',
    'http://github.com/acme/models',
    'git://github.com/acme/models.git',
  ])('reduces %s to github.com/acme/models', (url) => {
    expect(normalizeRemoteUrl(url)).toBe('github.com/acme/models');
  });

  it('keeps a non-default https port and drops an ssh port', () => {
    expect(normalizeRemoteUrl('https://git.acme.io:8443/ml/models.git')).toBe('git.acme.io:8443/ml/models');
    expect(normalizeRemoteUrl('ssh://git@git.acme.io:7999/ml/models.git')).toBe('git.acme.io/ml/models');
  });

  it('treats local paths and file URLs as the same repository on disk', () => {
    expect(normalizeRemoteUrl('/tmp/x/origin.git')).toBe('file:/tmp/x/origin');
    expect(normalizeRemoteUrl('file:///tmp/x/origin.git/')).toBe('file:/tmp/x/origin');
  });
});

describe('matchRepository', () => {
  const repos = [
    { id: 'r1', name: 'models', remotePath: 'https://github.com/acme/models.git' },
    { id: 'r2', name: 'other', remotePath: 'git@github.com:acme/other.git' },
    { id: 'r3', name: 'no-remote' },
  ];

  it('finds the repository whatever form either side uses', () => {
    expect(matchRepository('git@github.com:Acme/models.git', repos).id).toBe('r1');
    expect(matchRepository('https://ci:token@github.com/acme/other', repos).id).toBe('r2');
  });

  it('lists what was compared when nothing matches, without credentials', () => {
    let message = '';
    try {
      matchRepository('https://ci:tok3n@github.com/acme/missing.git', repos);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'git remote "origin" (github.com/acme/missing) matches no Deeploy repository (the workspace\'s repositories are github.com/acme/models, github.com/acme/other): add the repository in Deeploy, or set the "remote" option to the remote Deeploy knows',
    );
    expect(message).not.toContain('tok3n');
  });

  it('refuses several matches, naming them', () => {
    const dup = [...repos, { id: 'r4', name: 'models-copy', remotePath: 'ssh://git@github.com/acme/models' }];
    expect(() => matchRepository('https://github.com/acme/models', dup, 'upstream')).toThrow(
      'git remote "upstream" (github.com/acme/models) matches 2 Deeploy repositories (models (r1), models-copy (r4)): remove the duplicate in Deeploy',
    );
  });
});
