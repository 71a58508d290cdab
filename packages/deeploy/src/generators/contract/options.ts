/**
 * The options of `nx g deeploy:contract`: the source of truth for their names and types
 * (`schema.json` is written from it by tools/schemas). Type names are plain strings here and are
 * checked with `enumValueProblem`, so a wrong case gets the right spelling in the error.
 */
import { z } from 'zod';
import type { Artifact } from '../../contract/enums';
import { PROBLEM_TYPES } from '../../contract/enums';
import { metadataFlagsShape } from '../lib/metadata-from-flags';
import type { FlagPrefix } from '../lib/reference-from-flags';
import { kindFlagsShape, kindsOf } from '../lib/reference-from-flags';
import { TYPE_FLAG_ENUMS, typeFlagsShape } from '../lib/type-flags';

/** The model's kind flags are unprefixed (`--blobUrl`); the others carry the artifact (`--explainerBlobUrl`). */
export const ARTIFACT_FLAG_PREFIX: Record<Artifact, FlagPrefix> = { model: '', explainer: 'explainer', transformer: 'transformer' };

const textOrNumber = z.union([z.string(), z.number()]).optional();

// The order is the one of `nx g deeploy:contract --help` and Nx Console: each artifact's
// reference flags, then its type.
export const contractOptionsSchema = z.strictObject({
  path: z.string(),
  ...kindFlagsShape('', kindsOf('model')),
  modelType: typeFlagsShape.modelType,
  ...kindFlagsShape('explainer', kindsOf('explainer')),
  explainerType: typeFlagsShape.explainerType,
  ...kindFlagsShape('transformer', kindsOf('transformer')),
  transformerType: typeFlagsShape.transformerType,
  ...metadataFlagsShape,
  deploymentName: textOrNumber,
  deploymentDescription: textOrNumber,
  overwrite: z.boolean().optional(),
});

export type ContractGeneratorSchema = z.input<typeof contractOptionsSchema>;
export type ContractOptions = z.output<typeof contractOptionsSchema>;

/** The options whose values are enum names, with the names `schema.json` must list. */
export const CONTRACT_ENUM_OPTIONS = {
  ...TYPE_FLAG_ENUMS,
  problemType: PROBLEM_TYPES,
} as const;
