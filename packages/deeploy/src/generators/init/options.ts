/**
 * The options of `nx g deeploy:init` (run by `nx add deeploy`): the source of truth for their names
 * and types (`schema.json` is written from it by tools/schemas).
 */
import { z } from 'zod';

export const initOptionsSchema = z.object({
  skipFormat: z.boolean().optional(),
  /** Passed by `nx add`; accepted so it runs, unused: `nx add` installed the package already. */
  keepExistingVersions: z.boolean().optional(),
  host: z.string().optional(),
  workspaceId: z.string().optional(),
  setProjectsAffectedByDependencyUpdates: z.boolean().optional(),
});

export type InitGeneratorSchema = z.input<typeof initOptionsSchema>;
export type InitOptions = z.output<typeof initOptionsSchema>;
