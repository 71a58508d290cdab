/**
 * The settings rules that depend on the deployment type (deeploy-api.md §8): an option of another
 * type (`region` on a KServe contract) is refused rather than silently sent or dropped, and an
 * External deployment needs its URL and authentication, with the user name and token URL its
 * method uses. Shared by the validate executor and by deploy/update, so both say the same line.
 * Pure: the caller says where each key was written.
 */
import type { DeploymentType, ExternalAuthentication } from '../contract/enums';
import { EXTERNAL_AUTH_NEEDS } from '../api/deployment-bodies';
import { DEFAULT_EXTERNAL_SECRET_ENV, deploymentTypeMismatch, SETTING_KEYS } from './settings-schema';

export interface TypeRuleProblem {
  /** The option the problem is about. */
  key: string;
  /** True when the option is missing (so no layer holds it: point at the contract's settings). */
  missing: boolean;
  rule: string;
}

const EXTERNAL_OPTION_OF = { username: 'username', tokenURL: 'tokenUrl' } as const;

/** Problems of the merged settings of one contract, in option order. */
export function deploymentTypeProblems(settings: Readonly<Record<string, unknown>>, deploymentType: DeploymentType): TypeRuleProblem[] {
  const problems: TypeRuleProblem[] = [];
  for (const key of SETTING_KEYS) {
    if (settings[key] === undefined) continue;
    const mismatch = deploymentTypeMismatch(key, deploymentType);
    if (mismatch) problems.push({ key, missing: false, rule: mismatch });
  }
  if (deploymentType !== 'External') return problems;

  for (const key of ['url', 'authentication'] as const) {
    if (settings[key] === undefined) {
      const what = key === 'url' ? 'the URL of the endpoint Deeploy calls' : 'one of none, basic, bearer, custom, oauth';
      problems.push({ key, missing: true, rule: `an External deployment needs "${key}" (${what}); set it in the contract's deploy target options` });
    }
  }
  const method = settings.authentication as ExternalAuthentication | undefined;
  // An unknown method is the settings schema's to report.
  if (method === undefined || !Object.hasOwn(EXTERNAL_AUTH_NEEDS, method)) return problems;
  const needs = EXTERNAL_AUTH_NEEDS[method];
  for (const [wire, key] of Object.entries(EXTERNAL_OPTION_OF)) {
    const needed = needs.includes(wire as 'username' | 'tokenURL');
    const set = settings[key] !== undefined;
    if (needed && !set)
      problems.push({
        key,
        missing: true,
        rule: `${method} authentication of an External deployment needs "${key}"; set it in the contract's deploy target options`,
      });
    if (!needed && set) problems.push({ key, missing: false, rule: `"${key}" is not used by ${method} authentication; remove it, or change authentication` });
  }
  return problems;
}

/** Whether the External secret is needed, and in which variable it is expected. */
export function externalSecretEnvOf(settings: Readonly<Record<string, unknown>>, deploymentType: DeploymentType): string | undefined {
  if (deploymentType !== 'External') return undefined;
  const method = settings.authentication as ExternalAuthentication | undefined;
  if (!method || !Object.hasOwn(EXTERNAL_AUTH_NEEDS, method) || !EXTERNAL_AUTH_NEEDS[method].includes('password')) return undefined;
  return (settings.externalSecretEnv as string | undefined) ?? DEFAULT_EXTERNAL_SECRET_ENV;
}
