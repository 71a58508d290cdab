import { isUnder, pathsUnder } from './path-prefix';

describe('isUnder: whether a repository path lies in a folder', () => {
  it('holds the folder itself and what is below it', () => {
    expect(isUnder('models/a', 'models/a')).toBe(true);
    expect(isUnder('models/a/model/reference.json', 'models/a')).toBe(true);
  });

  it('does not hold a sibling whose name merely starts the same', () => {
    expect(isUnder('models/ab/metadata.json', 'models/a')).toBe(false);
    expect(isUnder('models/a.json', 'models/a')).toBe(false);
    expect(isUnder('models/a-b/x', 'models/a')).toBe(false);
  });

  it('does not hold a parent or an unrelated path', () => {
    expect(isUnder('models', 'models/a')).toBe(false);
    expect(isUnder('other/models/a/x', 'models/a')).toBe(false);
  });

  it('the root folder "" holds every path', () => {
    expect(isUnder('README.md', '')).toBe(true);
    expect(isUnder('models/a/x', '')).toBe(true);
  });

  it('a root file does not hold a longer root file', () => {
    expect(isUnder('metadata.json', 'metadata.json')).toBe(true);
    expect(isUnder('metadata.json.bak', 'metadata.json')).toBe(false);
  });
});

describe('pathsUnder: splitting one whole-tree answer per contract', () => {
  const changed = ['README.md', 'models/a/model/reference.json', 'models/ab/metadata.json', 'metadata.json', 'shared/features/f.py'];

  it('keeps only the paths in the given folders, in order', () => {
    expect(pathsUnder(changed, ['models/a/model', 'models/a/metadata.json'])).toEqual(['models/a/model/reference.json']);
    expect(pathsUnder(changed, ['models/ab/metadata.json', 'shared/features'])).toEqual(['models/ab/metadata.json', 'shared/features/f.py']);
  });

  it('a root contract sees only its own entries, not the rest of the repository', () => {
    expect(pathsUnder(changed, ['model', 'metadata.json', 'project.json'])).toEqual(['metadata.json']);
  });

  it('no folders: nothing', () => {
    expect(pathsUnder(changed, [])).toEqual([]);
  });
});
