/**
 * Request bodies from the desired deployment. The only place enum names become wire numbers.
 * Each body goes through the API's wire schema (the single source of the body shape), so a field
 * the settings hold but Deeploy does not take fails here, in tests, not on a server.
 * Name and description are not part of an update: they go to `/description`.
 */
import type { z } from 'zod';
import {
  compactBody,
  createDeploymentBodySchema,
  updateDeploymentBodySchema,
  type CreateDeploymentBody,
  type UpdateDeploymentBody,
} from '../api/schemas';
import { EXPLAINER_TYPES, MODEL_TYPES, TRANSFORMER_TYPES } from '../contract/enums';
import type { DesiredDeployment } from './desired-deployment';

export class BodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BodyError';
  }
}

/** The fields of a deployed version, shared by create and update. */
function versionBody(desired: DesiredDeployment): Record<string, unknown> {
  return {
    deploymentType: desired.deploymentType,
    repositoryId: desired.repositoryId,
    branchName: desired.branchName,
    commit: desired.commit,
    contractPath: desired.contractPath,
    modelType: MODEL_TYPES[desired.modelType],
    explainerType: EXPLAINER_TYPES[desired.explainerType],
    transformerType: TRANSFORMER_TYPES[desired.transformerType],
    ...desired.versionFields,
  };
}

function checked<S extends z.ZodType>(schema: S, body: Record<string, unknown>, what: string): z.output<S> {
  const parsed = schema.safeParse(compactBody(body));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BodyError(`the ${what} body would be refused: ${issue.path.map(String).join('.') || 'body'} ${issue.message}`);
}

export function buildCreateBody(desired: DesiredDeployment): CreateDeploymentBody {
  return checked(
    createDeploymentBodySchema,
    { name: desired.name, description: desired.description, ...versionBody(desired), ...desired.createFields },
    'create',
  );
}

export function buildUpdateBody(desired: DesiredDeployment): UpdateDeploymentBody {
  return checked(updateDeploymentBodySchema, versionBody(desired), 'update');
}
