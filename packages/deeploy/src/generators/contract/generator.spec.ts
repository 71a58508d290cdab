import { readNxJson, updateNxJson } from '@nx/devkit';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { captureLog, failureOf, readJsonFile } from '../lib/testing/tree-helpers';
import { contractGenerator } from './generator';
import type { ContractGeneratorSchema } from './options';

describe('deeploy:contract', () => {
  let tree: Tree;
  let log: ReturnType<typeof captureLog>;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    log = captureLog();
  });
  afterEach(() => log.restore());

  const run = (options: ContractGeneratorSchema) => contractGenerator(tree, options);
  const fail = (options: ContractGeneratorSchema) => failureOf(tree, () => run(options));

  it('scaffolds a blob model with its type in project.json, as in the README example', async () => {
    await run({ path: 'subfolder_1', modelType: 'PYTORCH', blobUrl: 's3://bucket/agenet/model' });
    expect(tree.read('subfolder_1/model/reference.json', 'utf-8')).toBe(
      ['{', '  "reference": {', '    "blob": {', '      "url": "s3://bucket/agenet/model"', '    }', '  }', '}', ''].join('\n'),
    );
    expect(readJsonFile(tree, 'subfolder_1/project.json')).toEqual({
      name: 'subfolder_1',
      $schema: '../node_modules/nx/schemas/project-schema.json',
      targets: { 'deeploy-deploy': { options: { modelType: 'PYTORCH' } } },
    });
    expect(tree.exists('subfolder_1/metadata.json')).toBe(false);
    expect(tree.exists('subfolder_1/explainer')).toBe(false);
    expect(log.lines()).toEqual([
      'Deeploy contract subfolder_1 (Nx project "subfolder_1"):',
      '  model/reference.json: blob',
      '  project.json: deeploy-deploy options modelType=PYTORCH',
      'Next: commit the folder, then run nx run subfolder_1:deeploy-validate',
    ]);
  });

  it('derives CUSTOM for a docker model: project.json gets no modelType', async () => {
    await run({ path: 'models/agenet', dockerImage: 'docker.io/acme/agenet:1.2.3', dockerUri: '/model:predict', dockerPort: 8000 });
    expect(readJsonFile(tree, 'models/agenet/model/reference.json')).toEqual({
      reference: { docker: { image: 'docker.io/acme/agenet:1.2.3', uri: '/model:predict', port: 8000 } },
    });
    expect(readJsonFile(tree, 'models/agenet/project.json')).toEqual({
      name: 'models/agenet',
      $schema: '../../node_modules/nx/schemas/project-schema.json',
    });
  });

  it.each([
    ['mlflow', { mlflowModel: 'churn', mlflowAlias: 'champion', modelType: 'SKLEARN' }, { mlflow: { model: 'churn', alias: 'champion' } }],
    [
      'azureML',
      { azureMLImage: 'acme.azurecr.io/churn:1', azureMLUri: '/score', azureMLPort: 5001, azureMLReadinessPath: '/ready', azureMLLivenessPath: '/live' },
      { azureML: { image: 'acme.azurecr.io/churn:1', uri: '/score', port: 5001, readinessPath: '/ready', livenessPath: '/live' } },
    ],
    ['databricks', { databricksModel: 'main.default.churn', databricksVersion: 2, modelType: 'LIGHTGBM' }, { databricks: { model: 'main.default.churn', version: '2' } }],
    ['huggingface', { huggingfaceModel: 'distilbert-base-uncased', modelType: 'HUGGINGFACE' }, { huggingface: { model: 'distilbert-base-uncased' } }],
  ])('scaffolds a %s model', async (_kind, flags, reference) => {
    await run({ path: 'm', ...flags });
    expect(readJsonFile(tree, 'm/model/reference.json')).toEqual({ reference });
  });

  it('asks for no type Deeploy derives: a huggingface model, a docker explainer, a transformer', async () => {
    await run({
      path: 'models/sentiment',
      huggingfaceModel: 'distilbert-base-uncased',
      explainerDockerImage: 'docker.io/acme/explainer:1',
      explainerDockerUri: '/explain',
      transformerDockerImage: 'docker.io/acme/transformer:1',
      transformerDockerUri: '/transform',
    });
    expect(readJsonFile(tree, 'models/sentiment/project.json')).toEqual({
      name: 'models/sentiment',
      $schema: '../../node_modules/nx/schemas/project-schema.json',
    });
    expect(log.lines()).toContain('  project.json: no deploy options needed (types are derived)');
  });

  it('adds an explainer pair, a transformer, metadata and the deployment name', async () => {
    await run({
      path: 'models/churn',
      modelType: 'XGBOOST',
      blobUrl: 's3://acme-models/churn/model',
      explainerType: 'SHAP_KERNEL',
      explainerDockerImage: 'docker.io/acme/explainer:1',
      explainerDockerUri: '/explain',
      explainerMlflowModel: 'churn-explainer',
      transformerDockerImage: 'docker.io/acme/transformer:1',
      transformerDockerUri: '/transform',
      transformerDockerPort: 9000,
      transformerBlobUrl: 's3://acme-models/churn/transformer',
      features: 'age,income',
      problemType: 'classification',
      predictionClasses: 'stays=0,churns=1',
      deploymentName: 'Churn',
      deploymentDescription: 'Monthly churn model',
    });
    expect(readJsonFile(tree, 'models/churn/explainer/reference.json')).toEqual({
      reference: { docker: { image: 'docker.io/acme/explainer:1', uri: '/explain' }, mlflow: { model: 'churn-explainer' } },
    });
    expect(readJsonFile(tree, 'models/churn/transformer/reference.json')).toEqual({
      reference: { blob: { url: 's3://acme-models/churn/transformer' }, docker: { image: 'docker.io/acme/transformer:1', uri: '/transform', port: 9000 } },
    });
    expect(tree.read('models/churn/metadata.json', 'utf-8')).toBe(
      `${JSON.stringify(
        { features: [{ name: 'age' }, { name: 'income' }], predictionClasses: { stays: 0, churns: 1 }, problemType: 'classification' },
        null,
        2,
      )}\n`,
    );
    expect(readJsonFile(tree, 'models/churn/project.json')).toMatchObject({
      targets: { 'deeploy-deploy': { options: { modelType: 'XGBOOST', explainerType: 'SHAP_KERNEL', name: 'Churn', description: 'Monthly churn model' } } },
    });
  });

  it('writes JSON the user gave as given, nulls included', async () => {
    await run({ path: 'm', huggingfaceModel: 'gpt2', exampleInput: '{"inputs":"hi","parameters":null}' });
    expect(tree.read('m/metadata.json', 'utf-8')).toBe('{\n  "exampleInput": {\n    "inputs": "hi",\n    "parameters": null\n  }\n}\n');
  });

  it('writes the options on the deploy target named in the plugin options', async () => {
    const nxJson = readNxJson(tree)!;
    updateNxJson(tree, { ...nxJson, plugins: [{ plugin: 'deeploy', options: { deployTargetName: 'ship', validateTargetName: 'check' } }] });
    await run({ path: 'models/churn', modelType: 'SKLEARN', blobUrl: 's3://acme-models/churn' });
    expect(readJsonFile(tree, 'models/churn/project.json')).toMatchObject({ targets: { ship: { options: { modelType: 'SKLEARN' } } } });
    expect(log.lines()).toContain('Next: commit the folder, then run nx run models/churn:check');
  });

  it('normalises the path and can make the workspace root a contract', async () => {
    await run({ path: './models//churn/', huggingfaceModel: 'gpt2', modelType: 'HUGGINGFACE' });
    expect(tree.exists('models/churn/model/reference.json')).toBe(true);
    await run({ path: '.', huggingfaceModel: 'gpt2', modelType: 'HUGGINGFACE' });
    expect(readJsonFile(tree, 'project.json')).toMatchObject({ name: 'deeploy-contract', $schema: 'node_modules/nx/schemas/project-schema.json' });
    expect(tree.exists('model/reference.json')).toBe(true);
  });

  describe('refuses bad input with one line and writes nothing', () => {
    it('a type name in the wrong case, with the right spelling', async () => {
      expect(await fail({ path: 'm', modelType: 'pytorch', blobUrl: 's3://acme-models/m' })).toBe(
        'deeploy:contract: --modelType: "pytorch" is not spelled as Deeploy spells it; write "PYTORCH"',
      );
    });

    it('a blob model without --modelType', async () => {
      expect(await fail({ path: 'm', blobUrl: 's3://acme-models/m' })).toBe(
        'deeploy:contract: --modelType is required for a blob model: Deeploy cannot derive the framework from a URL; e.g. --modelType=SKLEARN',
      );
    });

    it('a docker model with another type than CUSTOM', async () => {
      expect(await fail({ path: 'm', modelType: 'PYTORCH', dockerImage: 'acme/m:1', dockerUri: '/predict' })).toBe(
        'deeploy:contract: --modelType=PYTORCH conflicts with a docker model: an image runs its own server, so Deeploy deploys it as CUSTOM; drop --modelType (CUSTOM is derived) or set it to CUSTOM',
      );
    });

    it('no model reference, listing the flag groups', async () => {
      expect(await fail({ path: 'm', modelType: 'SKLEARN' })).toBe(
        'deeploy:contract: give exactly one model reference: blob: --blobUrl [--blobRegion]; docker: --dockerImage --dockerUri [--dockerPort]; mlflow: --mlflowModel [--mlflowVersion] [--mlflowStage] [--mlflowAlias] [--mlflowBlobRegion]; azureML: --azureMLImage --azureMLUri --azureMLPort --azureMLReadinessPath --azureMLLivenessPath [--azureMLModel] [--azureMLVersion]; databricks: --databricksModel [--databricksAlias] [--databricksVersion]; huggingface: --huggingfaceModel',
      );
    });

    it('two model kinds (and no follow-on type complaint)', async () => {
      const message = await fail({ path: 'm', blobUrl: 's3://acme-models/m', mlflowModel: 'm' });
      expect(message).toMatch(/^deeploy:contract: --blobUrl, --mlflowModel: a model cannot have blob and mlflow references together; give one of: /);
      expect(message).not.toContain('--modelType');
    });

    it('a bad port, naming the flag', async () => {
      expect(await fail({ path: 'm', dockerImage: 'acme/m:1', dockerUri: '/predict', dockerPort: 70000 })).toBe(
        'deeploy:contract: --dockerPort: must be a whole number from 1 to 65535 (got 70000)',
      );
    });

    it('every problem at once, on one line', async () => {
      expect(await fail({ path: 'm', modelType: 'SKLEARN', blobUrl: 's3://My_Bucket/m', explainerType: 'shap_kernel', features: 'a,,b' })).toBe(
        'deeploy:contract: --blobUrl: has an invalid S3 bucket "My_Bucket"; bucket names are 3-63 lowercase letters, digits, "." or "-", starting and ending with a letter or digit; also --explainerType: "shap_kernel" is not spelled as Deeploy spells it; write "SHAP_KERNEL"; also --features: name 2 is empty; give feature names separated by commas, in input order, e.g. --features=age,income',
      );
    });

    it('an explainer type without an explainer, and an explainer without a type', async () => {
      expect(await fail({ path: 'm', huggingfaceModel: 'gpt2', modelType: 'HUGGINGFACE', explainerType: 'SHAP_KERNEL' })).toBe(
        'deeploy:contract: --explainerType=SHAP_KERNEL needs an explainer reference; give its flags too, or drop --explainerType',
      );
      expect(await fail({ path: 'm', huggingfaceModel: 'gpt2', modelType: 'HUGGINGFACE', explainerBlobUrl: 's3://acme-models/e' })).toBe(
        'deeploy:contract: --explainerType is required for a blob explainer: Deeploy cannot derive the kind of explainer from a URL; e.g. --explainerType=SHAP_KERNEL',
      );
    });

    it('an unknown option (a typo in a flag name)', async () => {
      expect(await fail({ path: 'm', huggingfaceModel: 'gpt2', modelType: 'HUGGINGFACE', dockerImg: 'x' } as ContractGeneratorSchema)).toBe(
        'deeploy:contract: --dockerImg: is not an option of deeploy:contract; see nx g deeploy:contract --help',
      );
    });

    it.each([
      ['../outside', 'deeploy:contract: contract path "../outside" contains ".."; contract folders must stay inside the workspace'],
      ['models/../../outside', 'deeploy:contract: contract path "models/../../outside" contains ".."; contract folders must stay inside the workspace'],
      ['/etc/models', 'deeploy:contract: contract path "/etc/models" is absolute; give a path relative to the workspace root, e.g. "models/churn"'],
      // The path is shown as a JSON string, so the backslash appears escaped.
      ['models\\churn', String.raw`deeploy:contract: contract path "models\\churn" contains a backslash; write the path with "/" separators`],
      ['C:/models', 'deeploy:contract: contract path "C:/models" starts with a drive letter; give a path relative to the workspace root'],
    ])('a path outside the workspace: %s', async (path, message) => {
      expect(await fail({ path, huggingfaceModel: 'gpt2', modelType: 'HUGGINGFACE' })).toBe(message);
    });
  });

  describe('an existing contract', () => {
    beforeEach(() => {
      tree.write('models/churn/model/model.joblib', 'binary');
      tree.write('models/churn/explainer/explainer.dill', 'binary');
      tree.write('models/churn/metadata.json', '{"problemType":"classification"}\n');
      tree.write(
        'models/churn/project.json',
        JSON.stringify({ name: 'churn', targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN', deploymentId: 'dep-1', modelCpuLimit: 2 } } } }),
      );
    });

    it('is never clobbered without --overwrite', async () => {
      expect(await fail({ path: 'models/churn', dockerImage: 'acme/churn:2', dockerUri: '/predict' })).toBe(
        'deeploy:contract: models/churn already holds a contract (model/, explainer/, metadata.json, project.json); rerun with --overwrite to replace the files this generator writes, or choose another path',
      );
      expect(tree.read('models/churn/model/model.joblib', 'utf-8')).toBe('binary');
    });

    it('with --overwrite replaces only what it writes and keeps the deployment id', async () => {
      await run({ path: 'models/churn', dockerImage: 'acme/churn:2', dockerUri: '/predict', deploymentName: 'Churn', overwrite: true });
      expect(readJsonFile(tree, 'models/churn/model/reference.json')).toEqual({ reference: { docker: { image: 'acme/churn:2', uri: '/predict' } } });
      expect(tree.exists('models/churn/model/model.joblib')).toBe(false);
      // Not part of this scaffold: kept as they were.
      expect(tree.read('models/churn/explainer/explainer.dill', 'utf-8')).toBe('binary');
      expect(tree.read('models/churn/metadata.json', 'utf-8')).toBe('{"problemType":"classification"}\n');
      // The stale SKLEARN type goes (docker is CUSTOM); the name stays "churn", deploymentId and sizing stay.
      expect(readJsonFile(tree, 'models/churn/project.json')).toEqual({
        name: 'churn',
        targets: { 'deeploy-deploy': { options: { deploymentId: 'dep-1', modelCpuLimit: 2, name: 'Churn' } } },
      });
      expect(log.lines()).toEqual([
        'Deeploy contract models/churn (Nx project "churn"):',
        '  model/reference.json: docker',
        '  removed models/churn/model/model.joblib: model/ holds either a reference.json or the model file, not both',
        '  project.json (updated, other settings kept): deeploy-deploy options name=Churn',
        '  kept models/churn/explainer/ (not part of this scaffold; remove it if it no longer belongs)',
        '  kept models/churn/metadata.json (not part of this scaffold; remove it if it no longer belongs)',
        'Next: commit the folder, then run nx run churn:deeploy-validate',
      ]);
    });

    it('counts a lone project.json as an existing contract folder', async () => {
      tree.write('apps/api/project.json', '{"name":"api"}');
      expect(await fail({ path: 'apps/api', huggingfaceModel: 'gpt2', modelType: 'HUGGINGFACE' })).toMatch(/^deeploy:contract: apps\/api already holds a contract \(project\.json\)/);
    });
  });
});
