import type { TaskGraph } from '../nx/devkit';
import { dependencyIds } from './batch';

describe('the task dependencies a batch schedules by', () => {
  const graph = (dependencies: Record<string, unknown[]>) => ({ roots: [], tasks: {}, dependencies, continuousDependencies: {} }) as unknown as TaskGraph;

  it('reads the string ids of Nx 22 and 23', () => {
    expect(dependencyIds(graph({ 'a:deeploy-deploy': ['lib:build'] }), 'a:deeploy-deploy')).toEqual(['lib:build']);
  });

  it('reads the edge objects of Nx 24', () => {
    expect(dependencyIds(graph({ 'a:deeploy-deploy': [{ id: 'lib:build' }, { id: 'b:deeploy-deploy', waitFor: 'ready' }] }), 'a:deeploy-deploy')).toEqual([
      'lib:build',
      'b:deeploy-deploy',
    ]);
  });

  it('is empty for a task without an entry', () => {
    expect(dependencyIds(graph({}), 'a:deeploy-deploy')).toEqual([]);
  });
});
