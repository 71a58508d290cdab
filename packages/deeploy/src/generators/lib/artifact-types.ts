/**
 * Which type an artifact's reference needs, and whether the user must give it.
 *
 * What Deeploy derives on its own is decided in one place, `contract/derive-types.ts` (the same
 * rules the validate and deploy targets apply); this module only asks it, so a generator never
 * writes a setting the deploy would then reject, nor leaves out one it would ask for. Derived
 * types are not written to project.json; given ones are. The one contradiction refused here is a
 * model type other than CUSTOM for an image (docker or azureML), which Deeploy always runs as CUSTOM.
 */
import type { ArtifactContent, ContractFiles } from '../../contract/contract-folder';
import { deriveTypes } from '../../contract/derive-types';
import type { Artifact, ReferenceKind } from '../../contract/enums';
import { EXPLAINER_TYPE_NAMES, MODEL_TYPE_NAMES, TRANSFORMER_TYPE_NAMES, enumValueProblem } from '../../contract/enums';
import type { ReferenceBody } from '../../contract/reference-schema';
import { withArticle } from './text';

/** The project.json deploy option (and flag) holding each artifact's type. */
export const TYPE_OPTION = { model: 'modelType', explainer: 'explainerType', transformer: 'transformerType' } as const;
export type TypeOption = (typeof TYPE_OPTION)[Artifact];

export const TYPE_NAMES = { model: MODEL_TYPE_NAMES, explainer: EXPLAINER_TYPE_NAMES, transformer: TRANSFORMER_TYPE_NAMES } as const;

/** The type that means "no such artifact": never a type for a reference. */
export const NO_TYPE = { model: undefined, explainer: 'NO_EXPLAINER', transformer: 'NO_TRANSFORMER' } as const;
const EXAMPLE = { model: 'SKLEARN', explainer: 'SHAP_KERNEL', transformer: 'CUSTOM' } as const;

/** What a reference of each kind is, for "cannot derive the framework from <it>". */
const SOURCE_OF: Record<ReferenceKind, string> = {
  blob: 'a URL',
  docker: 'a docker reference',
  mlflow: 'a registry reference',
  databricks: 'a registry reference',
  azureML: 'an Azure ML reference',
  huggingface: 'a Hugging Face reference',
};
const WHAT_TYPE = { model: 'framework', explainer: 'kind of explainer', transformer: 'kind of transformer' } as const;

/** The type flag's value checked against the enum (exact spelling), or a problem naming the flag. */
export function typeNameProblem(artifact: Artifact, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const problem = enumValueProblem(String(value), TYPE_NAMES[artifact]);
  return problem ? `--${TYPE_OPTION[artifact]}: ${problem}` : undefined;
}

/** The type `contract/derive-types` derives for an artifact holding these kinds (none: no folder). */
export function derivedType(artifact: Artifact, kinds: readonly ReferenceKind[]): string | undefined {
  // deriveTypes looks at which kinds a reference holds, not at their fields.
  const content: ArtifactContent = {
    source: 'reference',
    file: `${artifact}/reference.json`,
    reference: Object.fromEntries(kinds.map((kind) => [kind, {}])) as ReferenceBody,
  };
  const contract: ContractFiles = {
    contractPath: '',
    model: artifact === 'model' ? content : { source: 'file', file: 'model/model.bin' },
  };
  if (artifact !== 'model' && kinds.length > 0) contract[artifact] = content;
  return deriveTypes(contract)[TYPE_OPTION[artifact]];
}

export type TypeCheck =
  /** `type` is the value to write (undefined: derived, nothing to write). */
  { ok: true; type?: string } | { ok: false; problem: string };

/**
 * Checks the type given for an artifact (flag or project.json: `source` names it, for the
 * message) against its reference kinds. With no kinds, only the "none" type makes sense.
 */
export function checkArtifactType(artifact: Artifact, kinds: readonly ReferenceKind[], given: string | undefined, source: string): TypeCheck {
  const option = TYPE_OPTION[artifact];
  const none = NO_TYPE[artifact];
  if (kinds.length === 0) {
    if (given === undefined || given === none) return { ok: true, type: given };
    return { ok: false, problem: `${source}=${given} needs ${withArticle(artifact)} reference; give its flags too, or drop ${source}` };
  }
  const what = `${withArticle(kinds.join('+'))} ${artifact}`;
  if (given !== undefined && given === none) {
    return {
      ok: false,
      problem: `${source}=${given} contradicts the ${artifact} reference; drop it or give a real type, e.g. --${option}=${EXAMPLE[artifact]}`,
    };
  }
  const derived = derivedType(artifact, kinds);
  if (artifact === 'model' && derived === 'CUSTOM' && given !== undefined && given !== derived) {
    return {
      ok: false,
      problem: `${source}=${given} conflicts with ${what}: an image runs its own server, so Deeploy deploys it as CUSTOM; drop ${source} (CUSTOM is derived) or set it to CUSTOM`,
    };
  }
  if (given === undefined && derived === undefined) {
    const why = `Deeploy cannot derive the ${WHAT_TYPE[artifact]} from ${SOURCE_OF[kinds[0]]}`;
    return { ok: false, problem: `--${option} is required for ${what}: ${why}; e.g. --${option}=${EXAMPLE[artifact]}` };
  }
  return { ok: true, type: given };
}
