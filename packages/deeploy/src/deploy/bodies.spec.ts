import { CREATE_BODY_SCHEMAS, UPDATE_BODY_SCHEMAS } from '../api/deployment-bodies';
import { emulatorAndClient, failureOf, type EmulatorAndClient } from '../api/testing/emulator-client';
import { DEPLOYMENT_TYPES, type DeploymentType } from '../contract/enums';
import { resolveSettings } from '../settings/resolve-settings';
import { BODY_OPTIONS, BODY_OPTION_KEYS, type BodyOptionKey } from '../settings/settings-schema';
import { BodyError, buildCreateBody, buildUpdateBody } from './bodies';
import { desiredDeploymentOf, type DesiredDeployment } from './desired-deployment';

const REPO = '11111111-1111-4111-8111-111111111111';
const C1 = 'a'.repeat(40);
const UUID = '22222222-2222-4222-8222-222222222222';

/** A value for each body option (as a user writes it), and the wire value it must become. */
const SAMPLE: Record<BodyOptionKey, unknown> = {
  useCaseId: UUID,
  documentationTemplateIds: ['doc-1'],
  approverUserIds: ['u1', 'u2'],
  messageToApprovers: 'please look',
  guardrailIds: ['g1'],
  modelFrameworkVersion: '1.5',
  explainerFrameworkVersion: '0.9',
  autoScalingType: 1,
  region: 'eu-west-1',
  modelInstanceType: 'm5.large',
  explainerInstanceType: 'm5.small',
  transformerInstanceType: 'm5.xlarge',
  modelInstanceCount: 2,
  explainerInstanceCount: 3,
  modelServerless: true,
  modelMemRequest: 256,
  modelMemLimit: 512,
  modelCpuRequest: 0.5,
  modelCpuLimit: 1,
  modelGpuRequest: 1,
  modelBlobCredentialsId: 'blob-cred',
  modelDockerCredentialsId: 'docker-cred',
  modelEnvironmentVariableIds: ['env-1'],
  modelArgs: { workers: '2' },
  explainerServerless: false,
  explainerMemRequest: 128,
  explainerMemLimit: 256,
  explainerCpuRequest: 0.25,
  explainerCpuLimit: 0.5,
  explainerGpuRequest: 0,
  explainerBlobCredentialsId: 'e-blob',
  explainerDockerCredentialsId: 'e-docker',
  explainerEnvironmentVariableIds: ['env-2'],
  explainerArgs: { a: 1 },
  transformerServerless: true,
  transformerMemRequest: 64,
  transformerMemLimit: 96,
  transformerCpuRequest: 0.1,
  transformerCpuLimit: 0.2,
  transformerGpuRequest: 0,
  transformerBlobCredentialsId: 't-blob',
  transformerDockerCredentialsId: 't-docker',
  transformerEnvironmentVariableIds: ['env-3'],
  transformerArgs: { b: true },
  url: 'https://models.example.com/churn/predict',
  authentication: 'oauth',
  username: 'client-id',
  tokenUrl: 'https://login.example.com/token',
};

const WIRE: Partial<Record<BodyOptionKey, string>> = { tokenUrl: 'tokenURL' };
const wireOf = (key: BodyOptionKey) => WIRE[key] ?? key;

/** Every body option of a type, set. */
function allOptionsOf(type: DeploymentType): Record<string, unknown> {
  return Object.fromEntries(BODY_OPTION_KEYS.filter((key) => (BODY_OPTIONS[key].types as readonly string[]).includes(type)).map((key) => [key, SAMPLE[key]]));
}

function desired(options: Record<string, unknown>, externalSecret?: string): DesiredDeployment {
  const { settings } = resolveSettings([{ file: 'project.json', optionsPath: 'targets.deeploy-deploy.options', values: options }], {});
  return desiredDeploymentOf({
    settings,
    types: { modelType: 'SKLEARN', explainerType: 'SHAP_KERNEL', transformerType: 'CUSTOM' },
    repositoryId: REPO,
    branch: 'main',
    commit: C1,
    contractPath: 'models/churn',
    project: 'models/churn',
    externalSecret,
  });
}

const REPOSITORY = { repositoryId: REPO, branchName: 'main', commit: C1, contractPath: 'models/churn' };
const TYPES = { modelType: 2, explainerType: 4, transformerType: 1 };

describe('bodies by deployment type', () => {
  it('KServe: sends every KServe option under its wire name, on create; on update all but the create-only ones', () => {
    const d = desired({ deploymentType: 'KServe', description: 'churn', ...allOptionsOf('KServe') });
    const { useCaseId, documentationTemplateIds, ...versionOptions } = allOptionsOf('KServe');
    expect(buildCreateBody(d)).toEqual({
      name: 'models-churn',
      description: 'churn',
      deploymentType: 'KServe',
      ...REPOSITORY,
      ...TYPES,
      ...versionOptions,
      useCaseId,
      documentationTemplateIds,
    });
    // Approval travels with an update; the use case and documentation templates are create-only.
    expect(buildUpdateBody(d)).toEqual({ deploymentType: 'KServe', ...REPOSITORY, ...TYPES, ...versionOptions });
    expect(buildUpdateBody(d)).toMatchObject({ approverUserIds: ['u1', 'u2'], messageToApprovers: 'please look', guardrailIds: ['g1'], autoScalingType: 1 });
  });

  it('Sagemaker: base, region and instance types only', () => {
    const d = desired({
      deploymentType: 'Sagemaker',
      region: 'eu-west-1',
      modelInstanceType: 'ml.m5.large',
      explainerInstanceType: 'ml.t2',
      transformerInstanceType: 'ml.c5',
    });
    expect(buildCreateBody(d)).toEqual({
      name: 'models-churn',
      deploymentType: 'Sagemaker',
      ...REPOSITORY,
      ...TYPES,
      region: 'eu-west-1',
      modelInstanceType: 'ml.m5.large',
      explainerInstanceType: 'ml.t2',
      transformerInstanceType: 'ml.c5',
    });
    expect(buildUpdateBody(d)).toEqual({
      deploymentType: 'Sagemaker',
      ...REPOSITORY,
      ...TYPES,
      region: 'eu-west-1',
      modelInstanceType: 'ml.m5.large',
      explainerInstanceType: 'ml.t2',
      transformerInstanceType: 'ml.c5',
    });
  });

  it('AzureML: base, instance types and instance counts', () => {
    const d = desired({ deploymentType: 'AzureML', ...allOptionsOf('AzureML') });
    expect(buildCreateBody(d)).toMatchObject({
      deploymentType: 'AzureML',
      modelInstanceType: 'm5.large',
      modelInstanceCount: 2,
      explainerInstanceType: 'm5.small',
      explainerInstanceCount: 3,
      ...TYPES,
    });
    expect(Object.keys(buildUpdateBody(d)).sort()).toEqual(
      [
        'deploymentType',
        ...Object.keys(REPOSITORY),
        ...Object.keys(TYPES),
        'approverUserIds',
        'messageToApprovers',
        'guardrailIds',
        'modelFrameworkVersion',
        'explainerFrameworkVersion',
        'modelInstanceType',
        'modelInstanceCount',
        'explainerInstanceType',
        'explainerInstanceCount',
      ].sort(),
    );
  });

  it('External: url and authentication, tokenUrl as tokenURL, the secret from the environment as password; no artifact types', () => {
    const d = desired(
      {
        deploymentType: 'External',
        url: 'https://models.example.com/p',
        authentication: 'oauth',
        username: 'client-id',
        tokenUrl: 'https://login.example.com/token',
        guardrailIds: ['g1'],
      },
      's3cret',
    );
    const body = buildCreateBody(d);
    expect(body).toEqual({
      name: 'models-churn',
      deploymentType: 'External',
      ...REPOSITORY,
      url: 'https://models.example.com/p',
      authentication: 'oauth',
      username: 'client-id',
      tokenURL: 'https://login.example.com/token',
      password: 's3cret',
      guardrailIds: ['g1'],
    });
    const { name: _name, ...update } = body;
    expect(buildUpdateBody(d)).toEqual(update);
  });

  it('External: a method without its secret is refused before sending, and the message never quotes a value', () => {
    const withoutSecret = desired({ deploymentType: 'External', url: 'https://models.example.com/p', authentication: 'bearer' });
    expect(() => buildCreateBody(withoutSecret)).toThrow(new BodyError('the create body would be refused: password is needed with bearer authentication'));
    const none = desired({ deploymentType: 'External', url: 'https://models.example.com/p', authentication: 'none' });
    expect(buildCreateBody(none)).toEqual({
      name: 'models-churn',
      deploymentType: 'External',
      ...REPOSITORY,
      url: 'https://models.example.com/p',
      authentication: 'none',
    });
  });

  it('Registration: the name, description, use case and approval base only', () => {
    const d = desired({ deploymentType: 'Registration', description: 'd', useCaseId: UUID, approverUserIds: ['u1'] });
    expect(buildCreateBody(d)).toEqual({
      name: 'models-churn',
      description: 'd',
      deploymentType: 'Registration',
      ...REPOSITORY,
      useCaseId: UUID,
      approverUserIds: ['u1'],
    });
    expect(buildUpdateBody(d)).toEqual({ deploymentType: 'Registration', ...REPOSITORY, approverUserIds: ['u1'] });
  });

  it('refuses, as a last check, a field the type does not take (when the settings check was bypassed)', () => {
    const d: DesiredDeployment = { ...desired({ deploymentType: 'KServe' }), versionFields: { region: 'eu-west-1' } };
    expect(() => buildCreateBody(d)).toThrow(new BodyError('the create body would be refused: region is not a field of a KServe deployment'));
    expect(() => buildUpdateBody({ ...d, deploymentType: 'Sagemaker', versionFields: { modelMemLimit: 512 } })).toThrow(
      new BodyError('the update body would be refused: modelMemLimit is not a field of a Sagemaker deployment'),
    );
  });

  it('keeps the option table and the wire schemas in step, type by type', () => {
    const computed = [
      'name',
      'description',
      'deploymentType',
      'repositoryId',
      'branchName',
      'commit',
      'contractPath',
      'modelType',
      'explainerType',
      'transformerType',
      'password',
    ];
    for (const type of DEPLOYMENT_TYPES) {
      const options = BODY_OPTION_KEYS.filter((key) => (BODY_OPTIONS[key].types as readonly string[]).includes(type));
      const createWire = Object.keys(CREATE_BODY_SCHEMAS[type].shape)
        .filter((key) => !computed.includes(key))
        .sort();
      expect({ type, fields: options.map(wireOf).sort() }).toEqual({ type, fields: createWire });
      const updateWire = Object.keys(UPDATE_BODY_SCHEMAS[type].shape)
        .filter((key) => !computed.includes(key))
        .sort();
      expect({
        type,
        fields: options
          .filter((key) => BODY_OPTIONS[key].sentOn === 'create-and-update')
          .map(wireOf)
          .sort(),
      }).toEqual({ type, fields: updateWire });
    }
  });
});

describe('bodies against the emulator, which holds each type to its own fields', () => {
  let env: EmulatorAndClient;
  beforeAll(async () => {
    env = await emulatorAndClient();
  });
  afterAll(() => env.stop());

  const repositoryOf = (d: DesiredDeployment): DesiredDeployment => ({ ...d, repositoryId: env.repositoryId });

  it.each(DEPLOYMENT_TYPES.map((type) => [type]))('%s: the full create body and the full update body are accepted', async (type) => {
    const options = { deploymentType: type, name: `full-${type}`, ...allOptionsOf(type) };
    const d = repositoryOf(desired(options, type === 'External' ? 's3cret' : undefined));
    const created = await env.client.createDeployment(buildCreateBody(d));
    expect(created.deploymentType).toBe(type);
    const updated = await env.client.updateDeployment(created.id, buildUpdateBody(d));
    expect(updated.id).toBe(created.id);
    // A secret is used, never shown back.
    expect(JSON.stringify(updated)).not.toContain('s3cret');
  });

  it('refuses a field of another type, naming the types that take it', async () => {
    const d = repositoryOf(desired({ deploymentType: 'KServe', name: 'wrong-field' }));
    const body = { ...buildCreateBody(d), region: 'eu-west-1' };
    const failure = await failureOf(createDeeployRaw(env, body));
    expect(failure.message).toContain('property region should not exist in a KServe deployment (it belongs to Sagemaker)');
  });

  it('takes approvers on an update and refuses the create-only use case there', async () => {
    const d = repositoryOf(desired({ deploymentType: 'KServe', name: 'approvals' }));
    const { id } = await env.client.createDeployment(buildCreateBody(d));
    await env.client.updateDeployment(id, { ...buildUpdateBody(d), approverUserIds: ['u1'], messageToApprovers: 'ok?' } as never);
    const failure = await failureOf(rawPatch(env, id, { useCaseId: UUID }));
    expect(failure.message).toContain('property useCaseId should not exist; it can only be set when the deployment is created');
  });
});

/** Sends a body past the client's own check, to see what the server says. */
async function createDeeployRaw(env: EmulatorAndClient, body: unknown): Promise<void> {
  const response = await fetch(`${env.emulator.url}/workspaces/${env.workspaceId}/deployments`, {
    method: 'POST',
    headers: headersOf(env),
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${response.status}: ${await response.text()}`);
}

async function rawPatch(env: EmulatorAndClient, id: string, body: unknown): Promise<void> {
  const response = await fetch(`${env.emulator.url}/workspaces/${env.workspaceId}/deployments/${id}`, {
    method: 'PATCH',
    headers: headersOf(env),
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${response.status}: ${await response.text()}`);
}

function headersOf(env: EmulatorAndClient): Record<string, string> {
  const { accessKey, secretKey } = env.seed.credentials;
  return { authorization: `Basic ${Buffer.from(`${accessKey}:${secretKey}`).toString('base64')}`, 'content-type': 'application/json' };
}
