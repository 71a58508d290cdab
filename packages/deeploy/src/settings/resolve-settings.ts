/**
 * Settings come in layers, later layers winning key by key:
 *   1. nx.json plugin options (workspace-wide),
 *   2. the project's deploy target options (only for update: it falls back to them, so a
 *      contract's settings are written once),
 *   3. the executor's own options (the target's options, its configuration and the command-line
 *      flags, which Nx has already merged),
 *   4. the environment: DEEPLOY_HOST, DEEPLOY_WORKSPACE_ID, DEEPLOY_API_URL, DEEPLOY_TEAM_ID,
 *      DEEPLOY_ORGANIZATION_ID.
 * The environment is the top layer, also over flags: it is how CI points every task of a run at
 * one Deeploy (as the product spec orders it), and Nx hands flags and project.json options to the
 * executor already merged, so "a flag beats the environment" could not be told apart from "a file
 * beats the environment". Secrets (keys, tokens) come only from the environment (`credentials.ts`);
 * a secret-looking key in any layer is refused.
 * Pure: layers and environment are passed in.
 */
import { z } from 'zod';
import { ContractError, jsonPathOf } from '../contract/errors';
import { deploymentTypeProblems } from './deployment-type-rules';
import { SETTINGS_DEFAULTS, SETTING_KEYS, settingsSchema, type ResolvedSettings, type SettingKey, type Settings } from './settings-schema';
import { UserError } from '../user-error';

export class SettingsError extends UserError {}

export interface SettingsLayer {
  /** The file (or other place) a user edits to change these values: `nx.json`, `models/churn/project.json`. */
  file: string;
  /** Where the options sit in that file: `plugins[0].options`, `targets.deeploy-deploy.options`; '' when none. */
  optionsPath: string;
  values: Record<string, unknown> | undefined;
  /** Keys that belong to someone else in this layer (the plugin's own options): skipped, not refused. */
  foreignKeys?: readonly string[];
  /** The values are command-line flags: a key is written `--key`, not at a path of `file`. */
  flags?: boolean;
  /**
   * Keys that are no setting are skipped, not refused: validate receives every flag of a run of
   * several targets (`nx affected -t deeploy-validate lint --fix`), meant for the others.
   */
  skipUnknownKeys?: boolean;
}

/** Non-secret settings the environment may set, and the variable of each. */
export const ENV_SETTINGS = {
  host: 'DEEPLOY_HOST',
  workspaceId: 'DEEPLOY_WORKSPACE_ID',
  apiUrl: 'DEEPLOY_API_URL',
  teamId: 'DEEPLOY_TEAM_ID',
  organizationId: 'DEEPLOY_ORGANIZATION_ID',
} as const satisfies Partial<Record<SettingKey, string>>;

/**
 * Option names that would hold a secret. Credential *ids* (modelBlobCredentialsId) name a secret
 * stored in Deeploy and are fine; the key itself never is.
 */
const SECRET_KEY = /(^|[^a-z])(access_?key|secret(_?key)?|token|password|passwd|api_?key|private_?key|auth(orization)?|bearer|credentials?)$/i;

export function isSecretLookingKey(key: string): boolean {
  // Split camelCase so that `deployToken` ends in "_token" while `modelBlobCredentialsId` does not match.
  return SECRET_KEY.test(key.replace(/([a-z0-9])([A-Z])/g, '$1_$2'));
}

const SECRET_ENV_OF: Record<string, string> = {
  accesskey: 'DEEPLOY_ACCESS_KEY',
  secretkey: 'DEEPLOY_SECRET_KEY',
  secret: 'DEEPLOY_SECRET_KEY',
};

/** `plugins[0].options.modelType`, or `--modelType` for a flag: where one option sits in its layer's file. */
export function optionPath(layer: Pick<SettingsLayer, 'optionsPath' | 'flags'>, key?: string): string {
  if (layer.flags) return key ? `--${key}` : '';
  return [layer.optionsPath, key].filter(Boolean).join('.');
}

/** `nx.json at plugins[0].options.modelType`: where one option of a layer is written. */
export function optionLocation(layer: Pick<SettingsLayer, 'file' | 'optionsPath' | 'flags'>, key?: string): string {
  const path = optionPath(layer, key);
  return path ? `${layer.file} at ${path}` : layer.file;
}

function secretRule(key: string): string {
  const envVar = SECRET_ENV_OF[key.toLowerCase().replace(/[^a-z]/g, '')] ?? (/token|bearer/i.test(key) ? 'DEEPLOY_TOKEN' : undefined);
  const use = envVar
    ? `set it in the environment variable ${envVar} instead`
    : 'secrets come only from the environment (DEEPLOY_ACCESS_KEY, DEEPLOY_SECRET_KEY or DEEPLOY_TOKEN)';
  return `"${key}" looks like a secret and is refused (option values can end up in files, logs and Nx's task summary); remove it and ${use}`;
}

function issueProblem(layer: SettingsLayer, issue: z.core.$ZodIssue): ContractError {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return new ContractError(
      layer.file,
      optionPath(layer),
      `unknown option${issue.keys.length > 1 ? 's' : ''} ${keys}; check the spelling against the deeploy executor options (see the README)`,
    );
  }
  // A bad record key (statusMap) carries its rule in the key schema's own issue.
  const rule = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  return new ContractError(layer.file, optionPath(layer, jsonPathOf(issue.path)), rule);
}

interface LayerCheck {
  problems: ContractError[];
  values: Record<string, unknown>;
}

function checkLayer(layer: SettingsLayer): LayerCheck {
  const problems: ContractError[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(layer.values ?? {})) {
    if (value === undefined || layer.foreignKeys?.includes(key)) continue;
    if (isSecretLookingKey(key)) problems.push(new ContractError(layer.file, optionPath(layer, key), secretRule(key)));
    else if (!layer.skipUnknownKeys || Object.hasOwn(settingsSchema.shape, key)) values[key] = value;
  }
  // A secret-looking key is reported first: it is the one problem that must not wait for a fix of the others.
  if (problems.length > 0) return { problems, values };
  const parsed = settingsSchema.safeParse(values);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => issueProblem(layer, issue)));
  return { problems, values: parsed.success ? parsed.data : values };
}

/**
 * Every problem of one layer on its own (secret-looking keys, unknown options, values an option
 * does not take), each one line naming the layer's file, the option, the rule and the fix. Validate
 * lists them all; deploy stops at the first (`parseLayer`).
 */
export function layerProblems(layer: SettingsLayer): ContractError[] {
  return checkLayer(layer).problems;
}

/** Checks one layer on its own, so an error names the layer it came from. */
export function parseLayer(layer: SettingsLayer): Settings {
  const { problems, values } = checkLayer(layer);
  if (problems.length > 0) throw new SettingsError(problems[0].message);
  return values as Settings;
}

export function envLayer(env: NodeJS.ProcessEnv): SettingsLayer {
  const values: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(ENV_SETTINGS)) {
    // An empty variable is "unset": CI systems expand missing variables to empty strings.
    const value = env[variable]?.trim();
    if (value) values[key] = value;
  }
  return { file: 'the environment', optionsPath: '', values };
}

export interface ResolvedSettingsResult {
  settings: ResolvedSettings;
  /** For each key that was set, where its winning value came from (a layer's source or `VAR (environment)`). */
  sources: Partial<Record<SettingKey, string>>;
}

export function resolveSettings(layers: readonly SettingsLayer[], env: NodeJS.ProcessEnv): ResolvedSettingsResult {
  const merged: Record<string, unknown> = {};
  const sources: Partial<Record<SettingKey, string>> = {};
  for (const layer of layers) {
    const values = parseLayer(layer);
    for (const key of SETTING_KEYS) {
      if (values[key] === undefined) continue;
      merged[key] = values[key];
      sources[key] = optionLocation(layer, key);
    }
  }
  const fromEnv = parseLayer(envLayer(env));
  for (const [key, variable] of Object.entries(ENV_SETTINGS) as [SettingKey, string][]) {
    if (fromEnv[key] === undefined) continue;
    merged[key] = fromEnv[key];
    sources[key] = `${variable} (environment)`;
  }
  const settings = { ...SETTINGS_DEFAULTS, ...merged } as ResolvedSettings;
  if (env.NX_DRY_RUN === 'true') settings.dryRun = true;
  const [problem] = deploymentTypeProblems(merged, settings.deploymentType);
  if (problem) throw new SettingsError(problem.missing ? problem.rule : `${sources[problem.key as SettingKey]}: ${problem.rule}`);
  return { settings, sources };
}
