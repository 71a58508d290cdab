/**
 * Every option of the deploy and update executors, in one zod schema: the single source of truth.
 * The executors' `schema.json` files are generated from it (tools/schemas, `npm run schemas`), the
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
  EXTERNAL_AUTHENTICATIONS,
  MODEL_TYPE_NAMES,
  TRANSFORMER_TYPE_NAMES,
  TYPED_DEPLOYMENT_TYPES,
  enumValueProblem,
  type DeploymentType,
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
const megabytes = (description: string) => z.int('must be a whole number of megabytes').positive('must be more than 0').optional().describe(description);
const cores = (description: string) => z.number().positive('must be more than 0').optional().describe(description);
const gpus = (description: string) => z.number().nonnegative('must be 0 or more').optional().describe(description);
const seconds = (description: string) => z.number().positive('must be more than 0 seconds').optional().describe(description);
const args = (description: string) => z.record(z.string(), z.unknown()).optional().describe(description);

export const DEFAULT_EXTERNAL_SECRET_ENV = 'DEEPLOY_EXTERNAL_SECRET';

/** An endpoint URL Deeploy calls: http(s), no embedded credentials (they belong in the environment). */
function urlRule(value: string, ctx: z.RefinementCtx): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol) || /\s/.test(value))
    ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL, e.g. "https://models.example.com/churn/predict"' });
  else if (url.username || url.password)
    ctx.addIssue({
      code: 'custom',
      message: 'must not embed credentials; remove the user:password@ part (the secret comes from the environment, see externalSecretEnv)',
    });
}

export const settingsSchema = z.strictObject({
  // Where Deeploy is (non-secret; usually in nx.json's plugin options or the environment).
  host: text('Deeploy host without "api.", e.g. "app.deeploy.ml"; the API is https://api.<host>. Env: DEEPLOY_HOST.'),
  apiUrl: text('Full API base URL, overriding host (e.g. the emulator: http://127.0.0.1:4010). Env: DEEPLOY_API_URL.'),
  apiPrefix: text('Path prefix of the API on older self-hosted installs, e.g. "/v2". Default: none.'),
  allowInsecureHttp: flag('Allow a plain http:// API URL that is not a loopback address. Default: false.'),
  workspaceId: text('Deeploy workspace id (uuid). Env: DEEPLOY_WORKSPACE_ID.'),
  teamId: text('Sends the team-id header (Deeploy Cloud with OIDC). Env: DEEPLOY_TEAM_ID.'),
  organizationId: text('Sends the organization-id header (Deeploy Cloud with OIDC). Env: DEEPLOY_ORGANIZATION_ID.'),
  requestTimeoutSeconds: seconds('Timeout of one HTTP read (lists, lookups, status polls), in seconds. Default: 30.'),
  writeTimeoutSeconds: seconds(
    "Timeout of one create, update or upload request, in seconds (Deeploy's own clients wait 300 s: a create can be slow). Default: 300.",
  ),
  statusMap: z
    .record(z.string().regex(/^-?\d+$/, 'keys must be status integers such as "1"'), z.enum(DEPLOYMENT_STATES))
    .optional()
    .describe('Meaning of deployment status integers, e.g. {"1":"running","2":"failed"}. Default: the API client\'s table.'),

  // Git.
  remote: text('Git remote whose URL names the Deeploy repository. Default: "origin".'),
  branch: text(
    'Branch Deeploy reads. Default: the checked-out branch, or in a detached CI checkout GITHUB_HEAD_REF, GITHUB_REF_NAME, CI_MERGE_REQUEST_SOURCE_BRANCH_NAME or CI_COMMIT_REF_NAME.',
  ),

  // Which deployment.
  deploymentId: text('Id of the existing deployment of this contract. Default: found by repository and contract path, else by name.'),
  name: text('Deployment name. Default: the project name with "/" replaced by "-".'),
  description: text('Deployment description.'),

  // What is deployed.
  deploymentType: enumOption(
    DEPLOYMENT_TYPES,
    'Deployment type. Default: "KServe". An option another type takes is refused (each option says which types take it).',
  ),
  modelType: enumOption(MODEL_TYPE_NAMES, 'Model type, by name (e.g. "PYTORCH"). Derived when possible: docker and azureML references imply CUSTOM.'),
  explainerType: enumOption(
    EXPLAINER_TYPE_NAMES,
    'Explainer type, by name (e.g. "SHAP_KERNEL"). Default: NO_EXPLAINER without an explainer folder; a docker explainer implies CUSTOM.',
  ),
  transformerType: enumOption(TRANSFORMER_TYPE_NAMES, 'Transformer type, by name. Default: CUSTOM with a transformer folder, else NO_TRANSFORMER.'),
  modelFrameworkVersion: text('Framework version of the model server (KServe, Sagemaker, AzureML).'),
  explainerFrameworkVersion: text('Framework version of the explainer server (KServe, Sagemaker, AzureML).'),

  // Use case, documentation templates: sent only when the deployment is created.
  useCaseId: z.guid('must be a UUID').optional().describe('Use case id (uuid); sent on create only. Every deployment type.'),
  documentationTemplateIds: ids('Documentation template ids; sent on create only. Every deployment type.'),
  // Approval: a create and an update can each ask for it.
  approverUserIds: ids('User ids asked to approve the new version; sent on create and update. Every deployment type.'),
  messageToApprovers: text('Message to the approvers; sent on create and update. Every deployment type.'),
  guardrailIds: ids('Guardrail ids; sent on create and update. KServe, Sagemaker, AzureML and External.'),

  // Sizing and credentials, per artifact (KServe; instance types also for Sagemaker and AzureML).
  region: text('AWS region of the deployment (Sagemaker only).'),
  autoScalingType: z.int('must be a whole number').nonnegative('must be 0 or more').optional().describe("Auto-scaling type, Deeploy's integer (KServe only)."),
  modelServerless: flag('Run the model serverless (scale to zero). KServe only.'),
  modelInstanceType: text('Instance type of the model (KServe, Sagemaker, AzureML).'),
  modelInstanceCount: z.int('must be a whole number').positive('must be more than 0').optional().describe('Instance count of the model (AzureML only).'),
  modelMemRequest: megabytes('Memory request of the model, in MB. KServe only.'),
  modelMemLimit: megabytes('Memory limit of the model, in MB. KServe only.'),
  modelCpuRequest: cores('CPU request of the model, in cores. KServe only.'),
  modelCpuLimit: cores('CPU limit of the model, in cores. KServe only.'),
  modelGpuRequest: gpus('GPU request of the model. KServe only.'),
  modelBlobCredentialsId: text('Id of the Deeploy blob credentials that read the model. KServe only.'),
  modelDockerCredentialsId: text('Id of the Deeploy docker credentials that pull the model image. KServe only.'),
  modelEnvironmentVariableIds: ids('Ids of Deeploy environment variables given to the model. KServe only.'),
  modelArgs: args('Arguments of the model server (object). KServe only.'),
  explainerServerless: flag('Run the explainer serverless. KServe only.'),
  explainerInstanceType: text('Instance type of the explainer (KServe, Sagemaker, AzureML).'),
  explainerInstanceCount: z
    .int('must be a whole number')
    .positive('must be more than 0')
    .optional()
    .describe('Instance count of the explainer (AzureML only).'),
  explainerMemRequest: megabytes('Memory request of the explainer, in MB. KServe only.'),
  explainerMemLimit: megabytes('Memory limit of the explainer, in MB. KServe only.'),
  explainerCpuRequest: cores('CPU request of the explainer, in cores. KServe only.'),
  explainerCpuLimit: cores('CPU limit of the explainer, in cores. KServe only.'),
  explainerGpuRequest: gpus('GPU request of the explainer. KServe only.'),
  explainerBlobCredentialsId: text('Id of the Deeploy blob credentials that read the explainer. KServe only.'),
  explainerDockerCredentialsId: text('Id of the Deeploy docker credentials that pull the explainer image. KServe only.'),
  explainerEnvironmentVariableIds: ids('Ids of Deeploy environment variables given to the explainer. KServe only.'),
  explainerArgs: args('Arguments of the explainer server (object). KServe only.'),
  transformerServerless: flag('Run the transformer serverless. KServe only.'),
  transformerInstanceType: text('Instance type of the transformer (KServe, Sagemaker).'),
  transformerMemRequest: megabytes('Memory request of the transformer, in MB. KServe only.'),
  transformerMemLimit: megabytes('Memory limit of the transformer, in MB. KServe only.'),
  transformerCpuRequest: cores('CPU request of the transformer, in cores. KServe only.'),
  transformerCpuLimit: cores('CPU limit of the transformer, in cores. KServe only.'),
  transformerGpuRequest: gpus('GPU request of the transformer. KServe only.'),
  transformerBlobCredentialsId: text('Id of the Deeploy blob credentials that read the transformer. KServe only.'),
  transformerDockerCredentialsId: text('Id of the Deeploy docker credentials that pull the transformer image. KServe only.'),
  transformerEnvironmentVariableIds: ids('Ids of Deeploy environment variables given to the transformer. KServe only.'),
  transformerArgs: args('Arguments of the transformer server (object). KServe only.'),

  // External: a model served elsewhere, registered by its URL. Its secret comes from the environment.
  url: z.string().superRefine(urlRule).optional().describe("URL of the External deployment's prediction endpoint (External only; required there)."),
  authentication: enumOption(EXTERNAL_AUTHENTICATIONS, 'How Deeploy authenticates to the External endpoint (External only; required there).'),
  username: text('User name (basic), header name (custom) or client id (oauth) of the External endpoint (External only).'),
  tokenUrl: z
    .string()
    .superRefine(urlRule)
    .optional()
    .describe('Token URL for oauth authentication of the External endpoint (External only; required with oauth).'),
  externalSecretEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable, e.g. "CHURN_API_TOKEN"')
    .optional()
    .describe(
      `Name of the environment variable holding the External endpoint's password, bearer token, custom header value or oauth client secret (never the secret itself). Default: "${DEFAULT_EXTERNAL_SECRET_ENV}".`,
    ),

  // Route 3: upload local artifacts, point the reference at them, commit, push, deploy.
  modelArtifact: text(
    'Workspace-relative path of a local model file or folder to upload; model/reference.json is rewritten to the upload, committed, pushed (--push) and deployed.',
  ),
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

const MANAGED = TYPED_DEPLOYMENT_TYPES;
const EVERY_TYPE = DEPLOYMENT_TYPES;

/** An option Deeploy receives as a body field: the deployment types that take it, and on which calls. */
export interface BodyOption {
  types: readonly DeploymentType[];
  /** `create`: Deeploy takes it only when the deployment is made (deeploy-api.md §8). */
  sentOn: 'create' | 'create-and-update';
  /** The wire name, when it is not the option's name. */
  wire?: string;
}

const kserve = (sentOn: BodyOption['sentOn'] = 'create-and-update'): BodyOption => ({ types: ['KServe'], sentOn });

/** KServe's per-artifact sizing, credentials, environment variables and args. */
function kserveArtifactOptions(prefix: 'model' | 'explainer' | 'transformer') {
  const suffixes = [
    'Serverless',
    'MemRequest',
    'MemLimit',
    'CpuRequest',
    'CpuLimit',
    'GpuRequest',
    'BlobCredentialsId',
    'DockerCredentialsId',
    'EnvironmentVariableIds',
    'Args',
  ] as const;
  return Object.fromEntries(suffixes.map((suffix) => [`${prefix}${suffix}`, kserve()])) as Record<`${typeof prefix}${(typeof suffixes)[number]}`, BodyOption>;
}

/**
 * Every option that becomes a body field, and which deployment types take it (deeploy-api.md §3,
 * §8; the newest client's per-type models). The one table the bodies, the emulator's rules (kept
 * apart on purpose, and compared by a spec) and the "does not belong to this type" check follow.
 */
export const BODY_OPTIONS = {
  useCaseId: { types: EVERY_TYPE, sentOn: 'create' },
  documentationTemplateIds: { types: EVERY_TYPE, sentOn: 'create' },
  approverUserIds: { types: EVERY_TYPE, sentOn: 'create-and-update' },
  messageToApprovers: { types: EVERY_TYPE, sentOn: 'create-and-update' },
  guardrailIds: { types: [...MANAGED, 'External'], sentOn: 'create-and-update' },
  modelFrameworkVersion: { types: MANAGED, sentOn: 'create-and-update' },
  explainerFrameworkVersion: { types: MANAGED, sentOn: 'create-and-update' },
  autoScalingType: kserve(),
  region: { types: ['Sagemaker'], sentOn: 'create-and-update' },
  modelInstanceType: { types: MANAGED, sentOn: 'create-and-update' },
  explainerInstanceType: { types: MANAGED, sentOn: 'create-and-update' },
  transformerInstanceType: { types: ['KServe', 'Sagemaker'], sentOn: 'create-and-update' },
  modelInstanceCount: { types: ['AzureML'], sentOn: 'create-and-update' },
  explainerInstanceCount: { types: ['AzureML'], sentOn: 'create-and-update' },
  ...kserveArtifactOptions('model'),
  ...kserveArtifactOptions('explainer'),
  ...kserveArtifactOptions('transformer'),
  url: { types: ['External'], sentOn: 'create-and-update' },
  authentication: { types: ['External'], sentOn: 'create-and-update' },
  username: { types: ['External'], sentOn: 'create-and-update' },
  // The newest client spells the wire key so.
  tokenUrl: { types: ['External'], sentOn: 'create-and-update', wire: 'tokenURL' },
} as const satisfies Partial<Record<SettingKey, BodyOption>>;

export type BodyOptionKey = keyof typeof BODY_OPTIONS;
export const BODY_OPTION_KEYS = Object.keys(BODY_OPTIONS) as BodyOptionKey[];

/**
 * The deployment types each type-specific option belongs to: the body options, plus options that
 * only make sense for some types (the artifact types and uploads need a contract Deeploy runs;
 * the External secret's variable only External). An option not listed here belongs to every type.
 */
export const OPTION_DEPLOYMENT_TYPES: Partial<Record<SettingKey, readonly DeploymentType[]>> = {
  ...Object.fromEntries(BODY_OPTION_KEYS.map((key) => [key, BODY_OPTIONS[key].types])),
  modelType: MANAGED,
  explainerType: MANAGED,
  transformerType: MANAGED,
  modelArtifact: MANAGED,
  explainerArtifact: MANAGED,
  externalSecretEnv: ['External'],
};

/** Which types take an option, as a phrase: "Sagemaker deployments", "KServe, Sagemaker and AzureML deployments". */
export function deploymentTypesPhrase(types: readonly string[]): string {
  const list = types.length === 1 ? types[0] : `${types.slice(0, -1).join(', ')} and ${types[types.length - 1]}`;
  return `${list} deployments`;
}

/** Why an option set for a contract does not belong to its deployment type; undefined when it does. */
export function deploymentTypeMismatch(key: string, deploymentType: DeploymentType): string | undefined {
  const types = OPTION_DEPLOYMENT_TYPES[key as SettingKey];
  if (!types || types.includes(deploymentType)) return undefined;
  const only = types.length === 1 ? ' only' : '';
  return `"${key}" is taken${only} by ${deploymentTypesPhrase(types)}, and this contract deploys as ${deploymentType} (deploymentType); remove it, or change deploymentType`;
}
