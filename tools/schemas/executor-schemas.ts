/**
 * The executors' `schema.json`. deploy and update take every setting of the zod settings schema,
 * whose descriptions state the defaults: the files carry no `default` keys, because Nx would pass
 * a default as a flag and so mask the lower settings layers (nx.json, project.json, environment).
 */
import type { TaskKind } from '../../packages/deeploy/src/settings/context-layers';
import { settingsSchema } from '../../packages/deeploy/src/settings/settings-schema';
import { validateExecutorOptionsSchema } from '../../packages/deeploy/src/executors/validate/options';
import type { SchemaView } from './nx-schema';

const ABOUT: Record<TaskKind, { title: string; description: string }> = {
  deploy: {
    title: 'Deeploy deploy',
    description:
      'Create, update or skip the Deeploy deployment of a contract folder (idempotent): validates the contract, checks that git has it pushed, then applies it. Secrets come only from the environment (DEEPLOY_ACCESS_KEY, DEEPLOY_SECRET_KEY).',
  },
  update: {
    title: 'Deeploy update',
    description:
      "Update the existing Deeploy deployment of a contract folder; fails when there is none (run deeploy-deploy first). Falls back to the deploy target's options. Secrets come only from the environment.",
  },
};

function taskExecutor(kind: TaskKind): SchemaView {
  return { file: `executors/${kind}/schema.json`, kind: 'executor', head: { version: 2, ...ABOUT[kind] }, options: settingsSchema, view: {} };
}

/** validate leaves the type names unknown in zod (resolveTypes checks them); Nx takes them as text. */
const validateExecutor: SchemaView = {
  file: 'executors/validate/schema.json',
  kind: 'executor',
  head: {
    version: 2,
    title: 'Deeploy validate',
    description:
      'Check a Deeploy contract folder and its deploy settings offline: folder rules, reference.json and metadata.json schemas, enum names, and that every Deeploy type is set or derivable.',
  },
  options: validateExecutorOptionsSchema,
  view: {
    verbose: { description: 'Also print where each Deeploy type came from, and stack traces of unexpected failures.', default: false },
    modelType: {
      type: 'string',
      description: "Model type name (e.g. PYTORCH), as it would be passed to the deploy target; overrides the project's and the plugin's settings.",
    },
    explainerType: { type: 'string', description: "Explainer type name (e.g. SHAP_KERNEL); overrides the project's and the plugin's settings." },
    transformerType: { type: 'string', description: "Transformer type name (NO_TRANSFORMER or CUSTOM); overrides the project's and the plugin's settings." },
    deploymentType: {
      type: 'string',
      description: "Deployment type (KServe, Sagemaker, AzureML, External or Registration); overrides the project's and the plugin's settings.",
    },
  },
};

export const EXECUTOR_SCHEMAS: SchemaView[] = [validateExecutor, taskExecutor('deploy'), taskExecutor('update')];
