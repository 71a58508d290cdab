/**
 * The generators' `schema.json`: names, order, required options, zod defaults and most types from
 * each generator's zod options; the reference flags (`--blobUrl`, `--explainerDockerPort`...) from
 * the flag table; the type names from the enums; the rest (help texts, prompts, examples) here.
 */
import { ARTIFACTS, PROBLEM_TYPES, REFERENCE_KINDS } from '../../packages/deeploy/src/contract/enums';
import type { Artifact, ReferenceKind } from '../../packages/deeploy/src/contract/enums';
import { defaultDeploymentName } from '../../packages/deeploy/src/deploy/desired-deployment';
import { CI_PROVIDERS, ciGeneratorOptionsSchema } from '../../packages/deeploy/src/generators/ci/options';
import { ARTIFACT_FLAG_PREFIX, contractOptionsSchema } from '../../packages/deeploy/src/generators/contract/options';
import { initOptionsSchema } from '../../packages/deeploy/src/generators/init/options';
import { derivedType } from '../../packages/deeploy/src/generators/lib/artifact-types';
import type { FlagPrefix } from '../../packages/deeploy/src/generators/lib/reference-from-flags';
import { kindFlagSpecs, kindsOf } from '../../packages/deeploy/src/generators/lib/reference-from-flags';
import { TYPE_FLAG_ENUMS } from '../../packages/deeploy/src/generators/lib/type-flags';
import { referenceOptionsSchema } from '../../packages/deeploy/src/generators/reference/options';
import type { OptionView, SchemaView } from './nx-schema';

/** "a", "a and b", "a, b and c": lists as the help texts write them. */
function listText(items: readonly string[], last: 'and' | 'or' = 'and'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** What `contract/derive-types` does for models: the kinds that need --modelType, and what the others get. */
function modelTypeDerivation(): { required: string; derived: string } {
  const kinds = kindsOf('model');
  const byType = new Map<string, ReferenceKind[]>();
  for (const kind of kinds) {
    const type = derivedType('model', [kind]);
    if (type) byType.set(type, [...(byType.get(type) ?? []), kind]);
  }
  return {
    required: `required for ${listText(kinds.filter((kind) => derivedType('model', [kind]) === undefined))} models`,
    derived: [...byType].map(([type, of]) => `${listText(of)} models are ${type}`).join(', '),
  };
}

/** The reference flags of `prefix` for `kinds`, each help text led by `lead(kind)`. */
function kindFlagViews(prefix: FlagPrefix, kinds: readonly ReferenceKind[], lead: (kind: ReferenceKind) => string): Record<string, OptionView> {
  return Object.fromEntries(
    kindFlagSpecs(prefix, kinds).map((spec) => [
      spec.flag,
      {
        type: spec.nxType === 'integer' ? 'integer' : spec.nxType === 'string-or-number' ? ['string', 'number'] : 'string',
        description: `${lead(spec.kind)}: ${spec.description}${spec.required ? ` (required for ${spec.kind})` : ''}, e.g. ${spec.example}.`,
      } satisfies OptionView,
    ]),
  );
}

const contractKindFlags = (artifact: Artifact) =>
  kindFlagViews(ARTIFACT_FLAG_PREFIX[artifact], kindsOf(artifact), (kind) => `${capitalize(artifact)} ${kind} reference`);

const positional = (prompt: string) => ({ $default: { $source: 'argv', index: 0 }, 'x-prompt': prompt });

const init: SchemaView = {
  file: 'generators/init/schema.json',
  kind: 'generator',
  head: {
    $id: 'DeeployInit',
    title: 'Register the deeploy plugin',
    description:
      'Registers the deeploy inference plugin in nx.json (once, in either the string or the object form), adds the .deeploy/ report folder to .gitignore, and optionally stops lockfile changes from marking every contract as affected.',
  },
  options: initOptionsSchema,
  view: {
    skipFormat: {
      description: "Accepted for Nx's generator conventions; init writes nx.json and .gitignore already formatted, so there is nothing to format.",
      default: false,
      nx: { 'x-priority': 'internal' },
    },
    keepExistingVersions: {
      description: 'Passed by `nx add`; deeploy adds no package versions, so it changes nothing.',
      default: false,
      nx: { 'x-priority': 'internal' },
    },
    host: { description: 'The Deeploy host, without https:// or api. (e.g. app.deeploy.ml); written to the plugin options.' },
    workspaceId: { description: 'The Deeploy workspace id; written to the plugin options.' },
    setProjectsAffectedByDependencyUpdates: {
      description:
        'Set pluginsConfig["@nx/js"].projectsAffectedByDependencyUpdates to "auto" in nx.json, so a lockfile change no longer marks every project (and so every contract) as affected.',
      default: false,
    },
  },
};

const modelTypes = modelTypeDerivation();

const contract: SchemaView = {
  file: 'generators/contract/schema.json',
  kind: 'generator',
  head: {
    $id: 'DeeployContract',
    title: 'Scaffold a Deeploy contract folder',
    description: `Writes <path>/model/reference.json (one of ${kindsOf('model').join(', ')}), an optional explainer and transformer reference, <path>/metadata.json (from the metadata flags, else a skeleton to fill in) and <path>/project.json with the deploy settings that cannot be derived. In a terminal it asks for a missing model reference and model type. Refuses a path outside the workspace, and an existing contract unless --overwrite.`,
    examples: [
      {
        command: 'nx g deeploy:contract models/churn --modelType=SKLEARN --blobUrl=s3://acme-models/churn/1',
        description: 'A scikit-learn model stored in S3',
      },
      {
        command: 'nx g deeploy:contract models/agenet --dockerImage=docker.io/acme/agenet:1.2.3 --dockerUri=/v1/models/agenet:predict --dockerPort=8080',
        description: 'A model served by its own docker image (model type CUSTOM is derived)',
      },
      {
        command:
          'nx g deeploy:contract models/churn --modelType=XGBOOST --blobUrl=s3://acme-models/churn/1 --explainerType=SHAP_KERNEL --explainerBlobUrl=s3://acme-models/churn/explainer --features=age,income --problemType=classification',
        description: 'A model with an explainer and metadata',
      },
    ],
  },
  options: contractOptionsSchema,
  view: {
    path: {
      description: 'The contract folder, relative to the workspace root (POSIX, inside the workspace; "." for the root).',
      nx: { ...positional('Where should the contract folder go (a path relative to the workspace root, e.g. models/churn)?'), 'x-priority': 'important' },
    },
    ...contractKindFlags('model'),
    modelType: {
      description: `The model framework, as Deeploy names it. ${capitalize(modelTypes.required)} (asked for in a terminal); derived for the others: ${modelTypes.derived}.`,
      enum: TYPE_FLAG_ENUMS.modelType,
      nx: { 'x-priority': 'important' },
    },
    ...contractKindFlags('explainer'),
    explainerType: {
      description:
        'The explainer type, as Deeploy names it. Required with an explainer reference, except a docker or azureML explainer alone (CUSTOM, derived).',
      enum: TYPE_FLAG_ENUMS.explainerType,
    },
    ...contractKindFlags('transformer'),
    transformerType: {
      description: 'The transformer type; a transformer reference is CUSTOM (derived), so this is rarely needed.',
      enum: TYPE_FLAG_ENUMS.transformerType,
    },
    features: { description: 'metadata.json: feature names in input order, comma-separated, e.g. age,income.' },
    predictionClasses: { description: 'metadata.json: prediction classes as label=value pairs (no=0,yes=1) or a JSON object.' },
    problemType: { description: 'metadata.json: the kind of problem the model solves.', enum: PROBLEM_TYPES },
    exampleInput: { description: 'metadata.json: an example request body, as a JSON object.' },
    exampleOutput: { description: 'metadata.json: an example response body, as a JSON object.' },
    // A shape is written with parentheses, so Nx keeps it as text.
    inputTensorShape: { type: 'string', description: 'metadata.json: the input tensor shape, e.g. (1,28,28).' },
    outputTensorShape: { type: 'string', description: 'metadata.json: the output tensor shape, e.g. (1,10).' },
    customId: { description: 'metadata.json: your own id for the model.' },
    deploymentName: {
      description: `The Deeploy deployment name (project.json deploy option "name"). Default: the Nx project name with "/" turned into "-" (models/churn → ${defaultDeploymentName('models/churn')}).`,
    },
    deploymentDescription: { description: 'The Deeploy deployment description (project.json deploy option "description").' },
    overwrite: {
      description:
        'Replace the files this generator writes in an existing contract folder (other files are kept; project.json settings it does not manage are kept).',
      default: false,
    },
  },
};

const reference: SchemaView = {
  file: 'generators/reference/schema.json',
  kind: 'generator',
  head: {
    $id: 'DeeployReference',
    title: "Regenerate one artifact's reference.json",
    description: `Writes <contract>/<artifact>/reference.json from ${listText(REFERENCE_KINDS, 'or')} flags. An existing reference.json (or model.<ext> / explainer.<ext> file) is replaced only with --overwrite, and the log says what changed.`,
    examples: [
      {
        command:
          'nx g deeploy:reference models/churn --dockerImage=docker.io/acme/churn:1.2.3 --dockerUri=/v1/models/churn:predict --dockerPort=8080 --overwrite',
        description: 'Point the model at a docker image (its modelType becomes the derived CUSTOM)',
      },
      {
        command: 'nx g deeploy:reference models/churn --artifact=explainer --explainerType=SHAP_KERNEL --blobUrl=s3://acme-models/churn/explainer',
        description: 'Add an explainer stored in S3',
      },
    ],
  },
  options: referenceOptionsSchema,
  view: {
    project: {
      description: 'The contract: an Nx project name or a contract folder path relative to the workspace root.',
      nx: { ...positional('Which contract (project name or folder path)?'), 'x-dropdown': 'projects', 'x-priority': 'important' },
    },
    artifact: { description: 'Which reference to write.', enum: ARTIFACTS, default: 'model', nx: { 'x-priority': 'important' } },
    ...kindFlagViews('', REFERENCE_KINDS, (kind) => `${kind} reference of --artifact`),
    modelType: {
      description: `With --artifact=model: the model framework; ${modelTypes.required} unless project.json sets it. Derived for the others: ${modelTypes.derived}.`,
      enum: TYPE_FLAG_ENUMS.modelType,
    },
    explainerType: {
      description:
        'With --artifact=explainer: the explainer type; required unless project.json sets it or the explainer is a docker or azureML image alone (CUSTOM, derived).',
      enum: TYPE_FLAG_ENUMS.explainerType,
    },
    transformerType: { description: 'With --artifact=transformer: the transformer type (CUSTOM is derived).', enum: TYPE_FLAG_ENUMS.transformerType },
    overwrite: {
      description: 'Replace an existing reference.json or artifact file, and remove a stored type that contradicts the new reference.',
      default: false,
    },
  },
};

const CI_PROVIDER_LABELS: Record<(typeof CI_PROVIDERS)[number], string> = {
  github: 'GitHub Actions (.github/workflows/deeploy.yml)',
  gitlab: 'GitLab CI (.gitlab-ci.yml)',
};

const ci: SchemaView = {
  file: 'generators/ci/schema.json',
  kind: 'generator',
  head: {
    $id: 'DeeployCi',
    title: 'Write a CI pipeline that validates and deploys the Deeploy contracts that changed',
    description:
      'Writes .github/workflows/deeploy.yml (GitHub Actions) or .gitlab-ci.yml (GitLab CI): pull/merge requests run `nx affected -t deeploy-validate`; pushes to the main branch run a guard, then `nx affected -t deeploy-deploy`, then a Markdown summary of the run.',
  },
  options: ciGeneratorOptionsSchema,
  // zod drops unknown keys of programmatic callers; on the command line an unknown flag is a typo.
  refuseUnknownFlags: true,
  view: {
    provider: {
      description: 'The CI service to write the pipeline for.',
      nx: {
        'x-prompt': {
          message: "Which CI service runs this repository's pipelines?",
          type: 'list',
          items: CI_PROVIDERS.map((value) => ({ value, label: CI_PROVIDER_LABELS[value] })),
        },
      },
    },
    parallel: { description: 'How many contracts the pipeline deploys at the same time (`nx affected --parallel`).' },
    mainBranch: { description: 'The branch whose pushes deploy; pull/merge requests only validate.' },
    nodeVersion: {
      description: 'The Node.js major or full version the pipeline runs (setup-node on GitHub, the node:<version> image on GitLab), e.g. 20 or 20.19.0.',
    },
    overwrite: { description: 'Replace an existing pipeline file. Without it the generator refuses and writes nothing.' },
  },
};

export const GENERATOR_SCHEMAS: SchemaView[] = [init, contract, reference, ci];
