/**
 * `deeploy:contract` run by a person in a terminal without the flags it needs: it asks for them,
 * as Nx's own generators do. Only what is missing is asked: the model's reference kind (from a
 * list), the required fields of each reference given or chosen (and the optional ones of a
 * chosen kind), then each type Deeploy cannot derive. Every answer gets the check its flag gets,
 * and the answers become options, so the plan that follows validates them exactly like flags.
 */
import type { Artifact, ReferenceKind } from '../../contract/enums';
import { ARTIFACTS } from '../../contract/enums';
import { ALLOWED_KIND_SETS } from '../../contract/reference-schema';
import { derivedType, NO_TYPE, TYPE_NAMES, TYPE_OPTION } from '../lib/artifact-types';
import { askText, choose } from '../lib/prompt';
import type { PromptIO } from '../lib/prompt';
import type { FlagPrefix } from '../lib/reference-from-flags';
import { kindFlagSpecs, kindsOf, referenceFromFlags } from '../lib/reference-from-flags';
import { withArticle } from '../lib/text';
import type { ContractOptions } from './options';
import { ARTIFACT_FLAG_PREFIX } from './options';

/** What each kind is, shown beside it in the list. */
const KIND_HINTS: Record<ReferenceKind, string> = {
  blob: 'a model folder in S3, GCS or Azure blob storage',
  docker: 'a docker image that serves the model',
  mlflow: 'a model in an MLflow registry',
  azureML: 'an Azure ML image with its probes',
  databricks: 'a model in Databricks (Unity Catalog)',
  huggingface: 'a Hugging Face model id',
};

function isAllowedKindSet(artifact: Artifact, kinds: readonly ReferenceKind[]): boolean {
  const key = [...kinds].sort().join();
  return ALLOWED_KIND_SETS[artifact].some((set) => [...set].sort().join() === key);
}

/** The problem the flag itself would get with `answer` as its value, without its `--flag: ` start. */
function answerProblem(values: Record<string, unknown>, prefix: FlagPrefix, artifact: Artifact, flag: string, answer: string): string | undefined {
  const { problems } = referenceFromFlags({ ...values, [flag]: answer }, prefix, artifact);
  const own = problems.find((problem) => problem.startsWith(`--${flag}: `));
  return own?.slice(`--${flag}: `.length);
}

/** The options with every missing reference field and underivable type answered. */
export async function askForMissingOptions(options: ContractOptions, io: PromptIO): Promise<ContractOptions> {
  const answers: Record<string, string> = {};
  const current = (): Record<string, unknown> => ({ ...options, ...answers });

  for (const artifact of ARTIFACTS) {
    const prefix = ARTIFACT_FLAG_PREFIX[artifact];
    let { kinds } = referenceFromFlags(current(), prefix, artifact);
    const chosen = artifact === 'model' && kinds.length === 0;
    if (chosen) {
      const kind = await choose(
        io,
        'Where is the model? (in a script: --blobUrl, --dockerImage, --mlflowModel, --azureMLImage, --databricksModel or --huggingfaceModel)',
        kindsOf('model').map((value) => ({ value, hint: KIND_HINTS[value] })),
      );
      kinds = [kind];
    }
    // Kinds that cannot go together are reported by the plan; questions would not fix them.
    if (kinds.length === 0 || !isAllowedKindSet(artifact, kinds)) continue;

    for (const spec of kindFlagSpecs(prefix, kinds)) {
      if (current()[spec.flag] !== undefined || (!spec.required && !chosen)) continue;
      const answer = await askText(io, `${artifact} ${spec.kind} reference, ${spec.description} (--${spec.flag}, e.g. ${spec.example})`, {
        optional: !spec.required,
        check: (text) => answerProblem(current(), prefix, artifact, spec.flag, text),
      });
      if (answer !== undefined) answers[spec.flag] = answer;
    }

    const option = TYPE_OPTION[artifact];
    if (current()[option] === undefined && derivedType(artifact, kinds) === undefined) {
      const names = TYPE_NAMES[artifact].filter((name) => name !== NO_TYPE[artifact]);
      answers[option] = await choose(
        io,
        `Which ${artifact} type? (--${option}; Deeploy cannot derive it from ${withArticle(kinds.join('+'))} reference)`,
        names.map((value) => ({ value })),
      );
    }
  }
  return current() as ContractOptions;
}
