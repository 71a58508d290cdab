/**
 * Every option of the deploy and update executors, in one zod schema: the single source of truth.
 * The executors' `schema.json` files are generated from it (a spec keeps them in step), the
 * settings type is inferred from it, and each settings layer (nx.json plugin options, the
 * project's target options, flags, environment) is checked against it.
 *
 * No field carries a zod default: a layer must only hold what the user wrote, or a default would
 * mask a lower layer's value. Defaults are applied once, after the layers are merged
 * (`SETTINGS_DEFAULTS`). For the same reason the generated schema.json has no `default` keys
 * (Nx would otherwise fill them in as if they were flags); descriptions state the defaults.
 */
import { z } from 'zod';
import {
  DEPLOYMENT_TYPES,
  EXPLAINER_TYPE_NAMES,
  MODEL_TYPE_NAMES,
  TRANSFORMER_TYPE_NAMES,
  enumValueProblem,
} from '../contract/enums';
import { DEFAULT_REPORT_DIR } from '../report/report-schema';

/** The states a deployment status integer can map to (the `statusMap` option). */
export const DEPLOYMENT_STATES = ['pending', 'running', 'failed', 'stopped'] as const;

function enumOption<T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z
    .enum(values, { error: (issue) => enumValueProblem(String(issue.input), values) })
    .optional()
    .describe(description);
}

const text = (description: string) => z.string().min(1, 'must not be empty').optional().describe(description);
const flag = (description: string) => z.boolean().optional().describe(description);
const ids = (description: string) => z.array(z.string().min(1, 'must not hold an empty id')).optional().describe(description);
const megabytes = (description: string) =>
  z.int('must be a whole number of megabytes').positive('must be more than 0').optional().describe(description);
const cores = (description: string) => z.number().positive('must be more than 0').optional().describe(description);
const gpus = (description: string) => z.number().nonnegative('must be 0 or more').optional().describe(description);
const seconds = (description: string) => z.number().positive('must be more than 0 seconds').optional().describe(description);
const args = (description: string) => z.record(z.string(), z.unknown()).optional().describe(description);

export const settingsSchema = z.strictObject({
  // Where Deeploy is (non-secret; usually in nx.json's plugin options or the environment).
  host: text('Deeploy host without "api.", e.g. "app.deeploy.ml"; the API is https://api.<host>. Env: DEEPLOY_HOST.'),
  apiUrl: text('Full API base URL, overriding host (e.g. the emulator: http://127.0.0.1:4010). Env: DEEPLOY_API_URL.'),
  apiPrefix: text('Path prefix of the API on older self-hosted installs, e.g. "/v2". Default: none.'),
  allowInsecureHttp: flag('Allow a plain http:// API URL that is not a loopback address. Default: false.'),
  workspaceId: text('Deeploy workspace id (uuid). Env: DEEPLOY_WORKSPACE_ID.'),
  teamId: text('Sends the team-id header (Deeploy Cloud with OIDC). Env: DEEPLOY_TEAM_ID.'),
  organizationId: text('Sends the organization-id header (Deeploy Cloud with OIDC). Env: DEEPLOY_ORGANIZATION_ID.'),
  requestTimeoutSeconds: seconds('Timeout of one HTTP request, in seconds. Default: the API client\'s.'),
  statusMap: z
    .record(z.string().regex(/^-?\d+$/, 'keys must be status integers such as "1"'), z.enum(DEPLOYMENT_STATES))
    .optional()
    .describe('Meaning of deployment status integers, e.g. {"1":"running","2":"failed"}. Default: the API client\'s table.'),

  // Git.
  remote: text('Git remote whose URL names the Deeploy repository. Default: "origin".'),
  branch: text('Branch Deeploy reads. Default: the checked-out branch, or in a detached CI checkout GITHUB_HEAD_REF, GITHUB_REF_NAME, CI_MERGE_REQUEST_SOURCE_BRANCH_NAME or CI_COMMIT_REF_NAME.'),

  // Which deployment.
  deploymentId: text('Id of the existing deployment of this contract. Default: found by repository and contract path, else by name.'),
  name: text('Deployment name. Default: the project name with "/" replaced by "-".'),
  description: text('Deployment description.'),

  // What is deployed.
  deploymentType: enumOption(DEPLOYMENT_TYPES, 'Deployment type. Default: "KServe".'),
  modelType: enumOption(MODEL_TYPE_NAMES, 'Model type, by name (e.g. "PYTORCH"). Derived when possible: docker and azureML references imply CUSTOM.'),
  explainerType: enumOption(EXPLAINER_TYPE_NAMES, 'Explainer type, by name (e.g. "SHAP_KERNEL"). Default: NO_EXPLAINER without an explainer folder; a docker explainer implies CUSTOM.'),
  transformerType: enumOption(TRANSFORMER_TYPE_NAMES, 'Transformer type, by name. Default: CUSTOM with a transformer folder, else NO_TRANSFORMER.'),
  modelFrameworkVersion: text('Framework version of the model server.'),
  explainerFrameworkVersion: text('Framework version of the explainer server.'),

  // Sent only when the deployment is created.
  useCaseId: z.guid('must be a UUID').optional().describe('Use case id (uuid); sent on create only.'),
  approverUserIds: ids('User ids asked to approve; sent on create only.'),
  guardrailIds: ids('Guardrail ids; sent on create only.'),
  documentationTemplateIds: ids('Documentation template ids; sent on create only.'),
  messageToApprovers: text('Message to the approvers; sent on create only.'),

  // Sizing and credentials, per artifact (KServe; instance types also for SageMaker and AzureML).
  region: text('Region (SageMaker).'),
  modelServerless: flag('Run the model serverless (scale to zero).'),
  modelInstanceType: text('Instance type of the model.'),
  modelInstanceCount: z.int().positive().optional().describe('Instance count of the model (AzureML).'),
  modelMemRequest: megabytes('Memory request of the model, in MB.'),
  modelMemLimit: megabytes('Memory limit of the model, in MB.'),
  modelCpuRequest: cores('CPU request of the model, in cores.'),
  modelCpuLimit: cores('CPU limit of the model, in cores.'),
  modelGpuRequest: gpus('GPU request of the model.'),
  modelBlobCredentialsId: text('Id of the Deeploy blob credentials that read the model.'),
  modelDockerCredentialsId: text('Id of the Deeploy docker credentials that pull the model image.'),
  modelEnvironmentVariableIds: ids('Ids of Deeploy environment variables given to the model.'),
  modelArgs: args('Arguments of the model server (object).'),
  explainerServerless: flag('Run the explainer serverless.'),
  explainerInstanceType: text('Instance type of the explainer.'),
  explainerInstanceCount: z.int().positive().optional().describe('Instance count of the explainer (AzureML).'),
  explainerMemRequest: megabytes('Memory request of the explainer, in MB.'),
  explainerMemLimit: megabytes('Memory limit of the explainer, in MB.'),
  explainerCpuRequest: cores('CPU request of the explainer, in cores.'),
  explainerCpuLimit: cores('CPU limit of the explainer, in cores.'),
  explainerGpuRequest: gpus('GPU request of the explainer.'),
  explainerBlobCredentialsId: text('Id of the Deeploy blob credentials that read the explainer.'),
  explainerDockerCredentialsId: text('Id of the Deeploy docker credentials that pull the explainer image.'),
  explainerEnvironmentVariableIds: ids('Ids of Deeploy environment variables given to the explainer.'),
  explainerArgs: args('Arguments of the explainer server (object).'),
  transformerServerless: flag('Run the transformer serverless.'),
  transformerInstanceType: text('Instance type of the transformer.'),
  transformerMemRequest: megabytes('Memory request of the transformer, in MB.'),
  transformerMemLimit: megabytes('Memory limit of the transformer, in MB.'),
  transformerCpuRequest: cores('CPU request of the transformer, in cores.'),
  transformerCpuLimit: cores('CPU limit of the transformer, in cores.'),
  transformerGpuRequest: gpus('GPU request of the transformer.'),
  transformerBlobCredentialsId: text('Id of the Deeploy blob credentials that read the transformer.'),
  transformerDockerCredentialsId: text('Id of the Deeploy docker credentials that pull the transformer image.'),
  transformerEnvironmentVariableIds: ids('Ids of Deeploy environment variables given to the transformer.'),
  transformerArgs: args('Arguments of the transformer server (object).'),

  // Route 3: upload local artifacts, point the reference at them, commit, push, deploy.
  modelArtifact: text('Workspace-relative path of a local model file or folder to upload; model/reference.json is rewritten to the upload, committed, pushed (--push) and deployed.'),
  explainerArtifact: text('Workspace-relative path of a local explainer file or folder to upload, like modelArtifact.'),
  push: flag('Push the commit made for uploaded artifacts (required with modelArtifact/explainerArtifact). Default: false.'),
  commitMessage: text('Message of the commit made for uploaded artifacts. Default: "deeploy: upload artifacts of <project>".'),

  // Behaviour.
  force: flag('Redeploy even when the deployment already runs this contract. Default: false.'),
  dryRun: flag('Resolve everything, print the plan, send and write nothing (also NX_DRY_RUN=true). Default: false.'),
  wait: flag('Wait until the deployment runs or fails. Default: false.'),
  waitTimeoutSeconds: seconds('Deadline of --wait, in seconds. Default: 600.'),
  waitIntervalSeconds: seconds('Seconds between status polls of --wait. Default: 5.'),
  progressIntervalSeconds: seconds('Seconds between progress lines of --wait (at most 15). Default: 15.'),
  reportDir: text(`Folder of the per-project JSON reports, inside the workspace (relative to its root). Default: "${DEFAULT_REPORT_DIR}".`),
  verbose: flag('Print stack traces of failures. Default: false.'),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const SETTINGS_DEFAULTS = {
  remote: 'origin',
  deploymentType: 'KServe',
  force: false,
  dryRun: false,
  wait: false,
  push: false,
  verbose: false,
  allowInsecureHttp: false,
  waitTimeoutSeconds: 600,
  waitIntervalSeconds: 5,
  progressIntervalSeconds: 15,
  reportDir: DEFAULT_REPORT_DIR,
} as const satisfies Settings;

export type ResolvedSettings = Settings & { -readonly [K in keyof typeof SETTINGS_DEFAULTS]: NonNullable<Settings[K]> };

export const SETTING_KEYS = Object.keys(settingsSchema.shape) as SettingKey[];

/** The options that are sent to Deeploy as body fields under the same name. */
export const ARTIFACT_BODY_KEYS = SETTING_KEYS.filter((key) =>
  /^(model|explainer|transformer)(Serverless|InstanceType|InstanceCount|MemRequest|MemLimit|CpuRequest|CpuLimit|GpuRequest|BlobCredentialsId|DockerCredentialsId|EnvironmentVariableIds|Args|FrameworkVersion)$/.test(key),
);
export const CREATE_ONLY_BODY_KEYS = ['useCaseId', 'approverUserIds', 'guardrailIds', 'documentationTemplateIds', 'messageToApprovers'] as const satisfies readonly SettingKey[];
