/**
 * Bad executor options (command-line flags and project.json target options, which Nx merges, and
 * nx.json plugin options): refused before any request, naming the option and the rule.
 */
import type { BadInputCase } from './case';

const FAILED = String.raw`^\[models/churn\] (deploy|update) failed: `;
const line = (pattern: string): RegExp => new RegExp(FAILED + pattern);
const AT = String.raw`models/churn/project\.json or the command line at targets\.deeploy-(deploy|update)\.options\.`;

function option(name: string, flags: Record<string, unknown>, expect: RegExp, extra: Partial<BadInputCase> = {}): BadInputCase {
  return { area: 'executor option', name, flags, expect, ...extra };
}

/** A plugin option in nx.json (without the emulator's apiUrl when `host` is the subject). */
function pluginOption(name: string, values: Record<string, unknown>, expect: RegExp, extra: Partial<BadInputCase> = {}): BadInputCase {
  return { area: 'executor option', name, pluginOptions: ({ url, workspaceId }) => ({ apiUrl: url, workspaceId, ...values }), expect, ...extra };
}

export const OPTION_CASES: BadInputCase[] = [
  // Secrets never come from options.
  option('access key passed as an option', { accessKey: 'AKIA-canary-flag' }, line(`${AT}accessKey: "accessKey" looks like a secret.*DEEPLOY_ACCESS_KEY`), {
    mustNotShow: ['AKIA-canary-flag'],
  }),
  option('secret key passed as an option', { secretKey: 'sk-canary-flag' }, line(`${AT}secretKey: "secretKey" looks like a secret.*DEEPLOY_SECRET_KEY`), {
    mustNotShow: ['sk-canary-flag'],
  }),
  option('token passed as an option', { token: 'tok-canary-flag' }, line(`${AT}token: "token" looks like a secret.*DEEPLOY_TOKEN`), {
    mustNotShow: ['tok-canary-flag'],
  }),
  option('password passed as an option', { password: 'pw-canary-flag' }, line(`${AT}password: "password" looks like a secret`), {
    mustNotShow: ['pw-canary-flag'],
  }),
  option('api key passed as an option', { apiKey: 'ak-canary-flag' }, line(`${AT}apiKey: "apiKey" looks like a secret`), { mustNotShow: ['ak-canary-flag'] }),
  option('deploy token passed as an option', { deployToken: 'dt-canary-flag' }, line(`${AT}deployToken: "deployToken" looks like a secret.*DEEPLOY_TOKEN`), {
    mustNotShow: ['dt-canary-flag'],
  }),
  option('update with a secret key option', { secretKey: 'sk-canary-update' }, line(`${AT}secretKey: "secretKey" looks like a secret`), {
    kind: 'update',
    mustNotShow: ['sk-canary-update'],
  }),
  pluginOption(
    'secret key in nx.json plugin options',
    { secretKey: 'sk-canary-nxjson' },
    line(String.raw`nx\.json at plugins\[0\]\.options\.secretKey: "secretKey" looks like a secret`),
    { mustNotShow: ['sk-canary-nxjson'] },
  ),
  {
    area: 'executor option',
    name: 'secret key in project.json target options',
    setup: (ws) => {
      ws.write('models/churn/project.json', {
        name: 'models/churn',
        targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN', secretKey: 'sk-canary-project' } } },
      });
      ws.commitAndPush('secret in project.json');
    },
    expect: line(`${AT}secretKey: "secretKey" looks like a secret`),
    mustNotShow: ['sk-canary-project'],
  },
  // Enum values are names, in their exact case.
  option('model type in lower case', { modelType: 'pytorch' }, line(`${AT}modelType: .*PYTORCH`)),
  option('model type unknown', { modelType: 'KERAS' }, line(`${AT}modelType: .*(one of|TENSORFLOW)`)),
  option('model type as its wire number', { modelType: 1 }, line(`${AT}modelType: `)),
  option('deployment type in lower case', { deploymentType: 'kserve' }, line(`${AT}deploymentType: .*KServe`)),
  option('deployment type Sagemaker spelt SageMaker', { deploymentType: 'SageMaker' }, line(`${AT}deploymentType: .*Sagemaker`)),
  option('explainer type in lower case', { explainerType: 'shap_kernel' }, line(`${AT}explainerType: .*SHAP_KERNEL`)),
  option('transformer type in lower case', { transformerType: 'custom' }, line(`${AT}transformerType: .*CUSTOM`)),
  // Shapes and ranges.
  option(
    'unknown option (misspelt)',
    { modelTyp: 'SKLEARN' },
    line(String.raw`models/churn/project\.json or the command line at targets\.deeploy-deploy\.options: unknown option "modelTyp"`),
  ),
  option('memory limit negative', { modelMemLimit: -512 }, line(`${AT}modelMemLimit: .*more than 0`)),
  option('memory limit fractional', { modelMemLimit: 1.5 }, line(`${AT}modelMemLimit: .*whole number`)),
  option('cpu request zero', { modelCpuRequest: 0 }, line(`${AT}modelCpuRequest: .*more than 0`)),
  option('use case id not a UUID', { useCaseId: 'use-case-1' }, line(`${AT}useCaseId: .*UUID`)),
  option('empty approver id', { approverUserIds: [''] }, line(`${AT}approverUserIds.*empty`)),
  option('empty deployment name', { name: '' }, line(`${AT}name: .*empty`)),
  option('wait timeout zero', { waitTimeoutSeconds: 0 }, line(`${AT}waitTimeoutSeconds: .*more than 0`)),
  option('request timeout negative', { requestTimeoutSeconds: -1 }, line(`${AT}requestTimeoutSeconds: .*more than 0`)),
  option('status map keyed by names', { statusMap: { running: '1' } }, line(`${AT}statusMap.running: keys must be status integers`)),
  option('wait given as text', { wait: 'yes' }, line(`${AT}wait: `)),
  option('unexpected positional argument', { _: ['subfolder_2'] }, line(String.raw`unexpected argument "subfolder_2"`)),
  // Where Deeploy is.
  option(
    'API URL with embedded credentials',
    { apiUrl: 'https://deploy-bot:pa55word-canary@api.example.deeploy.ml' },
    line(String.raw`apiUrl \(DEEPLOY_API_URL\) must not contain credentials`),
    {
      pluginOptions: ({ workspaceId }) => ({ workspaceId }),
      mustNotShow: ['pa55word-canary', 'deploy-bot'],
    },
  ),
  option(
    'plain http to a host that is not loopback',
    { apiUrl: 'http://deeploy.example.com' },
    line(String.raw`apiUrl \(DEEPLOY_API_URL\) uses plain http to "deeploy\.example\.com"`),
    {
      pluginOptions: ({ workspaceId }) => ({ workspaceId }),
    },
  ),
  option('API URL with another scheme', { apiUrl: 'ftp://api.example.deeploy.ml' }, line(String.raw`apiUrl \(DEEPLOY_API_URL\) must use https`), {
    pluginOptions: ({ workspaceId }) => ({ workspaceId }),
  }),
  option('API URL that is not a URL', { apiUrl: 'api.example.deeploy.ml' }, line(String.raw`apiUrl \(DEEPLOY_API_URL\) is not a URL`), {
    pluginOptions: ({ workspaceId }) => ({ workspaceId }),
  }),
  option('API URL with a query', { apiUrl: 'https://api.example.deeploy.ml/?token=abc' }, line(String.raw`apiUrl \(DEEPLOY_API_URL\) must not have a query`), {
    pluginOptions: ({ workspaceId }) => ({ workspaceId }),
  }),
  option('host with a path', { host: 'example.deeploy.ml/api' }, line(String.raw`host \(DEEPLOY_HOST\) "example\.deeploy\.ml/api" must not include a path`), {
    pluginOptions: ({ workspaceId }) => ({ workspaceId }),
  }),
  option('host with a scheme', { host: 'https://example.deeploy.ml' }, line(String.raw`host \(DEEPLOY_HOST\) .* must not include a scheme`), {
    pluginOptions: ({ workspaceId }) => ({ workspaceId }),
  }),
  option('host starting with api.', { host: 'api.example.deeploy.ml' }, line(String.raw`host \(DEEPLOY_HOST\) .* must not start with "api\."`), {
    pluginOptions: ({ workspaceId }) => ({ workspaceId }),
  }),
  option('host with credentials', { host: 'bot:pa55-canary@example.deeploy.ml' }, line(String.raw`host \(DEEPLOY_HOST\) must not contain credentials`), {
    pluginOptions: ({ workspaceId }) => ({ workspaceId }),
    mustNotShow: ['pa55-canary'],
  }),
  option('host with a space', { host: 'example deeploy.ml' }, line(String.raw`host \(DEEPLOY_HOST\) .* is not a host name`), {
    pluginOptions: ({ workspaceId }) => ({ workspaceId }),
  }),
  option('API prefix climbing with ..', { apiPrefix: '/v2/../admin' }, line(String.raw`apiPrefix "/v2/\.\./admin" must be a plain path`)),
  // Route 3 artifacts.
  option('artifact path escaping through ..', { modelArtifact: '../outside/model.bin', push: true }, line(String.raw`.*modelArtifact.*(outside|\.\.)`)),
  option('absolute artifact path', { modelArtifact: '/etc/hostname', push: true }, line(String.raw`.*modelArtifact.*(absolute|relative|outside)`)),
  option(
    'artifact that does not exist',
    { modelArtifact: 'models/churn/out/model.joblib', push: true },
    line(String.raw`.*modelArtifact.*(not exist|missing|no such)`),
  ),
  {
    area: 'executor option',
    name: 'artifact upload without --push',
    setup: (ws) => ws.write('dist/churn/model.joblib', 'weights'),
    flags: { modelArtifact: 'dist/churn/model.joblib' },
    expect: line(String.raw`modelArtifact would upload and commit .*--push`),
  },
  {
    area: 'executor option',
    name: 'deployment id that is not in the workspace',
    flags: { deploymentId: '00000000-0000-4000-8000-000000000000' },
    expect: line(String.raw`deploymentId "00000000-0000-4000-8000-000000000000" \(.*\) is not a deployment of workspace`),
    sends: 'reads',
  },
];
