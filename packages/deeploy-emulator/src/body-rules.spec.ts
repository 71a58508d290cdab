import { createBodyProblem, updateBodyProblem } from './body-rules';

const REPO = { repositoryId: 'r1', branchName: 'main' };

describe('body rules by deployment type', () => {
  it('takes each type’s own fields on create', () => {
    expect(createBodyProblem({ name: 'a', ...REPO, modelType: 2, autoScalingType: 1, modelMemLimit: 512, transformerArgs: {} })).toBeUndefined();
    expect(
      createBodyProblem({ name: 'a', deploymentType: 'Sagemaker', ...REPO, modelType: 2, region: 'eu-west-1', transformerInstanceType: 'ml.c5' }),
    ).toBeUndefined();
    expect(
      createBodyProblem({ name: 'a', deploymentType: 'AzureML', ...REPO, modelType: 6, modelInstanceCount: 2, explainerInstanceCount: 1 }),
    ).toBeUndefined();
    expect(
      createBodyProblem({ name: 'a', deploymentType: 'External', url: 'https://m.example.com/p', authentication: 'bearer', password: 't' }),
    ).toBeUndefined();
    expect(createBodyProblem({ name: 'a', deploymentType: 'Registration', useCaseId: 'u', approverUserIds: ['x'] })).toBeUndefined();
  });

  it('refuses a field of another type, naming the types that take it', () => {
    expect(createBodyProblem({ name: 'a', ...REPO, modelType: 2, region: 'x' })).toBe(
      'property region should not exist in a KServe deployment (it belongs to Sagemaker)',
    );
    expect(createBodyProblem({ name: 'a', deploymentType: 'Sagemaker', ...REPO, modelType: 2, modelMemLimit: 1 })).toBe(
      'property modelMemLimit should not exist in a Sagemaker deployment (it belongs to KServe)',
    );
    expect(createBodyProblem({ name: 'a', deploymentType: 'External', url: 'https://m', authentication: 'none', modelType: 2 })).toBe(
      'property modelType should not exist in an External deployment (it belongs to KServe, Sagemaker, AzureML)',
    );
    expect(createBodyProblem({ name: 'a', deploymentType: 'Registration', guardrailIds: [] })).toBe(
      'property guardrailIds should not exist in a Registration deployment (it belongs to KServe, Sagemaker, AzureML, External)',
    );
  });

  it('holds External to its url and the credentials its method needs', () => {
    expect(createBodyProblem({ name: 'a', deploymentType: 'External', authentication: 'none' })).toBe('url is required for an External deployment');
    expect(createBodyProblem({ name: 'a', deploymentType: 'External', url: 'https://m', authentication: 'oauth', username: 'c', password: 's' })).toBe(
      'tokenURL is required with oauth authentication',
    );
    expect(createBodyProblem({ name: 'a', deploymentType: 'External', url: 'https://m', authentication: 'none', password: 's' })).toBe(
      'password is not used by none authentication',
    );
    expect(createBodyProblem({ name: 'a', deploymentType: 'External', url: 'ftp://m', authentication: 'none' })).toBe('url must be an http(s) URL');
  });

  it('takes approvers on an update, checks it against the stored type, and keeps create-only fields out', () => {
    expect(updateBodyProblem({ approverUserIds: ['u1'], messageToApprovers: 'ok?', guardrailIds: ['g'] }, 'KServe')).toBeUndefined();
    expect(updateBodyProblem({ region: 'eu-west-1' }, 'Sagemaker')).toBeUndefined();
    expect(updateBodyProblem({ region: 'eu-west-1' }, 'KServe')).toBe('property region should not exist in a KServe deployment (it belongs to Sagemaker)');
    expect(updateBodyProblem({ deploymentType: 'Sagemaker', region: 'eu-west-1' }, 'KServe')).toBeUndefined();
    expect(updateBodyProblem({ useCaseId: 'u' }, 'KServe')).toBe('property useCaseId should not exist; it can only be set when the deployment is created');
    expect(updateBodyProblem({ documentationTemplateIds: [] }, 'External')).toBe(
      'property documentationTemplateIds should not exist; it can only be set when the deployment is created',
    );
  });
});
