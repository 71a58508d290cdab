/**
 * The type flags both `contract` and `reference` take (`--modelType`, `--explainerType`,
 * `--transformerType`). They are plain strings in the zod options and checked with
 * `enumValueProblem`, so a wrong case gets the right spelling; `schema.json` lists the names
 * (`TYPE_FLAG_ENUMS`) so Nx Console offers them.
 */
import { z } from 'zod';
import { EXPLAINER_TYPE_NAMES, MODEL_TYPE_NAMES, TRANSFORMER_TYPE_NAMES } from '../../contract/enums';

export const typeFlagsShape = {
  modelType: z.string().optional(),
  explainerType: z.string().optional(),
  transformerType: z.string().optional(),
};

export const TYPE_FLAG_ENUMS = {
  modelType: MODEL_TYPE_NAMES,
  explainerType: EXPLAINER_TYPE_NAMES,
  transformerType: TRANSFORMER_TYPE_NAMES,
} as const;
