import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { createRepo, git } from './git';
import { tempDir } from './paths';

describe('createRepo', () => {
  let base: string;
  beforeEach(() => {
    base = tempDir('support-git-');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('commits the files with the test identity and pushes them to the bare origin', () => {
    const repo = createRepo(base, { 'models/a/metadata.json': { problemType: 'classification' }, 'README.md': 'hi\n' });
    expect(repo.originHead()).toBe(repo.head());
    expect(repo.status()).toBe('');
    expect(repo.git('show', '-s', '--format=%an <%ae>')).toBe('Deeploy Test <test@example.invalid>');
    expect(repo.git('show', 'HEAD:models/a/metadata.json')).toBe('{\n  "problemType": "classification"\n}');

    repo.write('README.md', 'changed\n');
    const sha = repo.commitAndPush('change');
    expect(repo.originHead()).toBe(sha);
  });

  it('fails with the git command and its message', () => {
    expect(() => git(base, ['rev-parse', 'HEAD'])).toThrow(/`git rev-parse HEAD` in .* failed \(exit 128\): fatal: not a git repository/);
  });
});
