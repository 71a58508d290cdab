import { applyDeployOptions, newProjectJson } from './project-settings';

const names = { deployTargetName: 'deeploy-deploy', updateTargetName: 'deeploy-update' };

describe('newProjectJson', () => {
  it('names the project, points at the Nx schema from its depth, and writes only given options', () => {
    expect(newProjectJson('models/churn', 'models/churn', 'ship', { modelType: 'SKLEARN' })).toEqual({
      name: 'models/churn',
      $schema: '../../node_modules/nx/schemas/project-schema.json',
      targets: { ship: { options: { modelType: 'SKLEARN' } } },
    });
    expect(newProjectJson('', 'deeploy-contract', 'deeploy-deploy', {})).toEqual({
      name: 'deeploy-contract',
      $schema: 'node_modules/nx/schemas/project-schema.json',
    });
  });
});

describe('applyDeployOptions', () => {
  const existing = {
    name: 'churn',
    tags: ['ml'],
    targets: {
      'deeploy-deploy': { options: { modelType: 'SKLEARN', deploymentId: 'dep-1', modelCpuLimit: 2 } },
      'deeploy-update': { options: { modelType: 'XGBOOST', wait: true } },
      test: { command: 'pytest' },
    },
  };

  it('changes only the managed options and keeps everything else (deploymentId above all)', () => {
    const { json, lines } = applyDeployOptions(existing, names, { modelType: null, name: 'Churn' });
    expect(json).toEqual({
      name: 'churn',
      tags: ['ml'],
      targets: {
        'deeploy-deploy': { options: { deploymentId: 'dep-1', modelCpuLimit: 2, name: 'Churn' } },
        'deeploy-update': { options: { wait: true } },
        test: { command: 'pytest' },
      },
    });
    expect(lines).toEqual([
      'deeploy-deploy.options.modelType: "SKLEARN" → (removed)',
      'deeploy-update.options.modelType: "XGBOOST" → (removed; it falls back to deeploy-deploy)',
      'deeploy-deploy.options.name: (none) → "Churn"',
    ]);
    expect(existing.targets['deeploy-deploy'].options.modelType).toBe('SKLEARN'); // input untouched
  });

  it('adds the deploy target when there was none, and reports no change for equal values', () => {
    expect(applyDeployOptions({ name: 'x' }, names, { modelType: 'ONNX' }).json).toEqual({
      name: 'x',
      targets: { 'deeploy-deploy': { options: { modelType: 'ONNX' } } },
    });
    expect(applyDeployOptions({ name: 'x' }, names, { modelType: null }).lines).toEqual([]);
  });
});
