/**
 * Bad generator flags: each generator validates every input before it writes, so a refused run
 * leaves the Nx tree without a pending change and the workspace untouched. The line starts with
 * the generator and names the flag and the rule.
 */
import type { BadInputCase } from './case';

function generatorCase(generator: string, name: string, options: Record<string, unknown>, expect: RegExp, extra: Partial<BadInputCase> = {}): BadInputCase {
  return { area: 'generator flag', generator, name, options, expect, ...extra };
}
const contract = (name: string, options: Record<string, unknown>, expect: RegExp, extra?: Partial<BadInputCase>) =>
  generatorCase('contract', name, { path: 'models/new', ...options }, expect, extra);
const reference = (name: string, options: Record<string, unknown>, expect: RegExp, extra?: Partial<BadInputCase>) =>
  generatorCase('reference', name, { project: 'models/churn', ...options }, expect, extra);
const BLOB = { modelType: 'SKLEARN', blobUrl: 's3://acme-models/new/v1' };

export const GENERATOR_CASES: BadInputCase[] = [
  contract('contract path escaping through ..', { ...BLOB, path: '../outside/new' }, /^deeploy:contract: contract path "\.\.\/outside\/new" contains "\.\."/),
  contract('absolute contract path', { ...BLOB, path: '/tmp/new-contract' }, /^deeploy:contract: contract path "\/tmp\/new-contract" is absolute/),
  {
    ...contract(
      'contract path through a symlink leaving the workspace',
      { ...BLOB, path: 'linked/new' },
      /^deeploy:contract: contract path "linked\/new" leads outside the workspace through the symbolic link "linked"/,
    ),
    setup: (ws) => ws.symlink(ws.outside, 'linked'),
  },
  contract(
    'no model reference flags',
    { modelType: 'SKLEARN' },
    /^deeploy:contract: no model reference given for models\/new; pass one of --blobUrl, --dockerImage with --dockerUri, /,
  ),
  contract(
    'two model reference kinds',
    { ...BLOB, dockerImage: 'docker.io/acme/new:1', dockerUri: '/predict' },
    /^deeploy:contract: .*(one|both).*(blob|docker)/i,
  ),
  contract('blob URL with an unsupported scheme', { ...BLOB, blobUrl: 'ftp://acme/new' }, /^deeploy:contract: --blobUrl: has the unsupported scheme "ftp:"/),
  contract(
    'blob URL with embedded credentials',
    { ...BLOB, blobUrl: 'https://u:s3cret-canary@acme.blob.core.windows.net/models/new' },
    /^deeploy:contract: --blobUrl: must not embed credentials/,
    {
      mustNotShow: ['s3cret-canary'],
    },
  ),
  contract('docker port zero', { dockerImage: 'docker.io/acme/new:1', dockerUri: '/predict', dockerPort: 0 }, /^deeploy:contract: --dockerPort: .*1 to 65535/),
  contract(
    'docker uri without a leading slash',
    { dockerImage: 'docker.io/acme/new:1', dockerUri: 'predict' },
    /^deeploy:contract: --dockerUri: must start with "\/"/,
  ),
  contract('model type in lower case', { ...BLOB, modelType: 'sklearn' }, /^deeploy:contract: --modelType: .*"SKLEARN"/),
  contract(
    'explainer type in lower case, late in validation',
    { ...BLOB, explainerBlobUrl: 's3://acme-models/new/explainer', explainerType: 'shap_kernel' },
    /^deeploy:contract: --explainerType: .*"SHAP_KERNEL"/,
  ),
  contract(
    'docker model with a framework model type',
    { dockerImage: 'docker.io/acme/new:1', dockerUri: '/predict', modelType: 'PYTORCH' },
    /^deeploy:contract: --modelType=PYTORCH conflicts with a docker model: .*CUSTOM/,
  ),
  contract(
    'transformer blob without docker',
    { ...BLOB, transformerBlobUrl: 's3://acme-models/new/transformer' },
    /^deeploy:contract: .*--transformer(Docker|Blob)/,
  ),
  contract('problem type in the wrong case', { ...BLOB, problemType: 'Classification' }, /^deeploy:contract: --problemType: .*classification/),
  contract('unknown flag (misspelt)', { ...BLOB, blobURL: 's3://acme-models/new/v1' }, /^deeploy:contract: --blobURL: is not an option of deeploy:contract/),
  contract('empty deployment name', { ...BLOB, deploymentName: ' ' }, /^deeploy:contract: --deploymentName: must not be empty/),
  contract(
    'existing contract without --overwrite',
    { ...BLOB, path: 'models/churn' },
    /^deeploy:contract: models\/churn already holds a contract .*--overwrite/,
  ),
  reference('reference for a project that does not exist', { project: 'models/nope', blobUrl: 's3://acme-models/x' }, /^deeploy:reference: .*models\/nope/),
  reference('replacing a reference without --overwrite', { blobUrl: 's3://acme-models/churn/v2' }, /^deeploy:reference: .*--overwrite/),
  reference(
    'unknown artifact',
    { artifact: 'explainers', blobUrl: 's3://acme-models/x', overwrite: true },
    /^deeploy:reference: --artifact: must be one of model, explainer, transformer/,
  ),
  reference('no reference kind flags', { overwrite: true }, /^deeploy:reference: .*(give|reference)/),
  reference(
    'docker port as text',
    { dockerImage: 'docker.io/acme/churn:2', dockerUri: '/predict', dockerPort: 'http', overwrite: true },
    /^deeploy:reference: --dockerPort: /,
  ),
  generatorCase('ci', 'unknown CI provider', { provider: 'jenkins' }, /--provider.*github or gitlab/),
  generatorCase('ci', 'CI provider in the wrong case', { provider: 'GitHub' }, /--provider.*github or gitlab/),
  generatorCase('ci', 'CI main branch with ..', { provider: 'github', mainBranch: 'main/../x' }, /--mainBranch.*branch name/),
  generatorCase('ci', 'CI node version with a fraction', { provider: 'github', nodeVersion: 20.1 }, /--nodeVersion/),
];
