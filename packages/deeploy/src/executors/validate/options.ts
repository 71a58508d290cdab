/**
 * The validate executor's options (schema.json, which Nx reads, is written from them by
 * tools/schemas). Loose, because `nx affected -t deeploy-validate deeploy-deploy --dryRun` hands every
 * flag to every target. The type names are left unknown here: they are checked, with a message that
 * names the flag, by `resolveTypes`.
 */
import { z } from 'zod';

export const validateExecutorOptionsSchema = z.looseObject({
  verbose: z.boolean().optional(),
  modelType: z.unknown().optional(),
  explainerType: z.unknown().optional(),
  transformerType: z.unknown().optional(),
  deploymentType: z.unknown().optional(),
});

export type ValidateExecutorOptions = z.input<typeof validateExecutorOptionsSchema>;
