/**
 * The `metadata.json` a new contract gets when no metadata flag is given: the folder Deeploy reads
 * always has one (product.md, "Generators"). Its fields are the ones a person fills in, empty, so
 * the file is valid as written (deeploy-validate accepts it) and shows each field's shape.
 * `problemType` and `predictionClasses` are left out: any value there would be a guess that
 * Deeploy shows as a fact; the log line names the flags that set them.
 */
import type { Metadata } from '../../contract/metadata-schema';

export function metadataSkeleton(): Metadata {
  return { features: [], exampleInput: {}, exampleOutput: {} };
}
