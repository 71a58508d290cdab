/**
 * The zod schemas of what crosses the wire (deeploy-api.md §2-§3): the single source of truth for
 * replies we read and bodies we send; the TypeScript types are inferred from them.
 *
 * Replies are tolerant: every field but `id` is optional, `null` reads as absent, and unknown
 * fields are kept, because Deeploy's shapes were only ever observed, never specified.
 * Bodies (`deployment-bodies.ts`) are strict: an unknown key is refused before sending.
 */
import { z } from 'zod';

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
    z
      .string()
      .min(1)
      .transform((id) => ({ id, expanded: false as const })),
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
  // A version given as an id has no members (`expanded` is false only for those).
  const version: Partial<VersionObject> = deployment.activeVersion && deployment.activeVersion.expanded !== false ? deployment.activeVersion : {};
  const result: Record<string, unknown> = {};
  for (const key of DEPLOYED_VERSION_KEYS) {
    const value = version[key] ?? deployment[key];
    if (value !== undefined) result[key] = value;
  }
  return result as DeployedVersion;
}

/** The members of a version reference (none when it is only an id). */
export function versionMembersOf(ref: VersionRef | undefined): DeployedVersion {
  if (!ref || ref.expanded === false) return {};
  return Object.fromEntries(DEPLOYED_VERSION_KEYS.filter((key) => ref[key] !== undefined).map((key) => [key, ref[key]])) as DeployedVersion;
}

/** The deployment's predict URL, under either spelling. */
export function publicUrlOf(deployment: Deployment): string | undefined {
  return deployment.publicUrl ?? deployment.publicURL;
}

/**
 * Deeploy's reason for a failure: the messages in `errorDetails` (an entry's `message`, `detail`,
 * `error` or `reason`, else the entry as JSON), else `statusMessage`. Undefined when none is given.
 * The server's text as it came: print it only through `serverTextOf`.
 */
export function failureReasonOf(deployment: Deployment): string | undefined {
  const details = (deployment.errorDetails ?? []).map((entry) => {
    if (typeof entry === 'string') return entry;
    const record = entry as Record<string, unknown>;
    const text = [record.message, record.detail, record.error, record.reason].find(
      (value): value is string => typeof value === 'string' && value.trim() !== '',
    );
    return text ?? (Object.keys(record).length > 0 ? JSON.stringify(record) : '');
  });
  // Raw, on purpose: whoever prints it redacts it first, then tidies and cuts it (`serverTextOf`),
  // so no cut can leave part of a secret behind.
  const reason = details.filter((text) => text.trim() !== '').join('; ') || deployment.statusMessage;
  return reason?.trim() ? reason : undefined;
}

export const uploadReplySchema = z.union([
  z.looseObject({ data: z.looseObject({ referencePath: z.string().min(1) }) }).transform((reply) => reply.data),
  z.looseObject({ referencePath: z.string().min(1) }),
]);

// ---- bodies: one schema per deployment type, in their own module ----

export * from './deployment-bodies';
