import { decideGuard, likelyCauses, parseNameStatus } from './guard-decision';

const BASE = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);
const decide = (affected: string[], all: string[], allowAll = false, changes = parseNameStatus('')) =>
  decideGuard({ target: 'deeploy-deploy', base: BASE, head: HEAD, affected, all, allowAll, changes });

describe('decideGuard', () => {
  it('goes on when some contracts are affected, naming them', () => {
    expect(decide(['b'], ['a', 'b', 'c'])).toEqual({
      proceed: true,
      message: 'deeploy-ci guard: 1 of 3 projects with deeploy-deploy affected between aaaaaaa and bbbbbbb: b.',
    });
  });

  it('goes on when nothing is affected', () => {
    expect(decide([], ['a', 'b'])).toEqual({
      proceed: true,
      message: 'deeploy-ci guard: no project has deeploy-deploy affected between aaaaaaa and bbbbbbb; nothing to deploy.',
    });
  });

  it('goes on when the only contract is affected: "all" of one is no accident', () => {
    expect(decide(['a'], ['a']).proceed).toBe(true);
  });

  it('stops when every contract is affected, saying why and what to do', () => {
    const verdict = decide(['a', 'b', 'c'], ['c', 'b', 'a'], false, parseNameStatus('M\tnx.json\nM\tpackage-lock.json\nM\tmodels/a/metadata.json\n'));
    expect(verdict.proceed).toBe(false);
    const lines = verdict.message.split('\n');
    expect(lines[0]).toBe(
      'deeploy-ci guard: every one of the 3 projects with deeploy-deploy is affected between aaaaaaa and bbbbbbb, so this run would redeploy all of them; stopped before deploying anything.',
    );
    expect(lines[1]).toBe('  Likely cause: changed nx.json, package-lock.json.');
    expect(verdict.message).toContain('run the pipeline again with the CI variable DEEPLOY_ALLOW_ALL=true');
    expect(verdict.message).toContain('nx g deeploy:init --setProjectsAffectedByDependencyUpdates');
  });

  it('says that a deleted contract folder leaves its deployment running, and what names it', () => {
    const changes = parseNameStatus('D\tmodels/old/model/reference.json\nD\tmodels/old/metadata.json\nD\tdocs/notes.md\n');
    const lines = decide(['a', 'b'], ['a', 'b'], false, changes).message.split('\n');
    expect(lines[2]).toBe(
      '  Deleted contract folder models/old: its deployment keeps running; `deeploy-ci orphans` (run after the deploy) names it, and deleting stays yours, in Deeploy.',
    );
    expect(decide(['a', 'b'], ['a', 'b'], false, parseNameStatus('D\tdocs/notes.md\n')).message).not.toContain('Deleted contract folder');
  });

  it('names the usual causes when the changed files do not show one', () => {
    expect(decide(['a', 'b'], ['a', 'b']).message.split('\n')[1]).toContain('usually comes from nx.json, the lockfile, tsconfig.base.json');
  });

  it('lets everything run with DEEPLOY_ALLOW_ALL=true, and says so', () => {
    expect(decide(['a', 'b'], ['a', 'b'], true)).toEqual({
      proceed: true,
      message:
        'deeploy-ci guard: every one of the 2 projects with deeploy-deploy is affected between aaaaaaa and bbbbbbb; DEEPLOY_ALLOW_ALL=true, so all of them run.',
    });
  });

  it('shortens long lists', () => {
    const all = Array.from({ length: 30 }, (_, i) => `p${i}`);
    expect(decide(all.slice(0, 12), all).message).toMatch(/: p0, p1, .*, p9 and 2 more\.$/);
  });
});

describe('likelyCauses', () => {
  it('names deleted files, which make every project affected', () => {
    expect(likelyCauses(parseNameStatus('D\tmodels/old/model/reference.json\nA\tmodels/new/model/reference.json\n'))).toEqual([
      'deleted models/old/model/reference.json (deleting a file the plugins watch affects every project)',
    ]);
  });

  it('says nothing for changes inside contracts', () => {
    expect(likelyCauses(parseNameStatus('M\tmodels/a/metadata.json\n'))).toEqual([]);
  });
});
