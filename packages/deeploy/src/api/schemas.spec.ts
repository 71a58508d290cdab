import {
  compactBody,
  createDeploymentBodySchema,
  deployedVersionOf,
  deploymentSchema,
  failureReasonOf,
  publicUrlOf,
  repositorySchema,
  updateDeploymentBodySchema,
  versionMembersOf,
} from './schemas';

describe('reply schemas', () => {
  it('need only an id, read null as absent and keep unknown fields', () => {
    expect(deploymentSchema.parse({ id: 'd', name: null, status: 1, somethingNew: { a: 1 } })).toEqual({
      id: 'd',
      name: undefined,
      status: 1,
      somethingNew: { a: 1 },
    });
    expect(repositorySchema.parse({ id: 'r' })).toEqual({ id: 'r' });
    expect(deploymentSchema.safeParse({ name: 'no id' }).success).toBe(false);
  });
});

describe('the tolerant deployment reader (deeploy-api.md §8)', () => {
  it('reads versions given as ids, nulls everywhere, either publicUrl spelling, and odd field types as absent', () => {
    const deployment = deploymentSchema.parse({
      id: 'd',
      name: null,
      activeVersion: 'v-1',
      updatingTo: { id: 'v-2', commit: 'c2', contractPath: null },
      lastVersion: null,
      publicURL: 'https://old',
      status: '1',
      errorDetails: null,
      useCase: { id: 'u' },
    });
    expect(deployment.activeVersion).toEqual({ id: 'v-1', expanded: false });
    expect(deployedVersionOf(deployment)).toEqual({});
    expect(versionMembersOf(deployment.updatingTo)).toEqual({ commit: 'c2' });
    expect(deployment.lastVersion).toBeUndefined();
    expect(deployment.status).toBeUndefined();
    expect(deployment.useCase).toEqual({ id: 'u' });
    expect(publicUrlOf(deployment)).toBe('https://old');
    expect(publicUrlOf(deploymentSchema.parse({ id: 'd', publicUrl: 'https://new', publicURL: 'https://old' }))).toBe('https://new');
  });

  it('gives the failure reason from errorDetails, else statusMessage', () => {
    const reason = (fields: Record<string, unknown>) => failureReasonOf(deploymentSchema.parse({ id: 'd', ...fields }));
    expect(reason({ errorDetails: [{ message: 'image not found' }, { detail: 'pull failed' }, 'plain'] })).toBe('image not found; pull failed; plain');
    expect(reason({ errorDetails: [{ code: 7 }] })).toBe('{"code":7}');
    expect(reason({ errorDetails: [], statusMessage: 'old style' })).toBe('old style');
    expect(reason({})).toBeUndefined();
  });
});

describe('deployedVersionOf', () => {
  it('reads activeVersion first, then the top level', () => {
    const deployment = deploymentSchema.parse({
      id: 'd',
      commit: 'top-commit',
      modelType: 6,
      activeVersion: { repositoryId: 'r', branchName: 'main', commit: 'version-commit', contractPath: 'm', explainerType: 0, transformerType: 1, extra: true },
    });
    expect(deployedVersionOf(deployment)).toEqual({
      repositoryId: 'r',
      branchName: 'main',
      commit: 'version-commit',
      contractPath: 'm',
      modelType: 6,
      explainerType: 0,
      transformerType: 1,
    });
    expect(deployedVersionOf(deploymentSchema.parse({ id: 'd', branchName: 'dev' }))).toEqual({ branchName: 'dev' });
  });
});

describe('body schemas', () => {
  const base = { name: 'n', repositoryId: '0d6f3c52-9a8e-4b1f-8c2d-3e4f5a6b7c8d', branchName: 'main', modelType: 1 };

  it('require the create fields and send enums as wire integers', () => {
    expect(createDeploymentBodySchema.safeParse(base).success).toBe(true);
    for (const field of ['name', 'repositoryId', 'branchName', 'modelType'] as const) {
      const { [field]: _dropped, ...rest } = base;
      expect(createDeploymentBodySchema.safeParse(rest).success).toBe(false);
    }
    expect(createDeploymentBodySchema.safeParse({ ...base, modelType: 'PYTORCH' }).success).toBe(false);
    expect(createDeploymentBodySchema.safeParse({ ...base, explainerType: 12 }).success).toBe(false);
    expect(createDeploymentBodySchema.safeParse({ ...base, deploymentType: 'SageMaker' }).success).toBe(false);
    expect(createDeploymentBodySchema.safeParse({ ...base, deploymentType: 'Sagemaker', region: 'eu-west-1' }).success).toBe(true);
  });

  it('refuse unknown keys, including the ones the Python client got wrong', () => {
    expect(createDeploymentBodySchema.safeParse({ ...base, commitMassage: 'x' }).success).toBe(false);
    expect(createDeploymentBodySchema.safeParse({ ...base, customId: 'x' }).success).toBe(false);
    expect(updateDeploymentBodySchema.safeParse({ name: 'x' }).success).toBe(false);
    expect(updateDeploymentBodySchema.safeParse({ transformerType: 1, transformerCpuLimit: 0.5 }).success).toBe(true);
  });

  it('check commit and contract path', () => {
    expect(updateDeploymentBodySchema.safeParse({ commit: 'abc123' }).success).toBe(false);
    expect(updateDeploymentBodySchema.safeParse({ commit: 'a'.repeat(40) }).success).toBe(true);
    expect(updateDeploymentBodySchema.safeParse({ contractPath: '' }).success).toBe(true);
    expect(updateDeploymentBodySchema.safeParse({ contractPath: '../up' }).success).toBe(false);
    expect(updateDeploymentBodySchema.safeParse({ contractPath: '/abs' }).success).toBe(false);
  });
});

describe('compactBody', () => {
  it('drops undefined, null and empty objects, keeps empty arrays and falsy values', () => {
    expect(compactBody({ a: undefined, b: null, c: {}, d: [], e: 0, f: false, g: '', h: { x: 1 } })).toEqual({ d: [], e: 0, f: false, g: '', h: { x: 1 } });
  });
});
