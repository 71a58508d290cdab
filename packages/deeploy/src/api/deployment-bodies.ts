/**
 * The zod schemas of the bodies we send (deeploy-api.md §3 and §8): one create and one update
 * schema per deployment type, because Deeploy's bodies differ by type (the newest official client
 * has one model per type). They are strict: an unknown key, or a field of another type (`region` in
 * a KServe body), is refused before sending — the Python client sent `commitMassage` for years.
 * Enums are the wire integers of `contract/enums.ts`. The TypeScript types are inferred from here.
 */
import { z } from 'zod';
import { EXPLAINER_TYPES, EXTERNAL_AUTHENTICATIONS, MODEL_TYPES, TRANSFORMER_TYPES, type DeploymentType } from '../contract/enums';
import { contractPathProblem, normalizeContractPath } from '../contract/validators';

function wireEnum(table: Record<string, number>, what: string) {
  const values = Object.values(table);
  return z.int().refine((value) => values.includes(value), {
    message: `must be a ${what} wire value (${Object.entries(table)
      .map(([name, value]) => `${value} = ${name}`)
      .join(', ')})`,
  });
}

const uuid = z.guid('must be a UUID');
const nonEmpty = z.string().min(1, 'must not be empty');
const megabytes = z.int().positive('must be a positive number of MB');
const cores = z.number().positive('must be a positive number of CPU cores');
const gpus = z.number().nonnegative();
const ids = z.array(nonEmpty);
const args = z.record(z.string(), z.unknown());
const count = z.int().positive();
const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL');

const contractPath = z.string().superRefine((value, ctx) => {
  const problem = contractPathProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
  else if (normalizeContractPath(value) !== value) ctx.addIssue({ code: 'custom', message: `must be written as "${normalizeContractPath(value)}"` });
});

/** Optional versions of a set of fields. */
function optional<T extends Record<string, z.ZodType>>(fields: T): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
}

// ---- the pieces ----

/** The repository contract Deeploy reads; required for the types that run it. */
const repositoryFields = {
  repositoryId: uuid,
  branchName: nonEmpty,
  /** A full git sha: Deeploy takes the branch head when absent; we send the commit we validated. */
  commit: z.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, 'must be a full git commit sha'),
  /** Repository-relative POSIX path of the contract folder; empty = repository root. */
  contractPath,
};

/** Name and description: on create only; later changes go to `/description`. */
const createOnlyFields = { name: nonEmpty, description: z.string(), useCaseId: uuid, documentationTemplateIds: ids };

/** A create and an update can each ask for approval of the new version. */
const approvalFields = { approverUserIds: ids, messageToApprovers: z.string() };

/** The artifact types of the types that run a contract (KServe, Sagemaker, AzureML). */
const typeFields = {
  modelType: wireEnum(MODEL_TYPES, 'ModelType'),
  modelFrameworkVersion: nonEmpty,
  explainerType: wireEnum(EXPLAINER_TYPES, 'ExplainerType'),
  explainerFrameworkVersion: nonEmpty,
  transformerType: wireEnum(TRANSFORMER_TYPES, 'TransformerType'),
  guardrailIds: ids,
};

/** KServe's per-artifact sizing, credentials, environment variables and args. */
const kserveFields = {
  autoScalingType: z.int().nonnegative(),
  modelServerless: z.boolean(),
  modelInstanceType: nonEmpty,
  modelMemRequest: megabytes,
  modelMemLimit: megabytes,
  modelCpuRequest: cores,
  modelCpuLimit: cores,
  modelGpuRequest: gpus,
  modelBlobCredentialsId: nonEmpty,
  modelDockerCredentialsId: nonEmpty,
  modelEnvironmentVariableIds: ids,
  modelArgs: args,
  explainerServerless: z.boolean(),
  explainerInstanceType: nonEmpty,
  explainerMemRequest: megabytes,
  explainerMemLimit: megabytes,
  explainerCpuRequest: cores,
  explainerCpuLimit: cores,
  explainerGpuRequest: gpus,
  explainerBlobCredentialsId: nonEmpty,
  explainerDockerCredentialsId: nonEmpty,
  explainerEnvironmentVariableIds: ids,
  explainerArgs: args,
  transformerServerless: z.boolean(),
  transformerInstanceType: nonEmpty,
  transformerMemRequest: megabytes,
  transformerMemLimit: megabytes,
  transformerCpuRequest: cores,
  transformerCpuLimit: cores,
  transformerGpuRequest: gpus,
  transformerBlobCredentialsId: nonEmpty,
  transformerDockerCredentialsId: nonEmpty,
  transformerEnvironmentVariableIds: ids,
  transformerArgs: args,
};

const sagemakerFields = { region: nonEmpty, modelInstanceType: nonEmpty, explainerInstanceType: nonEmpty, transformerInstanceType: nonEmpty };
const azureMLFields = { modelInstanceType: nonEmpty, modelInstanceCount: count, explainerInstanceType: nonEmpty, explainerInstanceCount: count };
const externalFields = {
  url: httpUrl,
  authentication: z.enum(EXTERNAL_AUTHENTICATIONS),
  username: nonEmpty,
  /** The secret of the method (password, bearer token, header value, client secret): from the environment. */
  password: nonEmpty,
  tokenURL: httpUrl,
  guardrailIds: ids,
};

/** Which of username, password and tokenURL each External authentication needs (the others are refused). */
export const EXTERNAL_AUTH_NEEDS: Record<(typeof EXTERNAL_AUTHENTICATIONS)[number], readonly ('username' | 'password' | 'tokenURL')[]> = {
  none: [],
  basic: ['username', 'password'],
  bearer: ['password'],
  custom: ['username', 'password'],
  oauth: ['username', 'password', 'tokenURL'],
};

function externalAuthCheck(body: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const method = body.authentication as keyof typeof EXTERNAL_AUTH_NEEDS | undefined;
  if (method === undefined) return;
  const needs = EXTERNAL_AUTH_NEEDS[method];
  for (const field of ['username', 'password', 'tokenURL'] as const) {
    const present = body[field] !== undefined;
    if (needs.includes(field) && !present) ctx.addIssue({ code: 'custom', path: [field], message: `is needed with ${method} authentication` });
    if (!needs.includes(field) && present) ctx.addIssue({ code: 'custom', path: [field], message: `is not used by ${method} authentication` });
  }
}

// ---- create ----

/** KServe, Sagemaker, AzureML: a repository, a branch and a model type are required. */
const contractCreateBase = {
  ...optional(createOnlyFields),
  name: createOnlyFields.name,
  ...optional(approvalFields),
  repositoryId: repositoryFields.repositoryId,
  branchName: repositoryFields.branchName,
  ...optional({ commit: repositoryFields.commit, contractPath }),
  ...optional(typeFields),
  modelType: typeFields.modelType,
};
/** External, Registration: no contract runs; the repository fields are optional. */
const registeredCreateBase = { ...optional(createOnlyFields), name: createOnlyFields.name, ...optional(approvalFields), ...optional(repositoryFields) };

/** `POST /workspaces/{ws}/deployments`, one schema per deployment type. */
export const CREATE_BODY_SCHEMAS = {
  // Deeploy creates a KServe deployment when the body names no type.
  KServe: z.strictObject({ deploymentType: z.literal('KServe').optional(), ...contractCreateBase, ...optional(kserveFields) }),
  Sagemaker: z.strictObject({ deploymentType: z.literal('Sagemaker'), ...contractCreateBase, ...optional(sagemakerFields) }),
  AzureML: z.strictObject({ deploymentType: z.literal('AzureML'), ...contractCreateBase, ...optional(azureMLFields) }),
  External: z
    .strictObject({
      deploymentType: z.literal('External'),
      ...registeredCreateBase,
      ...optional(externalFields),
      url: externalFields.url,
      authentication: externalFields.authentication,
    })
    .superRefine(externalAuthCheck),
  Registration: z.strictObject({ deploymentType: z.literal('Registration'), ...registeredCreateBase }),
} satisfies Record<DeploymentType, z.ZodObject>;

// ---- update ----

const updateBase = { ...optional(approvalFields), ...optional(repositoryFields) };
const UPDATE_FIELDS = {
  KServe: { ...updateBase, ...optional(typeFields), ...optional(kserveFields) },
  Sagemaker: { ...updateBase, ...optional(typeFields), ...optional(sagemakerFields) },
  AzureML: { ...updateBase, ...optional(typeFields), ...optional(azureMLFields) },
  External: { ...updateBase, ...optional(externalFields) },
  Registration: updateBase,
};

/** `PATCH /workspaces/{ws}/deployments/{id}`, one schema per deployment type; name and description go to `/description`. */
export const UPDATE_BODY_SCHEMAS = {
  KServe: z.strictObject({ deploymentType: z.literal('KServe'), ...UPDATE_FIELDS.KServe }),
  Sagemaker: z.strictObject({ deploymentType: z.literal('Sagemaker'), ...UPDATE_FIELDS.Sagemaker }),
  AzureML: z.strictObject({ deploymentType: z.literal('AzureML'), ...UPDATE_FIELDS.AzureML }),
  External: z.strictObject({ deploymentType: z.literal('External'), ...UPDATE_FIELDS.External }).superRefine(externalAuthCheck),
  Registration: z.strictObject({ deploymentType: z.literal('Registration'), ...UPDATE_FIELDS.Registration }),
} satisfies Record<DeploymentType, z.ZodObject>;

export const createDeploymentBodySchema = z.discriminatedUnion('deploymentType', [
  CREATE_BODY_SCHEMAS.KServe,
  CREATE_BODY_SCHEMAS.Sagemaker,
  CREATE_BODY_SCHEMAS.AzureML,
  CREATE_BODY_SCHEMAS.External,
  CREATE_BODY_SCHEMAS.Registration,
]);
export type CreateDeploymentBody = z.infer<typeof createDeploymentBodySchema>;
export type CreateBodyOf<T extends DeploymentType> = z.infer<(typeof CREATE_BODY_SCHEMAS)[T]>;

/**
 * An update names its type (the plugin always does), or leaves it out to keep the deployment's
 * type; then the client cannot know the type, and takes any type's update fields (Deeploy checks
 * them against the deployment).
 */
const untypedUpdateSchema = z
  .strictObject({
    deploymentType: z.undefined().optional(),
    ...UPDATE_FIELDS.Registration,
    ...UPDATE_FIELDS.External,
    ...UPDATE_FIELDS.AzureML,
    ...UPDATE_FIELDS.Sagemaker,
    ...UPDATE_FIELDS.KServe,
  })
  .superRefine(externalAuthCheck);

export const updateDeploymentBodySchema = z.discriminatedUnion('deploymentType', [
  UPDATE_BODY_SCHEMAS.KServe,
  UPDATE_BODY_SCHEMAS.Sagemaker,
  UPDATE_BODY_SCHEMAS.AzureML,
  UPDATE_BODY_SCHEMAS.External,
  UPDATE_BODY_SCHEMAS.Registration,
  untypedUpdateSchema,
]);
export type UpdateDeploymentBody = z.infer<typeof updateDeploymentBodySchema>;

/** `PATCH /workspaces/{ws}/deployments/{id}/description`. */
export const updateDescriptionBodySchema = z.strictObject({ name: nonEmpty.optional(), description: z.string().optional() });
export type UpdateDescriptionBody = z.infer<typeof updateDescriptionBodySchema>;

/** Deeploy wants absent rather than `null` or `{}` (deeploy-api.md §3): drop them before sending. */
export function compactBody<T extends Record<string, unknown>>(body: T): T {
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => {
      if (value === undefined || value === null) return false;
      return !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
    }),
  ) as T;
}
