import { logger, readNxJson, updateNxJson } from '../../nx/devkit';
import type { ExecutorContext, Tree } from '../../nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { makeTempDir, removeTempDir, writeFiles } from '../../contract/testing/temp-workspace';
import validateExecutor from '../../executors/validate/executor';
import { buildContractProject } from '../../plugins/build-targets';
import { normalizePluginOptions } from '../../plugins/plugin-options';
import { scriptedPrompt } from '../lib/testing/scripted-prompt';
import type { ScriptedPrompt } from '../lib/testing/scripted-prompt';
import { captureLog, failureOf, readJsonFile } from '../lib/testing/tree-helpers';
import { contractGenerator } from './generator';
import type { ContractTerminal } from './generator';
import type { ContractGeneratorSchema } from './options';

/** A run in CI, with --no-interactive or piped: no question may be asked. */
const NO_TERMINAL: ContractTerminal = {
  interactive: false,
  open: () => {
    throw new Error('asked a question without a terminal');
  },
};

/** A person at a terminal who gives these answers. */
function terminalAnswering(...answers: string[]): ContractTerminal & { prompt: ScriptedPrompt } {
  const prompt = scriptedPrompt(answers);
  return { interactive: true, open: () => prompt, prompt };
}

describe('deeploy:contract', () => {
  let tree: Tree;
  let log: ReturnType<typeof captureLog>;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    log = captureLog();
  });
  afterEach(() => log.restore());

  const run = (options: ContractGeneratorSchema, terminal: ContractTerminal = NO_TERMINAL) => contractGenerator(tree, options, terminal);
  const fail = (options: ContractGeneratorSchema, terminal: ContractTerminal = NO_TERMINAL) => failureOf(tree, () => run(options, terminal));

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
    expect(readJsonFile(tree, 'subfolder_1/metadata.json')).toEqual({ features: [], exampleInput: {}, exampleOutput: {} });
    expect(tree.exists('subfolder_1/explainer')).toBe(false);
    expect(log.lines()).toEqual([
      'Deeploy contract subfolder_1 (Nx project "subfolder_1"):',
      '  model/reference.json: blob',
      '  metadata.json: a starting skeleton (features, exampleInput, exampleOutput) to fill in; the metadata flags (--features, --problemType, …) fill it instead',
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
    [
      'databricks',
      { databricksModel: 'main.default.churn', databricksVersion: 2, modelType: 'LIGHTGBM' },
      { databricks: { model: 'main.default.churn', version: '2' } },
    ],
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

    it('no model reference (CI, --no-interactive, no terminal): names the flags and the terminal', async () => {
      expect(await fail({ path: 'subfolder_9' })).toBe(
        'deeploy:contract: no model reference given for subfolder_9; pass one of --blobUrl, --dockerImage with --dockerUri, --mlflowModel, --azureMLImage with --azureMLUri --azureMLPort --azureMLReadinessPath --azureMLLivenessPath, --databricksModel, --huggingfaceModel (--help lists every flag), or run it in a terminal to be asked',
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

    it('an empty deployment name, saying what leaving it out gives', async () => {
      expect(await fail({ path: 'm', huggingfaceModel: 'gpt2', deploymentName: ' ' })).toBe(
        'deeploy:contract: --deploymentName: must not be empty; leave it out to name the deployment after the project',
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
        '  kept models/churn/metadata.json (no metadata flags given; give them with --overwrite to replace it)',
        '  project.json (updated, other settings kept): deeploy-deploy options name=Churn',
        '  kept models/churn/explainer/ (not part of this scaffold; remove it if it no longer belongs)',
        'Next: commit the folder, then run nx run churn:deeploy-validate',
      ]);
    });

    it('counts a lone project.json as an existing contract folder', async () => {
      tree.write('apps/api/project.json', '{"name":"api"}');
      expect(await fail({ path: 'apps/api', huggingfaceModel: 'gpt2', modelType: 'HUGGINGFACE' })).toMatch(
        /^deeploy:contract: apps\/api already holds a contract \(project\.json\)/,
      );
    });
  });

  describe('metadata.json', () => {
    /** Writes the tree to a real folder and runs deeploy:validate on the contract, as `nx run` would. */
    async function validateOnDisk(root: string): Promise<{ success: boolean; lines: string[] }> {
      const workspace = makeTempDir();
      try {
        writeFiles(workspace, Object.fromEntries(tree.listChanges().map((change) => [change.path, change.content?.toString('utf-8') ?? ''])));
        const settings = normalizePluginOptions({});
        const project = buildContractProject(root, settings, 'deeploy');
        // Nx merges project.json's targets over the inferred ones.
        const projectJson = readJsonFile(tree, `${root}/project.json`) as { name: string; targets?: Record<string, { options?: object }> };
        const deployOptions = projectJson.targets?.[settings.deployTargetName]?.options;
        if (deployOptions) project.targets![settings.deployTargetName].options = deployOptions;
        const lines: string[] = [];
        const info = jest.spyOn(logger, 'info').mockImplementation((m) => void lines.push(String(m)));
        const error = jest.spyOn(logger, 'error').mockImplementation((m) => void lines.push(String(m)));
        const context: ExecutorContext = {
          root: workspace,
          cwd: workspace,
          isVerbose: false,
          projectName: projectJson.name,
          targetName: settings.validateTargetName,
          projectsConfigurations: { version: 2, projects: { [projectJson.name]: project } },
          nxJsonConfiguration: { plugins: ['deeploy'] },
          projectGraph: { nodes: {}, dependencies: {} },
        };
        const { success } = await validateExecutor({}, context);
        info.mockRestore();
        error.mockRestore();
        return { success, lines };
      } finally {
        removeTempDir(workspace);
      }
    }

    it('is always written: without metadata flags, a skeleton that deeploy-validate accepts', async () => {
      await run({ path: 'models/agenet', dockerImage: 'docker.io/acme/agenet:1.2.3', dockerUri: '/predict' });
      expect(tree.read('models/agenet/metadata.json', 'utf-8')).toBe('{\n  "features": [],\n  "exampleInput": {},\n  "exampleOutput": {}\n}\n');
      expect(await validateOnDisk('models/agenet')).toEqual({
        success: true,
        lines: ['✔ models/agenet: contract valid (model: docker → CUSTOM, explainer: none, transformer: none, metadata: yes)'],
      });
    });

    it('from the metadata flags, with the README example, also accepted by deeploy-validate', async () => {
      await run({
        path: 'subfolder_1',
        modelType: 'PYTORCH',
        blobUrl: 's3://acme-models/agenet/model',
        explainerType: 'SHAP_KERNEL',
        explainerBlobUrl: 's3://acme-models/agenet/explainer',
        problemType: 'classification',
        features: 'age,income',
      });
      expect(readJsonFile(tree, 'subfolder_1/metadata.json')).toEqual({ features: [{ name: 'age' }, { name: 'income' }], problemType: 'classification' });
      expect(log.lines()).toContain('  metadata.json: features, problemType');
      expect(await validateOnDisk('subfolder_1')).toEqual({
        success: true,
        lines: ['✔ subfolder_1: contract valid (model: blob → PYTORCH, explainer: blob → SHAP_KERNEL, transformer: none, metadata: yes)'],
      });
    });

    it('replaces an existing metadata.json only with --overwrite and metadata flags', async () => {
      tree.write('m/metadata.json', '{"problemType":"classification"}\n');
      expect(await fail({ path: 'm', huggingfaceModel: 'gpt2', problemType: 'regression' })).toMatch(
        /^deeploy:contract: m already holds a contract \(metadata\.json\)/,
      );
      await run({ path: 'm', huggingfaceModel: 'gpt2', overwrite: true });
      expect(tree.read('m/metadata.json', 'utf-8')).toBe('{"problemType":"classification"}\n');
      await run({ path: 'm', huggingfaceModel: 'gpt2', problemType: 'regression', overwrite: true });
      expect(readJsonFile(tree, 'm/metadata.json')).toEqual({ problemType: 'regression' });
    });
  });

  describe('nx.json without the deeploy plugin', () => {
    it('warns in one line that tasks will not be found and how to register it, and still writes the contract', async () => {
      await run({ path: 'models/churn', huggingfaceModel: 'gpt2' });
      expect(log.warnings()).toEqual([
        'deeploy:contract: nx.json does not register the deeploy plugin, so tasks fail with "Cannot find configuration for task models/churn:deeploy-validate"; run nx g nx-deeploy:init to register it',
      ]);
      expect(tree.exists('models/churn/model/reference.json')).toBe(true);
    });

    it.each([['deeploy'], [{ plugin: 'deeploy', options: {} }], ['nx-deeploy'], [{ plugin: 'nx-deeploy' }]])(
      'does not warn when registered as %p',
      async (entry) => {
        updateNxJson(tree, { ...readNxJson(tree)!, plugins: ['@nx/js', entry] });
        await run({ path: 'models/churn', huggingfaceModel: 'gpt2' });
        expect(log.warnings()).toEqual([]);
      },
    );
  });

  describe('in a terminal without the needed flags, it asks', () => {
    it('the reference kind from a list, its fields (re-asking bad ones), then the model type', async () => {
      const terminal = terminalAnswering('1', 'ftp://acme-models/agenet', 's3://acme-models/agenet/model', '', 'pytorch', '2');
      await run({ path: 'subfolder_9' }, terminal);
      expect(terminal.prompt.transcript).toEqual([
        'Where is the model? (in a script: --blobUrl, --dockerImage, --mlflowModel, --azureMLImage, --databricksModel or --huggingfaceModel)',
        '  1) blob: a model folder in S3, GCS or Azure blob storage',
        '  2) docker: a docker image that serves the model',
        '  3) mlflow: a model in an MLflow registry',
        '  4) azureML: an Azure ML image with its probes',
        '  5) databricks: a model in Databricks (Unity Catalog)',
        '  6) huggingface: a Hugging Face model id',
        '? Pick 1-6: → 1',
        '? model blob reference, blob storage URL of the folder holding the artifact (--blobUrl, e.g. s3://bucket/path/to/model): → ftp://acme-models/agenet',
        '  has the unsupported scheme "ftp:"; use s3://bucket/path/to/model, gs://bucket/path or https://<account>.blob.core.windows.net/<container>/path',
        '? model blob reference, blob storage URL of the folder holding the artifact (--blobUrl, e.g. s3://bucket/path/to/model): → s3://acme-models/agenet/model',
        '? model blob reference, region of the blob storage (--blobRegion, e.g. eu-west-1) (optional, Enter to skip): → ',
        'Which model type? (--modelType; Deeploy cannot derive it from a blob reference)',
        '  1) TENSORFLOW',
        '  2) PYTORCH',
        '  3) SKLEARN',
        '  4) XGBOOST',
        '  5) ONNX',
        '  6) TRITON',
        '  7) CUSTOM',
        '  8) LIGHTGBM',
        '  9) PMML',
        '  10) HUGGINGFACE',
        '  11) CATBOOST',
        '? Pick 1-11: → pytorch',
      ]);
      expect(terminal.prompt.unused).toEqual(['2']);
      expect(terminal.prompt.closed).toBe(true);
      expect(readJsonFile(tree, 'subfolder_9/model/reference.json')).toEqual({ reference: { blob: { url: 's3://acme-models/agenet/model' } } });
      expect(readJsonFile(tree, 'subfolder_9/project.json')).toMatchObject({ targets: { 'deeploy-deploy': { options: { modelType: 'PYTORCH' } } } });
      expect(readJsonFile(tree, 'subfolder_9/metadata.json')).toEqual({ features: [], exampleInput: {}, exampleOutput: {} });
    });

    it('re-asks with the message the flag itself gets', async () => {
      const terminal = terminalAnswering('blob', 's3://My_Bucket/m', 's3://acme-models/m', '', 'SKLEARN');
      await run({ path: 'm' }, terminal);
      const viaFlag = await fail({ path: 'n', modelType: 'SKLEARN', blobUrl: 's3://My_Bucket/m' });
      expect(terminal.prompt.transcript).toContain(`  ${viaFlag.replace('deeploy:contract: --blobUrl: ', '')}`);
    });

    it('a docker model: image, route and port checked as the flags are, and no type (CUSTOM is derived)', async () => {
      const terminal = terminalAnswering('docker', 'docker.io/acme/agenet:1.2.3', 'predict', '/v1/models/agenet:predict', '70000', '8080');
      await run({ path: 'models/agenet' }, terminal);
      expect(terminal.prompt.transcript.filter((line) => line.startsWith('? model docker')).map((line) => line.replace(/ \(.*\): →/, ' →'))).toEqual([
        '? model docker reference, docker image reference → docker.io/acme/agenet:1.2.3',
        '? model docker reference, predict route inside the container → predict',
        '? model docker reference, predict route inside the container → /v1/models/agenet:predict',
        '? model docker reference, port the container listens on → 70000',
        '? model docker reference, port the container listens on → 8080',
      ]);
      expect(terminal.prompt.transcript).toContain('  must be a whole number from 1 to 65535 (got 70000)');
      expect(terminal.prompt.transcript.some((line) => line.includes('model type'))).toBe(false);
      expect(readJsonFile(tree, 'models/agenet/model/reference.json')).toEqual({
        reference: { docker: { image: 'docker.io/acme/agenet:1.2.3', uri: '/v1/models/agenet:predict', port: 8080 } },
      });
      expect(readJsonFile(tree, 'models/agenet/project.json')).toEqual({ name: 'models/agenet', $schema: '../../node_modules/nx/schemas/project-schema.json' });
    });

    it('a huggingface model: the id only (HUGGINGFACE is derived)', async () => {
      const terminal = terminalAnswering('6', 'distilbert-base-uncased');
      await run({ path: 'm' }, terminal);
      expect(terminal.prompt.unused).toEqual([]);
      expect(readJsonFile(tree, 'm/model/reference.json')).toEqual({ reference: { huggingface: { model: 'distilbert-base-uncased' } } });
    });

    it('only the missing required field of a kind given on the command line', async () => {
      const terminal = terminalAnswering('/predict');
      await run({ path: 'm', dockerImage: 'acme/m:1' }, terminal);
      expect(terminal.prompt.transcript).toEqual([
        '? model docker reference, predict route inside the container (--dockerUri, e.g. /v1/models/model:predict): → /predict',
      ]);
      expect(readJsonFile(tree, 'm/model/reference.json')).toEqual({ reference: { docker: { image: 'acme/m:1', uri: '/predict' } } });
    });

    it('the explainer type an explainer reference cannot derive, without NO_EXPLAINER in the list', async () => {
      const terminal = terminalAnswering('SHAP_KERNEL');
      await run({ path: 'm', huggingfaceModel: 'gpt2', explainerBlobUrl: 's3://acme-models/e' }, terminal);
      expect(terminal.prompt.transcript[0]).toBe('Which explainer type? (--explainerType; Deeploy cannot derive it from a blob reference)');
      expect(terminal.prompt.transcript.join('\n')).not.toContain('NO_EXPLAINER');
      expect(terminal.prompt.transcript).toContain('  4) SHAP_KERNEL');
      expect(readJsonFile(tree, 'm/project.json')).toMatchObject({ targets: { 'deeploy-deploy': { options: { explainerType: 'SHAP_KERNEL' } } } });
    });

    it('nothing when the flags are complete, and never opens the terminal', async () => {
      await run({ path: 'm', modelType: 'SKLEARN', blobUrl: 's3://acme-models/m' }, { interactive: true, open: NO_TERMINAL.open });
      expect(tree.exists('m/model/reference.json')).toBe(true);
    });

    it('nothing for a path it refuses: the refusal comes first', async () => {
      tree.write('m/project.json', '{}');
      const terminal = terminalAnswering('1');
      expect(await fail({ path: 'm' }, terminal)).toMatch(/^deeploy:contract: m already holds a contract \(project\.json\)/);
      expect(terminal.prompt.transcript).toEqual([]);
    });

    it('checks the answers together with the flags before writing anything', async () => {
      const terminal = terminalAnswering('huggingface', 'gpt2');
      expect(await fail({ path: 'm', explainerType: 'shap_kernel' }, terminal)).toBe(
        'deeploy:contract: --explainerType: "shap_kernel" is not spelled as Deeploy spells it; write "SHAP_KERNEL"',
      );
    });

    it('stops in one line and writes nothing when the questions end unanswered', async () => {
      const terminal = terminalAnswering('2', 'acme/m:1');
      expect(await fail({ path: 'm' }, terminal)).toBe('deeploy:contract: the input ended before every question was answered; nothing was written');
      expect(terminal.prompt.closed).toBe(true);
    });
  });
});
