/**
 * Validation of the bodies Deeploy accepts (deeploy-api.md §3), answered as Deeploy's API does:
 * 400 with a message. Stricter than needed on purpose: an unknown or null field is refused, so
 * a client that misspells a key (the Python client's `commitMassage`) is caught in tests here.
 */
/** Deeploy's deployment types, as spelled on the wire (deeploy-api.md §4; note `Sagemaker`). */
const DEPLOYMENT_TYPES: readonly string[] = ['KServe', 'Sagemaker', 'AzureML', 'External', 'Registration'];

type FieldType = 'string' | 'int' | 'number' | 'boolean' | 'stringArray' | 'object';

function artifactFields(prefix: 'model' | 'explainer' | 'transformer'): Record<string, FieldType> {
  return {
    [`${prefix}Serverless`]: 'boolean',
    [`${prefix}InstanceType`]: 'string',
    [`${prefix}InstanceCount`]: 'int',
    [`${prefix}MemRequest`]: 'int',
    [`${prefix}MemLimit`]: 'int',
    [`${prefix}CpuRequest`]: 'number',
    [`${prefix}CpuLimit`]: 'number',
    [`${prefix}GpuRequest`]: 'number',
    [`${prefix}BlobCredentialsId`]: 'string',
    [`${prefix}DockerCredentialsId`]: 'string',
    [`${prefix}EnvironmentVariableIds`]: 'stringArray',
    [`${prefix}Args`]: 'object',
    [`${prefix}FrameworkVersion`]: 'string',
  };
}

/** The fields of a deployed version: accepted by create and by update (PATCH). */
export const VERSION_FIELDS: Record<string, FieldType> = {
  deploymentType: 'string',
  repositoryId: 'string',
  branchName: 'string',
  commit: 'string',
  contractPath: 'string',
  modelType: 'int',
  explainerType: 'int',
  transformerType: 'int',
  region: 'string',
  ...artifactFields('model'),
  ...artifactFields('explainer'),
  ...artifactFields('transformer'),
};

/** Fields only a create accepts (name and description change through `/description` later). */
export const CREATE_ONLY_FIELDS: Record<string, FieldType> = {
  name: 'string',
  description: 'string',
  useCaseId: 'string',
  approverUserIds: 'stringArray',
  guardrailIds: 'stringArray',
  documentationTemplateIds: 'stringArray',
  messageToApprovers: 'string',
};

export const DESCRIPTION_FIELDS: Record<string, FieldType> = { name: 'string', description: 'string' };

const ENUM_RANGES: Record<string, [number, number]> = { modelType: [0, 10], explainerType: [0, 11], transformerType: [0, 1] };
const REQUIRED_ON_CREATE = ['name', 'repositoryId', 'branchName', 'modelType'];

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

function fieldsProblem(body: unknown, allowed: Record<string, FieldType>): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the request body must be a JSON object';
  for (const [field, value] of Object.entries(body)) {
    const type = allowed[field];
    if (!type) return `property ${field} should not exist`;
    const problem = typeProblem(field, value, type);
    if (problem) return problem;
    const range = ENUM_RANGES[field];
    if (range && ((value as number) < range[0] || (value as number) > range[1])) {
      return `${field} must be one of the integers ${range[0]} to ${range[1]}`;
    }
  }
  const record = body as Record<string, unknown>;
  if (record.deploymentType !== undefined && !DEPLOYMENT_TYPES.includes(record.deploymentType as string)) {
    return `deploymentType must be one of ${DEPLOYMENT_TYPES.join(', ')}`;
  }
  if (typeof record.contractPath === 'string') {
    const path = record.contractPath;
    if (path.startsWith('/') || path.includes('\\') || path.split('/').includes('..')) {
      return 'contractPath must be a relative path inside the repository, with "/" separators and no ".."';
    }
  }
  return undefined;
}

export function createBodyProblem(body: unknown): string | undefined {
  const problem = fieldsProblem(body, { ...CREATE_ONLY_FIELDS, ...VERSION_FIELDS });
  if (problem) return problem;
  const record = body as Record<string, unknown>;
  for (const field of REQUIRED_ON_CREATE) {
    if (record[field] === undefined || record[field] === '') return `${field} is required`;
  }
  return undefined;
}

export function updateBodyProblem(body: unknown): string | undefined {
  const problem = fieldsProblem(body, VERSION_FIELDS);
  if (problem === 'property name should not exist' || problem === 'property description should not exist') {
    return `${problem}; change the name and description with PATCH .../description`;
  }
  if (problem) return problem;
  const record = body as Record<string, unknown>;
  for (const field of ['repositoryId', 'branchName']) {
    if (record[field] === '') return `${field} must not be empty`;
  }
  return undefined;
}

export function descriptionBodyProblem(body: unknown): string | undefined {
  const problem = fieldsProblem(body, DESCRIPTION_FIELDS);
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
