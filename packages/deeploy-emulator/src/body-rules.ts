/**
 * Validation of the bodies Deeploy accepts (deeploy-api.md §3 and §8), answered as Deeploy's API
 * does: 400 with a message. Bodies differ by deployment type, as in the newest official client's
 * models, and the emulator holds each type to its own fields (a `region` in a KServe body, an
 * `autoScalingType` in a Sagemaker one, model types in an External one are refused). Stricter
 * than needed on purpose: an unknown or null field is refused, so a client that misspells a key
 * (the Python client's `commitMassage`) is caught in tests here. Written apart from the plugin's
 * schemas on purpose: two readings of the spec, compared by the tests.
 */
/** Deeploy's deployment types, as spelled on the wire (deeploy-api.md §4; note `Sagemaker`). */
const DEPLOYMENT_TYPES: readonly string[] = ['KServe', 'Sagemaker', 'AzureML', 'External', 'Registration'];
const EXTERNAL_AUTHENTICATIONS: readonly string[] = ['none', 'basic', 'bearer', 'custom', 'oauth'];

type FieldType = 'string' | 'int' | 'number' | 'boolean' | 'stringArray' | 'object';
type Fields = Record<string, FieldType>;

function kserveArtifactFields(prefix: 'model' | 'explainer' | 'transformer'): Fields {
  return {
    [`${prefix}Serverless`]: 'boolean',
    [`${prefix}InstanceType`]: 'string',
    [`${prefix}MemRequest`]: 'int',
    [`${prefix}MemLimit`]: 'int',
    [`${prefix}CpuRequest`]: 'number',
    [`${prefix}CpuLimit`]: 'number',
    [`${prefix}GpuRequest`]: 'number',
    [`${prefix}BlobCredentialsId`]: 'string',
    [`${prefix}DockerCredentialsId`]: 'string',
    [`${prefix}EnvironmentVariableIds`]: 'stringArray',
    [`${prefix}Args`]: 'object',
  };
}

/** Where the deployed contract is: every type takes it (External and Registration optionally). */
const REPOSITORY_FIELDS: Fields = { deploymentType: 'string', repositoryId: 'string', branchName: 'string', commit: 'string', contractPath: 'string' };
/** A create and an update may each ask for approval. */
const APPROVAL_FIELDS: Fields = { approverUserIds: 'stringArray', messageToApprovers: 'string' };
/** Only a create takes these (name and description change through `/description` later). */
export const CREATE_ONLY_FIELDS: Fields = { name: 'string', description: 'string', useCaseId: 'string', documentationTemplateIds: 'stringArray' };
/** The artifact types of the types that run a contract. */
const TYPE_FIELDS: Fields = {
  modelType: 'int',
  modelFrameworkVersion: 'string',
  explainerType: 'int',
  explainerFrameworkVersion: 'string',
  transformerType: 'int',
  guardrailIds: 'stringArray',
};

/** What each deployment type takes besides the repository and approval fields (create and update). */
const FIELDS_OF_TYPE: Record<string, Fields> = {
  KServe: {
    ...TYPE_FIELDS,
    autoScalingType: 'int',
    ...kserveArtifactFields('model'),
    ...kserveArtifactFields('explainer'),
    ...kserveArtifactFields('transformer'),
  },
  Sagemaker: { ...TYPE_FIELDS, region: 'string', modelInstanceType: 'string', explainerInstanceType: 'string', transformerInstanceType: 'string' },
  AzureML: { ...TYPE_FIELDS, modelInstanceType: 'string', modelInstanceCount: 'int', explainerInstanceType: 'string', explainerInstanceCount: 'int' },
  External: { url: 'string', authentication: 'string', username: 'string', password: 'string', tokenURL: 'string', guardrailIds: 'stringArray' },
  Registration: {},
};

/** The types whose deployments run the repository contract: they need a repository and a model type. */
export const CONTRACT_TYPES: readonly string[] = ['KServe', 'Sagemaker', 'AzureML'];

/** What External authentication methods need (the others are refused). */
const EXTERNAL_AUTH_NEEDS: Record<string, readonly string[]> = {
  none: [],
  basic: ['username', 'password'],
  bearer: ['password'],
  custom: ['username', 'password'],
  oauth: ['username', 'password', 'tokenURL'],
};

/** The fields of a deployed version of any type: what the emulator stores in `activeVersion`. */
export const VERSION_FIELDS: Fields = Object.assign({}, REPOSITORY_FIELDS, APPROVAL_FIELDS, ...Object.values(FIELDS_OF_TYPE));

export const DESCRIPTION_FIELDS: Fields = { name: 'string', description: 'string' };

const ENUM_RANGES: Record<string, [number, number]> = { modelType: [0, 10], explainerType: [0, 11], transformerType: [0, 1] };

function typeProblem(field: string, value: unknown, type: FieldType): string | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : `${field} must be a string`;
    case 'int':
      return Number.isInteger(value) ? undefined : `${field} must be an integer number`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `${field} must be a number`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${field} must be a boolean value`;
    case 'stringArray':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : `${field} must be an array of strings`;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : `${field} must be an object`;
  }
}

/** The types that take a field, for the refusal of a field another type takes. */
function typesTaking(field: string): string[] {
  return DEPLOYMENT_TYPES.filter((type) => field in FIELDS_OF_TYPE[type]);
}

function fieldsProblem(body: Record<string, unknown>, allowed: Fields, deploymentType: string): string | undefined {
  for (const [field, value] of Object.entries(body)) {
    const type = allowed[field];
    if (!type) {
      const takers = typesTaking(field);
      return takers.length > 0 && deploymentType
        ? `property ${field} should not exist in ${article(deploymentType)} ${deploymentType} deployment (it belongs to ${takers.join(', ')})`
        : `property ${field} should not exist`;
    }
    const problem = typeProblem(field, value, type);
    if (problem) return problem;
    const range = ENUM_RANGES[field];
    if (range && ((value as number) < range[0] || (value as number) > range[1])) {
      return `${field} must be one of the integers ${range[0]} to ${range[1]}`;
    }
  }
  if (typeof body.contractPath === 'string') {
    const path = body.contractPath;
    if (path.startsWith('/') || path.includes('\\') || path.split('/').includes('..')) {
      return 'contractPath must be a relative path inside the repository, with "/" separators and no ".."';
    }
  }
  for (const field of ['repositoryId', 'branchName']) {
    if (body[field] === '') return `${field} must not be empty`;
  }
  if (deploymentType === 'External') return externalProblem(body);
  return undefined;
}

function externalProblem(body: Record<string, unknown>): string | undefined {
  if (body.url !== undefined && !/^https?:\/\/\S+$/.test(body.url as string)) return 'url must be an http(s) URL';
  if (body.tokenURL !== undefined && !/^https?:\/\/\S+$/.test(body.tokenURL as string)) return 'tokenURL must be an http(s) URL';
  const method = body.authentication as string | undefined;
  if (method === undefined) return undefined;
  if (!EXTERNAL_AUTHENTICATIONS.includes(method)) return `authentication must be one of ${EXTERNAL_AUTHENTICATIONS.join(', ')}`;
  const needs = EXTERNAL_AUTH_NEEDS[method];
  for (const field of ['username', 'password', 'tokenURL']) {
    if (needs.includes(field) && body[field] === undefined) return `${field} is required with ${method} authentication`;
    if (!needs.includes(field) && body[field] !== undefined) return `${field} is not used by ${method} authentication`;
  }
  return undefined;
}

const article = (word: string) => (/^[AEIOU]/i.test(word) ? 'an' : 'a');

function objectProblem(body: unknown): string | undefined {
  return typeof body !== 'object' || body === null || Array.isArray(body) ? 'the request body must be a JSON object' : undefined;
}

function typeOf(body: Record<string, unknown>, fallback: string): string | { problem: string } {
  const type = body.deploymentType ?? fallback;
  if (typeof type !== 'string' || !DEPLOYMENT_TYPES.includes(type)) return { problem: `deploymentType must be one of ${DEPLOYMENT_TYPES.join(', ')}` };
  return type;
}

export function createBodyProblem(raw: unknown): string | undefined {
  const notObject = objectProblem(raw);
  if (notObject) return notObject;
  const body = raw as Record<string, unknown>;
  const type = typeOf(body, 'KServe');
  if (typeof type !== 'string') return type.problem;
  const problem = fieldsProblem(body, { ...CREATE_ONLY_FIELDS, ...REPOSITORY_FIELDS, ...APPROVAL_FIELDS, ...FIELDS_OF_TYPE[type] }, type);
  if (problem) return problem;
  const required = [
    'name',
    ...(CONTRACT_TYPES.includes(type) ? ['repositoryId', 'branchName', 'modelType'] : []),
    ...(type === 'External' ? ['url', 'authentication'] : []),
  ];
  for (const field of required) {
    if (body[field] === undefined || body[field] === '') return `${field} is required${field === 'name' ? '' : ` for ${article(type)} ${type} deployment`}`;
  }
  return undefined;
}

/** A PATCH of a deployment whose stored type is `storedType` (the body may change it). */
export function updateBodyProblem(raw: unknown, storedType = 'KServe'): string | undefined {
  const notObject = objectProblem(raw);
  if (notObject) return notObject;
  const body = raw as Record<string, unknown>;
  const type = typeOf(body, storedType);
  if (typeof type !== 'string') return type.problem;
  const createOnly = Object.keys(body).find((field) => field in CREATE_ONLY_FIELDS);
  if (createOnly === 'name' || createOnly === 'description')
    return `property ${createOnly} should not exist; change the name and description with PATCH .../description`;
  if (createOnly) return `property ${createOnly} should not exist; it can only be set when the deployment is created`;
  return fieldsProblem(body, { ...REPOSITORY_FIELDS, ...APPROVAL_FIELDS, ...FIELDS_OF_TYPE[type] }, type);
}

export function descriptionBodyProblem(body: unknown): string | undefined {
  const problem = objectProblem(body) ?? fieldsProblem(body as Record<string, unknown>, DESCRIPTION_FIELDS, '');
  if (problem) return problem;
  if ((body as Record<string, unknown>).name === '') return 'name must not be empty';
  return undefined;
}

/** The normal form of a contract path as stored: no `./`, no duplicate or trailing slashes. */
export function normalContractPath(path: string | undefined): string {
  return (path ?? '')
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}
