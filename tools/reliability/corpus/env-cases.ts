/**
 * Bad environment values (what CI sets): refused naming the variable and the rule, before any
 * request; wrong keys or workspace are found out by Deeploy, with reads only.
 */
import { TEST_ACCESS_KEY } from '../../support';
import type { BadInputCase, CaseEnv } from './case';

const FAILED = String.raw`^\[models/churn\] (deploy|update) failed: `;
const line = (pattern: string): RegExp => new RegExp(FAILED + pattern);
/** nx.json without the emulator's URL, so the environment decides where Deeploy is. */
const noApiUrl = ({ workspaceId }: { workspaceId: string }) => ({ workspaceId });

function variable(name: string, env: CaseEnv, expect: RegExp, extra: Partial<BadInputCase> = {}): BadInputCase {
  return { area: 'environment value', name, env, expect, ...extra };
}

export const ENV_CASES: BadInputCase[] = [
  variable(
    'DEEPLOY_API_URL with embedded credentials',
    { DEEPLOY_API_URL: 'https://ci-bot:hunter2-canary@api.example.deeploy.ml' },
    line(String.raw`apiUrl \(DEEPLOY_API_URL\) must not contain credentials`),
    {
      pluginOptions: noApiUrl,
      mustNotShow: ['hunter2-canary'],
    },
  ),
  variable(
    'DEEPLOY_API_URL over plain http to another host',
    { DEEPLOY_API_URL: 'http://10.0.0.7:8080' },
    line(String.raw`apiUrl \(DEEPLOY_API_URL\) uses plain http to "10\.0\.0\.7:8080"`),
    { pluginOptions: noApiUrl },
  ),
  variable(
    'DEEPLOY_API_URL http to a lookalike of localhost',
    { DEEPLOY_API_URL: 'http://127.0.0.1.example.com' },
    line(String.raw`apiUrl \(DEEPLOY_API_URL\) uses plain http`),
    { pluginOptions: noApiUrl },
  ),
  variable(
    'DEEPLOY_API_URL overriding nx.json with credentials',
    { DEEPLOY_API_URL: 'https://ci:t0ken-canary@api.example.deeploy.ml' },
    line(String.raw`apiUrl \(DEEPLOY_API_URL\) must not contain credentials`),
    {
      mustNotShow: ['t0ken-canary'],
    },
  ),
  variable(
    'DEEPLOY_HOST with a path',
    { DEEPLOY_HOST: 'example.deeploy.ml/v2' },
    line(String.raw`host \(DEEPLOY_HOST\) "example\.deeploy\.ml/v2" must not include a path`),
    { pluginOptions: noApiUrl },
  ),
  variable('DEEPLOY_HOST with a scheme', { DEEPLOY_HOST: 'https://example.deeploy.ml' }, line(String.raw`host \(DEEPLOY_HOST\) .* must not include a scheme`), {
    pluginOptions: noApiUrl,
  }),
  variable(
    'DEEPLOY_HOST with the api. prefix',
    { DEEPLOY_HOST: 'api.example.deeploy.ml' },
    line(String.raw`host \(DEEPLOY_HOST\) .* must not start with "api\."`),
    { pluginOptions: noApiUrl },
  ),
  variable(
    'DEEPLOY_HOST with credentials',
    { DEEPLOY_HOST: 'ci:pw-canary@example.deeploy.ml' },
    line(String.raw`host \(DEEPLOY_HOST\) must not contain credentials`),
    {
      pluginOptions: noApiUrl,
      mustNotShow: ['pw-canary'],
    },
  ),
  variable('no host and no API URL', {}, line(String.raw`no Deeploy host: set host \(DEEPLOY_HOST\)`), { pluginOptions: noApiUrl }),
  variable('no workspace id', {}, line(String.raw`no Deeploy workspace: set "workspaceId" .*DEEPLOY_WORKSPACE_ID`), {
    pluginOptions: ({ url }) => ({ apiUrl: url }),
  }),
  variable(
    'only DEEPLOY_TOKEN set',
    { DEEPLOY_ACCESS_KEY: undefined, DEEPLOY_SECRET_KEY: undefined, DEEPLOY_TOKEN: 'tok-canary-env' },
    line(String.raw`.*only DEEPLOY_TOKEN is set: set DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY`),
    {
      mustNotShow: ['tok-canary-env'],
    },
  ),
  variable(
    'DEEPLOY_ACCESS_KEY without DEEPLOY_SECRET_KEY',
    { DEEPLOY_SECRET_KEY: undefined },
    line(String.raw`DEEPLOY_ACCESS_KEY is set but DEEPLOY_SECRET_KEY is not`),
  ),
  variable(
    'DEEPLOY_SECRET_KEY without DEEPLOY_ACCESS_KEY',
    { DEEPLOY_ACCESS_KEY: undefined },
    line(String.raw`DEEPLOY_SECRET_KEY is set but DEEPLOY_ACCESS_KEY is not`),
  ),
  variable(
    'no credentials at all',
    { DEEPLOY_ACCESS_KEY: undefined, DEEPLOY_SECRET_KEY: undefined },
    line(String.raw`no Deeploy credentials: set DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY`),
  ),
  variable('blank credentials (CI expanded a missing secret)', { DEEPLOY_ACCESS_KEY: ' ', DEEPLOY_SECRET_KEY: '' }, line(String.raw`no Deeploy credentials`)),
  variable(
    'a secret key Deeploy rejects',
    { DEEPLOY_SECRET_KEY: 'wrong-canary-secret' },
    line(String.raw`GET .* 401 .*check DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY`),
    {
      sends: 'reads',
      mustNotShow: ['wrong-canary-secret', TEST_ACCESS_KEY],
    },
  ),
  variable(
    'DEEPLOY_WORKSPACE_ID of another workspace',
    { DEEPLOY_WORKSPACE_ID: '11111111-2222-4333-8444-555555555555' },
    line(String.raw`GET /workspaces/11111111-2222-4333-8444-555555555555/.* 404.*workspace id`),
    {
      sends: 'reads',
    },
  ),
];
