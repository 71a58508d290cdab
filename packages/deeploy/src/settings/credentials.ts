/**
 * Secrets come only from the environment. Deeploy's create and update calls take a personal key
 * pair (Basic auth); every official client refuses them with only a token, and so do we, with a
 * message that says which variables to set. Pure: the environment is passed in.
 */
import { externalSecretEnvOf } from './deployment-type-rules';
import { SettingsError } from './resolve-settings';
import { DEFAULT_EXTERNAL_SECRET_ENV, type ResolvedSettings } from './settings-schema';

export const CREDENTIAL_ENV = {
  accessKey: 'DEEPLOY_ACCESS_KEY',
  secretKey: 'DEEPLOY_SECRET_KEY',
  token: 'DEEPLOY_TOKEN',
  externalSecret: DEFAULT_EXTERNAL_SECRET_ENV,
} as const;

export interface KeyPairCredentials {
  kind: 'basic';
  accessKey: string;
  secretKey: string;
}

function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value && value.trim() ? value.trim() : undefined;
}

/** Every secret value present in the environment, for redaction (even those not used). */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  return Object.values(CREDENTIAL_ENV)
    .map((name) => read(env, name))
    .filter((v): v is string => v !== undefined);
}

export function readKeyPair(env: NodeJS.ProcessEnv): KeyPairCredentials {
  const accessKey = read(env, CREDENTIAL_ENV.accessKey);
  const secretKey = read(env, CREDENTIAL_ENV.secretKey);
  if (accessKey && secretKey) return { kind: 'basic', accessKey, secretKey };
  if (accessKey || secretKey) {
    const missing = accessKey ? CREDENTIAL_ENV.secretKey : CREDENTIAL_ENV.accessKey;
    const present = accessKey ? CREDENTIAL_ENV.accessKey : CREDENTIAL_ENV.secretKey;
    throw new SettingsError(`${present} is set but ${missing} is not: set both (a personal key pair made in the Deeploy UI)`);
  }
  if (read(env, CREDENTIAL_ENV.token)) {
    throw new SettingsError(
      `Deeploy creates and updates deployments only with a personal key pair, and only ${CREDENTIAL_ENV.token} is set: set ${CREDENTIAL_ENV.accessKey} and ${CREDENTIAL_ENV.secretKey}`,
    );
  }
  throw new SettingsError(
    `no Deeploy credentials: set ${CREDENTIAL_ENV.accessKey} and ${CREDENTIAL_ENV.secretKey} (a personal key pair made in the Deeploy UI) in the environment`,
  );
}

/**
 * The secret an External deployment's authentication needs (password, bearer token, custom header
 * value or oauth client secret), from the variable `externalSecretEnv` names. Undefined when the
 * deployment needs none. Callers add it to the values redacted from every line.
 */
export function readExternalSecret(env: NodeJS.ProcessEnv, settings: ResolvedSettings): string | undefined {
  const variable = externalSecretEnvOf(settings, settings.deploymentType);
  if (!variable) return undefined;
  const value = read(env, variable);
  if (value) return value;
  throw new SettingsError(
    `${String(settings.authentication)} authentication of this External deployment needs its secret in the environment variable ${variable}: set it there (or name another variable with "externalSecretEnv"); secrets are never read from options`,
  );
}
