/**
 * The options of `nx g deeploy:reference`: the source of truth for their names and types
 * (`schema.json` is written from it by tools/schemas). The kind flags are the unprefixed ones of
 * `deeploy:contract`; they apply to `--artifact`.
 */
import { z } from 'zod';
import { ARTIFACTS, REFERENCE_KINDS } from '../../contract/enums';
import { kindFlagsShape } from '../lib/reference-from-flags';
import { TYPE_FLAG_ENUMS, typeFlagsShape } from '../lib/type-flags';

export const referenceOptionsSchema = z.strictObject({
  project: z.string(),
  artifact: z.enum(ARTIFACTS, { message: `must be one of ${ARTIFACTS.join(', ')}` }).optional(),
  ...kindFlagsShape('', REFERENCE_KINDS),
  ...typeFlagsShape,
  overwrite: z.boolean().optional(),
});

export type ReferenceGeneratorSchema = z.input<typeof referenceOptionsSchema>;
export type ReferenceOptions = z.output<typeof referenceOptionsSchema>;

/** The options whose values are enum names, with the names `schema.json` must list. */
export const REFERENCE_ENUM_OPTIONS = {
  artifact: ARTIFACTS,
  ...TYPE_FLAG_ENUMS,
} as const;
