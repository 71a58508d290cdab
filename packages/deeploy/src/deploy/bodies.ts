/**
 * Request bodies from the desired deployment, shaped by its deployment type (deeploy-api.md §8):
 * the only place enum names become wire numbers and option names wire names. Each body goes
 * through its type's wire schema (`api/deployment-bodies.ts`), so a field the settings hold but
 * that type does not take fails here, in tests, not on a server.
 * Name and description are not part of an update: they go to `/description`.
 */
import type { z } from 'zod';
import { CREATE_BODY_SCHEMAS, UPDATE_BODY_SCHEMAS, compactBody, type CreateDeploymentBody, type UpdateDeploymentBody } from '../api/deployment-bodies';
import { EXPLAINER_TYPES, MODEL_TYPES, TRANSFORMER_TYPES, TYPED_DEPLOYMENT_TYPES } from '../contract/enums';
import { BODY_OPTIONS, type BodyOptionKey } from '../settings/settings-schema';
import type { DesiredDeployment } from './desired-deployment';
import { UserError } from '../user-error';

export class BodyError extends UserError {}

/** Option names to wire names (`tokenUrl` → `tokenURL`). */
function wireFields(fields: Partial<Record<BodyOptionKey, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [(BODY_OPTIONS[key as BodyOptionKey] as { wire?: string }).wire ?? key, value]));
}

/** The fields of a deployed version, shared by create and update. */
function versionBody(desired: DesiredDeployment): Record<string, unknown> {
  const runsContract = (TYPED_DEPLOYMENT_TYPES as readonly string[]).includes(desired.deploymentType);
  return {
    deploymentType: desired.deploymentType,
    // Sent for every type: External and Registration take them too (optional there), and they
    // are how the next run finds this deployment again.
    repositoryId: desired.repositoryId,
    branchName: desired.branchName,
    commit: desired.commit,
    contractPath: desired.contractPath,
    // External and Registration deployments run no contract: they take no artifact types.
    ...(runsContract
      ? {
          // Absent types leave the fields out, and the type's schema then says what is missing.
          modelType: desired.modelType && MODEL_TYPES[desired.modelType],
          explainerType: desired.explainerType && EXPLAINER_TYPES[desired.explainerType],
          transformerType: desired.transformerType && TRANSFORMER_TYPES[desired.transformerType],
        }
      : {}),
    ...wireFields(desired.versionFields),
    ...(desired.externalSecret !== undefined ? { password: desired.externalSecret } : {}),
  };
}

function checked<S extends z.ZodType>(schema: S, body: Record<string, unknown>, what: string, type: string): z.output<S> {
  const parsed = schema.safeParse(compactBody(body));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // Never quote values: the body may hold the External secret.
  const where = issue.code === 'unrecognized_keys' ? `${issue.keys.join(', ')}` : issue.path.map(String).join('.') || 'body';
  const rule =
    issue.code === 'unrecognized_keys'
      ? `${issue.keys.length > 1 ? 'are not fields' : 'is not a field'} of ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type} deployment`
      : issue.message;
  throw new BodyError(`the ${what} body would be refused: ${where} ${rule}`);
}

export function buildCreateBody(desired: DesiredDeployment): CreateDeploymentBody {
  return checked(
    CREATE_BODY_SCHEMAS[desired.deploymentType],
    { name: desired.name, description: desired.description, ...versionBody(desired), ...wireFields(desired.createFields) },
    'create',
    desired.deploymentType,
  ) as CreateDeploymentBody;
}

export function buildUpdateBody(desired: DesiredDeployment): UpdateDeploymentBody {
  return checked(UPDATE_BODY_SCHEMAS[desired.deploymentType], versionBody(desired), 'update', desired.deploymentType) as UpdateDeploymentBody;
}
