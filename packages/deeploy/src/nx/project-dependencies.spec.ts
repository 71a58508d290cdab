import { dependencyFoldersOf, normalizeRoot, type ProjectGraphLike } from './project-dependencies';

const node = (root: string) => ({ data: { root } });

describe('dependencyFoldersOf: the folders whose changes reach a contract', () => {
  const graph: ProjectGraphLike = {
    nodes: {
      churn: node('models/churn'),
      fraud: node('models/fraud'),
      'shared-features': node('shared/features'),
      'shared-utils': node('./shared/utils/'),
      workspace: node('.'),
      models: node('models'),
    },
    dependencies: {
      churn: [{ target: 'shared-features' }, { target: 'npm:numpy' }, { target: 'workspace' }, { target: 'models' }],
      'shared-features': [{ target: 'shared-utils' }, { target: 'churn' }],
      workspace: [{ target: 'fraud' }],
      fraud: [],
    },
  };

  it('follows dependencies transitively, nearest first, each once (cycles included)', () => {
    expect(dependencyFoldersOf(graph, 'churn', 'models/churn')).toEqual([
      { project: 'shared-features', root: 'shared/features' },
      { project: 'shared-utils', root: 'shared/utils' },
      { project: 'fraud', root: 'models/fraud' },
    ]);
  });

  it('leaves out npm nodes and projects whose folder holds the contract (the workspace root among them), but follows them', () => {
    const names = dependencyFoldersOf(graph, 'churn', 'models/churn').map((f) => f.project);
    expect(names).not.toContain('npm:numpy');
    expect(names).not.toContain('workspace');
    expect(names).not.toContain('models');
    // reached only through the root project
    expect(names).toContain('fraud');
  });

  it('a sibling whose name starts like the contract folder is a dependency like any other', () => {
    const g: ProjectGraphLike = { nodes: { a: node('models/a'), ab: node('models/ab') }, dependencies: { ab: [{ target: 'a' }] } };
    expect(dependencyFoldersOf(g, 'ab', 'models/ab')).toEqual([{ project: 'a', root: 'models/a' }]);
  });

  it('a contract at the workspace root has no dependency folder that holds it except the root itself', () => {
    const g: ProjectGraphLike = { nodes: { root: node('.'), lib: node('libs/x') }, dependencies: { root: [{ target: 'lib' }] } };
    expect(dependencyFoldersOf(g, 'root', '.')).toEqual([{ project: 'lib', root: 'libs/x' }]);
  });

  it('no graph, or a project without edges: none', () => {
    expect(dependencyFoldersOf(undefined, 'churn', 'models/churn')).toEqual([]);
    expect(dependencyFoldersOf({ nodes: {}, dependencies: {} }, 'churn', 'models/churn')).toEqual([]);
  });
});

describe('normalizeRoot', () => {
  it.each([
    ['.', ''],
    ['./', ''],
    ['', ''],
    ['./a/b/', 'a/b'],
    ['a\\b', 'a/b'],
  ])('%s → %s', (root, expected) => expect(normalizeRoot(root)).toBe(expected));
});
