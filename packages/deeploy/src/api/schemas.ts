/**
 * The zod schemas of what crosses the wire (deeploy-api.md §2-§3): the single source of truth for
 * replies we read and bodies we send; the TypeScript types are inferred from them.
 *
 * Replies are tolerant: every field but `id` is optional, `null` reads as absent, and unknown
 * fields are kept, because Deeploy's shapes were only ever observed, never specified.
 * Bodies are strict: an unknown key is refused before sending (the Python client once sent
 * `commitMassage` for years), enums are the wire integers of `contract/enums.ts`.
 */
import { z } from 'zod';
import { DEPLOYMENT_TYPES, EXPLAINER_TYPES, MODEL_TYPES, TRANSFORMER_TYPES } from '../contract/enums';
import { contractPathProblem, normalizeContractPath } from '../contract/validators';

/**
 * An optional reply field where `null` means absent (so the inferred type has no `null`), and a
 * value of another type reads as absent too: one odd field must not cost the whole reply, and an
 * absent fact is treated as unknown wherever a decision reads it.
 */
function loose<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.optional()).catch(undefined);
}

// ---- replies ----

export const repositorySchema = z.looseObject({
  id: z.string().min(1),
  name: loose(z.string()),
  remotePath: loose(z.string()),
  status: loose(z.number()),
  workspaceId: loose(z.string()),
  teamId: loose(z.string()),
  createdAt: loose(z.string()),
  updatedAt: loose(z.string()),
});
export type Repository = z.infer<typeof repositorySchema>;

const versionFields = {
  repositoryId: loose(z.string()),
  branchName: loose(z.string()),
  commit: loose(z.string()),
  contractPath: loose(z.string()),
  modelType: loose(z.number()),
  explainerType: loose(z.number()),
  transformerType: loose(z.number()),
};

/** A deployed version, expanded: nothing in any source shows its members, so all are optional. */
export const versionObjectSchema = z.looseObject({ id: loose(z.string()), ...versionFields });
export type VersionObject = z.infer<typeof versionObjectSchema>;

/**
 * `activeVersion`, `updatingTo`, `lastVersion` (deeploy-api.md §8): an object, or a string (the
 * version id, unexpanded), or absent. A string reads as `{id}` with `expanded: false`, so code
 * that needs the members knows to fetch the deployment by id.
 */
export const versionRefSchema = loose(
  z.union([
    z.string().min(1).transform((id) => ({ id, expanded: false as const })),
    versionObjectSchema.transform((version) => ({ ...version, expanded: true as const })),
  ]),
);
export type VersionRef = NonNullable<z.infer<typeof versionRefSchema>>;

/** One entry of `errorDetails`: the reason a deployment failed; its members were never seen. */
const errorDetailSchema = z.union([z.string(), z.looseObject({}).catch({})]);

export const deploymentSchema = z.looseObject({
  id: z.string().min(1),
  name: loose(z.string()),
  description: loose(z.string()),
  workspaceId: loose(z.string()),
  teamId: loose(z.string()),
  useCaseId: loose(z.string()),
  riskClassification: loose(z.string()),
  deploymentType: loose(z.string()),
  /** The newest spelling; older replies said `publicURL` (read either with `publicUrlOf`). */
  publicUrl: loose(z.string()),
  publicURL: loose(z.string()),
  /** An integer; see `deploymentStateOf` for what the values mean. */
  status: loose(z.number()),
  /** Why a deployment failed, as Deeploy says it (§8): a list of objects. */
  errorDetails: loose(z.array(errorDetailSchema)),
  /** Why a deployment failed, as older emulators said it. */
  statusMessage: loose(z.string()),
  createdAt: loose(z.string()),
  updatedAt: loose(z.string()),
  /** The version that runs. */
  activeVersion: versionRefSchema,
  /** A version pending approval or rolling out. */
  updatingTo: versionRefSchema,
  /** The version before the active one. */
  lastVersion: versionRefSchema,
  // Some servers may put the version fields on the deployment itself.
  ...versionFields,
});
export type Deployment = z.infer<typeof deploymentSchema>;

export interface DeployedVersion {
  repositoryId?: string;
  branchName?: string;
  commit?: string;
  contractPath?: string;
  modelType?: number;
  explainerType?: number;
  transformerType?: number;
}

const DEPLOYED_VERSION_KEYS = ['repositoryId', 'branchName', 'commit', 'contractPath', 'modelType', 'explainerType', 'transformerType'] as const;

/** The deployed configuration of a deployment, from `activeVersion` or else the top level. */
export function deployedVersionOf(deployment: Deployment): DeployedVersion {
  const version: Partial<VersionObject> = deployment.activeVersion?.expanded ? deployment.activeVersion : {};
  const result: Record<string, unknown> = {};
  for (const key of DEPLOYED_VERSION_KEYS) {
    const value = version[key] ?? deployment[key];
    if (value !== undefined) result[key] = value;
  }
  return result as DeployedVersion;
}

/** The members of a version reference (none when it is only an id). */
export function versionMembersOf(ref: VersionRef | undefined): DeployedVersion {
  if (!ref?.expanded) return {};
  return Object.fromEntries(DEPLOYED_VERSION_KEYS.filter((key) => ref[key] !== undefined).map((key) => [key, ref[key]])) as DeployedVersion;
}

/** The deployment's predict URL, under either spelling. */
export function publicUrlOf(deployment: Deployment): string | undefined {
  return deployment.publicUrl ?? deployment.publicURL;
}

const MAX_REASON_CHARS = 500;

/**
 * Deeploy's reason for a failure: the messages in `errorDetails` (an entry's `message`, `detail`,
 * `error` or `reason`, else the entry as JSON), else `statusMessage`. Undefined when none is given.
 */
export function failureReasonOf(deployment: Deployment): string | undefined {
  const details = (deployment.errorDetails ?? []).map((entry) => {
    if (typeof entry === 'string') return entry;
    const record = entry as Record<string, unknown>;
    const text = [record.message, record.detail, record.error, record.reason].find((value): value is string => typeof value === 'string' && value.trim() !== '');
    return text ?? (Object.keys(record).length > 0 ? JSON.stringify(record) : '');
  });
  const reason = details.filter((text) => text.trim() !== '').join('; ') || deployment.statusMessage;
  // A server's text goes into CI logs and reports: one line, no control characters, bounded.
  // eslint-disable-next-line no-control-regex
  const line = reason?.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
  if (!line) return undefined;
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS)}…` : line;
}

export const uploadReplySchema = z.union([
  z.looseObject({ data: z.looseObject({ referencePath: z.string().min(1) }) }).transform((reply) => reply.data),
  z.looseObject({ referencePath: z.string().min(1) }),
]);

// ---- bodies ----

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
const ids = z.array(nonEmpty);
const args = z.record(z.string(), z.unknown());

const contractPath = z.string().superRefine((value, ctx) => {
  const problem = contractPathProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
  else if (normalizeContractPath(value) !== value) ctx.addIssue({ code: 'custom', message: `must be written as "${normalizeContractPath(value)}"` });
});

/** The fields of a deployed version: sent on create, and each one optional on update. */
const versionBodyFields = {
  deploymentType: z.enum(DEPLOYMENT_TYPES),
  repositoryId: uuid,
  branchName: nonEmpty,
  /** A full git sha: Deeploy takes the branch head when absent; we send the commit we validated. */
  commit: z.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, 'must be a full git commit sha'),
  /** Repository-relative POSIX path of the contract folder; empty = repository root. */
  contractPath,
  modelType: wireEnum(MODEL_TYPES, 'ModelType'),
  explainerType: wireEnum(EXPLAINER_TYPES, 'ExplainerType'),
  transformerType: wireEnum(TRANSFORMER_TYPES, 'TransformerType'),
  modelFrameworkVersion: nonEmpty,
  explainerFrameworkVersion: nonEmpty,
  // SageMaker
  region: nonEmpty,
  // KServe sizing and credentials, per artifact; AzureML/SageMaker use the instance fields.
  modelServerless: z.boolean(),
  modelInstanceType: nonEmpty,
  modelInstanceCount: z.int().positive(),
  modelMemRequest: megabytes,
  modelMemLimit: megabytes,
  modelCpuRequest: cores,
  modelCpuLimit: cores,
  modelGpuRequest: z.number().nonnegative(),
  modelBlobCredentialsId: nonEmpty,
  modelDockerCredentialsId: nonEmpty,
  modelEnvironmentVariableIds: ids,
  modelArgs: args,
  explainerServerless: z.boolean(),
  explainerInstanceType: nonEmpty,
  explainerInstanceCount: z.int().positive(),
  explainerMemRequest: megabytes,
  explainerMemLimit: megabytes,
  explainerCpuRequest: cores,
  explainerCpuLimit: cores,
  explainerGpuRequest: z.number().nonnegative(),
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
  transformerGpuRequest: z.number().nonnegative(),
  transformerBlobCredentialsId: nonEmpty,
  transformerDockerCredentialsId: nonEmpty,
  transformerEnvironmentVariableIds: ids,
  transformerArgs: args,
};

type VersionBodyFields = typeof versionBodyFields;
const optionalVersionFields = Object.fromEntries(Object.entries(versionBodyFields).map(([key, schema]) => [key, schema.optional()])) as {
  [K in keyof VersionBodyFields]: z.ZodOptional<VersionBodyFields[K]>;
};

/** `POST /workspaces/{ws}/deployments`: name, repositoryId, branchName and modelType required. */
export const createDeploymentBodySchema = z.strictObject({
  ...optionalVersionFields,
  name: nonEmpty,
  description: z.string().optional(),
  repositoryId: uuid,
  branchName: nonEmpty,
  modelType: wireEnum(MODEL_TYPES, 'ModelType'),
  useCaseId: uuid.optional(),
  approverUserIds: ids.optional(),
  guardrailIds: ids.optional(),
  documentationTemplateIds: ids.optional(),
  messageToApprovers: z.string().optional(),
});
export type CreateDeploymentBody = z.infer<typeof createDeploymentBodySchema>;

/** `PATCH /workspaces/{ws}/deployments/{id}`: a partial version; name and description go to `/description`. */
export const updateDeploymentBodySchema = z.strictObject(optionalVersionFields);
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
