/**
 * The zod schema of `metadata.json` (deeploy-api.md §5). Every field is optional. Unknown fields
 * are allowed: Deeploy's UI adds fields over time, and metadata never changes how a model runs.
 * The legacy `featureLabels` form is accepted when read, and never written.
 */
import { z } from 'zod';
import { PROBLEM_TYPES } from './enums';

export const featureSchema = z.strictObject({
  name: z.string().min(1, 'must not be empty'),
  observedMin: z.number().optional(),
  observedMax: z.number().optional(),
});

export const metadataSchema = z.looseObject({
  features: z.array(featureSchema).optional(),
  featureLabels: z.array(z.string()).optional(),
  predictionClasses: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  problemType: z.enum(PROBLEM_TYPES, { message: `must be one of ${PROBLEM_TYPES.join(', ')}` }).optional(),
  exampleInput: z.record(z.string(), z.unknown()).optional(),
  exampleOutput: z.record(z.string(), z.unknown()).optional(),
  inputTensorShape: z.string().optional(),
  outputTensorShape: z.string().optional(),
  customId: z.string().optional(),
});

export type Metadata = z.infer<typeof metadataSchema>;
