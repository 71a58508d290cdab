/**
 * The zod schema of `metadata.json` (deeploy-api.md §5, §8). Every field is optional. Unknown fields
 * are allowed: Deeploy's UI adds fields over time, and metadata never changes how a model runs.
 * Read as Deeploy's own tools write it: a feature may carry a `distribution` (its shape is not
 * published, so any JSON value), and very old clients wrote `exampleInput` / `exampleOutput` as
 * lists. The legacy `featureLabels` form is accepted when read, and never written.
 */
import { z } from 'zod';
import { PROBLEM_TYPES } from './enums';

export const featureSchema = z.strictObject({
  name: z.string().min(1, 'must not be empty'),
  observedMin: z.number().optional(),
  observedMax: z.number().optional(),
  distribution: z.unknown().optional(),
});

/** Objects in the newest client, lists in very old ones. */
const example = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())], { error: 'must be a JSON object (or, as very old clients wrote, a list)' });

export const metadataSchema = z.looseObject({
  features: z.array(featureSchema).optional(),
  featureLabels: z.array(z.string()).optional(),
  predictionClasses: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  problemType: z.enum(PROBLEM_TYPES, { message: `must be one of ${PROBLEM_TYPES.join(', ')}` }).optional(),
  exampleInput: example.optional(),
  exampleOutput: example.optional(),
  inputTensorShape: z.string().optional(),
  outputTensorShape: z.string().optional(),
  customId: z.string().optional(),
});

export type Metadata = z.infer<typeof metadataSchema>;
