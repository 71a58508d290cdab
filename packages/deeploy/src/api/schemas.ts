/**
 * The zod schemas of what crosses the wire (deeploy-api.md §2-§3): the single source of truth for
 * replies we read and bodies we send; the TypeScript types are inferred from them.
 *
 * Replies are tolerant: every field but `id` is optional, `null` reads as absent, and unknown
 * fields are kept, because Deeploy's shapes were only ever observed, never specified.
 * Bodies (`deployment-bodies.ts`) are strict: an unknown key is refused before sending.
 */
import { z } from 'zod';

/** An optional reply field where `null` means absent (so the inferred type has no `null`). */
function loose<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.optional());
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

/** What older servers return as `activeVersion`: the deployed configuration. */
export const activeVersionSchema = z.looseObject(versionFields);
export type ActiveVersion = z.infer<typeof activeVersionSchema>;

export const deploymentSchema = z.looseObject({
  id: z.string().min(1),
  name: loose(z.string()),
  description: loose(z.string()),
  workspaceId: loose(z.string()),
  teamId: loose(z.string()),
  useCaseId: loose(z.string()),
  riskClassification: loose(z.string()),
  deploymentType: loose(z.string()),
  publicURL: loose(z.string()),
  /** An integer; see `deploymentStateOf` for what the values mean. */
  status: loose(z.number()),
  /** Why a deployment failed (the emulator's field; real servers may name it otherwise). */
  statusMessage: loose(z.string()),
  createdAt: loose(z.string()),
  updatedAt: loose(z.string()),
  activeVersion: loose(activeVersionSchema),
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

/** The deployed configuration of a deployment, from `activeVersion` or else the top level. */
export function deployedVersionOf(deployment: Deployment): DeployedVersion {
  const version: ActiveVersion = deployment.activeVersion ?? {};
  const keys = ['repositoryId', 'branchName', 'commit', 'contractPath', 'modelType', 'explainerType', 'transformerType'] as const;
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const value = version[key] ?? deployment[key];
    if (value !== undefined) result[key] = value;
  }
  return result as DeployedVersion;
}

export const uploadReplySchema = z.union([
  z.looseObject({ data: z.looseObject({ referencePath: z.string().min(1) }) }).transform((reply) => reply.data),
  z.looseObject({ referencePath: z.string().min(1) }),
]);

// ---- bodies: one schema per deployment type, in their own module ----

export * from './deployment-bodies';
