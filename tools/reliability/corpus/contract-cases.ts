/**
 * Broken contract files, refused offline by `deeploy-deploy` before git or Deeploy is asked:
 * each line must name the file (and JSON path) and the rule. The broken files are committed and
 * pushed, so that the contract itself is the only thing wrong.
 */
import type { BadInputCase } from './case';
import type { FileContent } from '../shared/fixtures';

const C = 'models/churn';
const FAILED = String.raw`^\[models/churn\] deploy failed: `;
const line = (pattern: string): RegExp => new RegExp(FAILED + pattern);

/** A case whose setup writes `files` (path → content; null removes) into the contract and pushes. */
function broken(name: string, files: Record<string, FileContent | null>, expect: RegExp, extra: Partial<BadInputCase> = {}): BadInputCase {
  return {
    area: 'contract file',
    name,
    setup: (ws) => {
      for (const [relative, content] of Object.entries(files)) {
        if (content === null) ws.remove(`${C}/${relative}`);
        else ws.write(`${C}/${relative}`, content);
      }
      ws.commitAndPush(`break: ${name}`);
    },
    expect,
    ...extra,
  };
}

const ref = (body: object) => ({ reference: body });
const docker = { image: 'docker.io/acme/churn:1.2.3', uri: '/v1/models/churn:predict', port: 8080 };

export const CONTRACT_CASES: BadInputCase[] = [
  broken('no model folder', { model: null }, line(String.raw`models/churn/model: is missing`)),
  {
    area: 'contract file',
    name: 'model is a file',
    setup: (ws) => {
      ws.remove(`${C}/model`);
      ws.write(`${C}/model`, 'weights');
      ws.commitAndPush('model as a file');
    },
    expect: line(String.raw`models/churn/model: is a file`),
  },
  broken(
    'model folder without reference or model file',
    { 'model/reference.json': null, 'model/README.md': 'x' },
    line(String.raw`models/churn/model: holds neither reference\.json nor a model`),
  ),
  broken('reference.json and a model file', { 'model/model.joblib': 'x' }, line(String.raw`models/churn/model: holds both reference\.json and model\.joblib`)),
  broken(
    'two model files',
    { 'model/reference.json': null, 'model/model.joblib': 'x', 'model/model.bst': 'x' },
    line(String.raw`models/churn/model: holds 2 model files`),
  ),
  broken(
    'misspelt Reference.json',
    { 'model/reference.json': null, 'model/Reference.json': ref({ blob: { url: 's3://acme-models/x' } }) },
    line(String.raw`models/churn/model: .*rename "Reference\.json" to "reference\.json"`),
  ),
  broken('reference.json is not JSON', { 'model/reference.json': '{ "reference": ' }, line(String.raw`models/churn/model/reference\.json.*(JSON|json)`)),
  broken('reference.json is empty', { 'model/reference.json': '' }, line(String.raw`models/churn/model/reference\.json.*(empty|JSON)`)),
  broken('reference.json without "reference"', { 'model/reference.json': {} }, line(String.raw`models/churn/model/reference\.json.*reference`)),
  broken(
    'reference with two kinds',
    { 'model/reference.json': ref({ blob: { url: 's3://acme-models/x' }, docker }) },
    line(String.raw`models/churn/model/reference\.json at reference.*(one|exactly)`),
  ),
  broken(
    'unknown reference kind',
    { 'model/reference.json': ref({ ftp: { url: 'ftp://x' } }) },
    line(String.raw`models/churn/model/reference\.json at reference.*ftp`),
  ),
  broken(
    'blob url with an unsupported scheme',
    { 'model/reference.json': ref({ blob: { url: 'ftp://acme/model' } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.blob\.url: .*unsupported scheme`),
  ),
  broken(
    'blob url with embedded credentials',
    { 'model/reference.json': ref({ blob: { url: 'https://user:hunter2secret@acme.blob.core.windows.net/models/churn' } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.blob\.url: .*credential`),
    { mustNotShow: ['hunter2secret'] },
  ),
  broken(
    's3 bucket name invalid',
    { 'model/reference.json': ref({ blob: { url: 's3://Acme_Models/churn' } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.blob\.url: .*bucket`),
  ),
  broken(
    'blob url missing',
    { 'model/reference.json': ref({ blob: { region: 'eu-west-1' } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.blob\.url`),
  ),
  broken(
    'blob url null',
    { 'model/reference.json': ref({ blob: { url: null } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.blob\.url`),
  ),
  broken(
    'docker reference without uri',
    { 'model/reference.json': ref({ docker: { image: docker.image } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.docker\.uri`),
  ),
  broken(
    'docker uri without a leading slash',
    { 'model/reference.json': ref({ docker: { ...docker, uri: 'predict' } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.docker\.uri: .*/`),
  ),
  broken(
    'docker port out of range',
    { 'model/reference.json': ref({ docker: { ...docker, port: 70000 } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.docker\.port: .*65535`),
  ),
  broken(
    'docker port as text',
    { 'model/reference.json': ref({ docker: { ...docker, port: '8080' } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.docker\.port`),
  ),
  broken(
    'docker image with upper case',
    { 'model/reference.json': ref({ docker: { ...docker, image: 'docker.io/Acme/Churn:1' } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.docker\.image`),
  ),
  broken(
    'mlflow reference without model',
    { 'model/reference.json': ref({ mlflow: { version: '3' } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.mlflow\.model`),
  ),
  broken(
    'azureML reference without readinessPath',
    { 'model/reference.json': ref({ azureML: { image: 'acme.azurecr.io/churn:1', uri: '/score', port: 5001, livenessPath: '/live' } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.azureML\.readinessPath`),
  ),
  broken(
    'databricks reference without model',
    { 'model/reference.json': ref({ databricks: { alias: 'champion' } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.databricks\.model`),
  ),
  broken(
    'huggingface model empty',
    { 'model/reference.json': ref({ huggingface: { model: '' } }) },
    line(String.raw`models/churn/model/reference\.json at reference\.huggingface\.model`),
  ),
  broken('explainer folder empty', { 'explainer/.gitkeep': '' }, line(String.raw`models/churn/explainer: holds neither reference\.json nor explainer\.dill`)),
  broken(
    'explainer with reference.json and explainer.dill',
    { 'explainer/reference.json': ref({ blob: { url: 's3://acme-models/e' } }), 'explainer/explainer.dill': 'x' },
    line(String.raw`models/churn/explainer: holds both`),
  ),
  broken(
    'transformer without docker',
    { 'transformer/reference.json': ref({ blob: { url: 's3://acme-models/t' } }) },
    line(String.raw`models/churn/transformer/reference\.json at reference.*docker`),
  ),
  broken('metadata.json is not JSON', { 'metadata.json': '{ problemType: classification }' }, line(String.raw`models/churn/metadata\.json.*JSON`)),
  broken(
    'metadata problemType in the wrong case',
    { 'metadata.json': { problemType: 'Classification' } },
    line(String.raw`models/churn/metadata\.json at problemType: .*classification`),
  ),
  broken('metadata features not a list', { 'metadata.json': { features: 'age,income' } }, line(String.raw`models/churn/metadata\.json at features`)),
  broken(
    'explainer without an explainer type',
    { 'explainer/reference.json': ref({ blob: { url: 's3://acme-models/e' } }) },
    line(
      String.raw`models/churn/project\.json: .*run nx g (nx-)?deeploy:reference models/churn --artifact=explainer --explainerType=<type> .*which sets "explainerType" under targets\.deeploy-deploy\.options`,
    ),
  ),
  broken(
    'model type missing and not derivable',
    { 'project.json': { name: C } },
    line(
      String.raw`models/churn/project\.json: .*run nx g (nx-)?deeploy:reference models/churn --modelType=<type> .*which sets "modelType" under targets\.deeploy-deploy\.options`,
    ),
  ),
  {
    area: 'contract file',
    name: 'reference.json is a symlink leaving the workspace',
    setup: (ws) => {
      ws.symlink(`${ws.outside}/reference.json`, `${C}/model/reference.json`);
      ws.commitAndPush('link out');
    },
    expect: line(String.raw`models/churn/model/reference\.json.*(outside|link)`),
  },
  {
    area: 'contract file',
    name: 'model folder is a symlink leaving the workspace',
    setup: (ws) => {
      ws.symlink(`${ws.outside}/churn/model`, `${C}/model`);
      ws.commitAndPush('link out');
    },
    expect: line(String.raw`models/churn/model.*(outside|link)`),
  },
  {
    area: 'contract file',
    name: 'contract path escaping through ..',
    projectRoot: () => '../outside/churn',
    project: 'outside',
    expect: /^\[outside\] deploy failed: .*\.\.\/outside\/churn.*(outside|\.\.)/,
  },
  {
    area: 'contract file',
    name: 'contract folder is a symlink leaving the workspace',
    setup: (ws) => {
      ws.symlink(`${ws.outside}/churn`, 'models/linked');
      ws.commitAndPush('link out');
    },
    projectRoot: () => 'models/linked',
    project: 'models/linked',
    expect: /^\[models\/linked\] deploy failed: .*models\/linked.*(outside|link)/,
  },
  {
    area: 'contract file',
    name: 'absolute contract path',
    projectRoot: (ws) => `${ws.dir}/${C}`,
    expect: line(String.raw`.*(absolute|relative)`),
  },
];
