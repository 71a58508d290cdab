import { addProjectConfiguration, readNxJson, updateNxJson } from '@nx/devkit';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { contractGenerator } from '../contract/generator';
import { captureLog, failureOf, readJsonFile } from '../lib/testing/tree-helpers';
import { referenceGenerator } from './generator';
import type { ReferenceGeneratorSchema } from './options';

const docker = { dockerImage: 'docker.io/acme/agenet:1.2.3', dockerUri: '/model:predict', dockerPort: 8000 };

describe('deeploy:reference', () => {
  let tree: Tree;
  let log: ReturnType<typeof captureLog>;
  beforeEach(async () => {
    tree = createTreeWithEmptyWorkspace();
    log = captureLog();
    await contractGenerator(tree, { path: 'subfolder_1', modelType: 'PYTORCH', blobUrl: 's3://bucket/agenet/model', blobRegion: 'eu-west-1' });
    log.restore();
    log = captureLog();
  });
  afterEach(() => log.restore());

  const run = (options: ReferenceGeneratorSchema) => referenceGenerator(tree, options);
  const fail = (options: ReferenceGeneratorSchema) => failureOf(tree, () => run(options));

  it('refuses to replace an existing reference.json without --overwrite', async () => {
    expect(await fail({ project: 'subfolder_1', ...docker })).toBe(
      'deeploy:reference: subfolder_1/model/reference.json already exists; rerun with --overwrite to replace it; also subfolder_1/project.json at targets.deeploy-deploy.options.modelType is PYTORCH, which contradicts the new docker model (Deeploy derives CUSTOM for it); rerun with --overwrite to remove that setting',
    );
  });

  it('with --overwrite switches blob → docker, says what changed, and drops the stale model type', async () => {
    await run({ project: 'subfolder_1', ...docker, overwrite: true });
    expect(readJsonFile(tree, 'subfolder_1/model/reference.json')).toEqual({
      reference: { docker: { image: 'docker.io/acme/agenet:1.2.3', uri: '/model:predict', port: 8000 } },
    });
    // Docker is CUSTOM, derived: the PYTORCH setting would make the deploy fail, so it goes.
    expect(readJsonFile(tree, 'subfolder_1/project.json')).toEqual({ name: 'subfolder_1', $schema: '../node_modules/nx/schemas/project-schema.json' });
    expect(log.lines()).toEqual([
      'subfolder_1/model/reference.json: replaced',
      '  kind: blob → docker',
      '  blob.region: removed (was "eu-west-1")',
      '  blob.url: removed (was "s3://bucket/agenet/model")',
      '  docker.image: set to "docker.io/acme/agenet:1.2.3"',
      '  docker.port: set to 8000',
      '  docker.uri: set to "/model:predict"',
      'subfolder_1/project.json:',
      '  deeploy-deploy.options.modelType: "PYTORCH" → (removed)',
    ]);
  });

  it('changes one field and leaves the type alone when the kind stays', async () => {
    await run({ project: 'subfolder_1', blobUrl: 's3://bucket/agenet/model-v2', blobRegion: 'eu-west-1', overwrite: true });
    expect(readJsonFile(tree, 'subfolder_1/model/reference.json')).toEqual({
      reference: { blob: { url: 's3://bucket/agenet/model-v2', region: 'eu-west-1' } },
    });
    expect(readJsonFile(tree, 'subfolder_1/project.json')).toMatchObject({ targets: { 'deeploy-deploy': { options: { modelType: 'PYTORCH' } } } });
    expect(log.lines()).toEqual(['subfolder_1/model/reference.json: replaced', '  blob.url: "s3://bucket/agenet/model" → "s3://bucket/agenet/model-v2"']);
  });

  it('writes a given type into project.json', async () => {
    await run({ project: 'subfolder_1', mlflowModel: 'agenet', mlflowVersion: 7, modelType: 'ONNX', overwrite: true });
    expect(readJsonFile(tree, 'subfolder_1/model/reference.json')).toEqual({ reference: { mlflow: { model: 'agenet', version: '7' } } });
    expect(readJsonFile(tree, 'subfolder_1/project.json')).toMatchObject({ targets: { 'deeploy-deploy': { options: { modelType: 'ONNX' } } } });
  });

  describe('a contract found by its path, with a model file and no project.json', () => {
    beforeEach(() => {
      tree.write('models/legacy/model/model.joblib', 'binary');
    });

    it('refuses to replace the model file without --overwrite', async () => {
      expect(await fail({ project: 'models/legacy', ...docker })).toBe(
        'deeploy:reference: models/legacy/model/model.joblib already exists; rerun with --overwrite to replace it',
      );
    });

    it('with --overwrite replaces the model file by the reference, so model/ holds exactly one', async () => {
      await run({ project: 'models/legacy', ...docker, overwrite: true });
      expect(tree.children('models/legacy/model')).toEqual(['reference.json']);
      expect(tree.exists('models/legacy/project.json')).toBe(false); // docker needs no setting
      expect(log.lines()).toEqual([
        'models/legacy/model/reference.json: written (docker)',
        'removed models/legacy/model/model.joblib: model/ now holds the reference instead',
      ]);
    });

    it('asks for the type a blob needs, and writes project.json when given', async () => {
      expect(await fail({ project: 'models/legacy', blobUrl: 's3://bucket/legacy', overwrite: true })).toBe(
        'deeploy:reference: --modelType is required for a blob model: Deeploy cannot derive the framework from a URL; e.g. --modelType=SKLEARN',
      );
      await run({ project: 'models/legacy', blobUrl: 's3://bucket/legacy', modelType: 'SKLEARN', overwrite: true });
      expect(readJsonFile(tree, 'models/legacy/project.json')).toEqual({
        name: 'models/legacy',
        $schema: '../../node_modules/nx/schemas/project-schema.json',
        targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN' } } },
      });
    });
  });

  describe('an existing Deeploy repository: a blob contract with no project.json', () => {
    const reference = { reference: { blob: { url: 's3://bucket/churn', region: 'eu-west-1' } } };
    beforeEach(() => {
      tree.write('models/churn/model/reference.json', JSON.stringify(reference));
    });

    it('sets the model type with --modelType alone, keeping the reference as it is (the fix validate names)', async () => {
      const before = tree.read('models/churn/model/reference.json', 'utf-8');
      await run({ project: 'models/churn', modelType: 'SKLEARN' });
      expect(tree.read('models/churn/model/reference.json', 'utf-8')).toBe(before);
      expect(readJsonFile(tree, 'models/churn/project.json')).toMatchObject({ targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN' } } } });
      expect(log.lines()).toEqual([
        'models/churn/model/reference.json: kept (blob)',
        'models/churn/project.json: written with deeploy-deploy options modelType=SKLEARN',
      ]);
    });

    it('refuses a type that contradicts the kept reference, writing nothing', async () => {
      tree.write('models/img/model/reference.json', JSON.stringify({ reference: { docker: { image: 'docker.io/acme/img:1', uri: '/predict' } } }));
      expect(await fail({ project: 'models/img', modelType: 'SKLEARN' })).toMatch(/^deeploy:reference: --modelType[^\n]*CUSTOM/);
      expect(tree.exists('models/img/project.json')).toBe(false);
    });

    it('asks for a reference when there is none to keep', async () => {
      tree.write('models/empty/model/model.unknownext', 'x');
      expect(await fail({ project: 'models/empty', modelType: 'SKLEARN' })).toBe(
        'deeploy:reference: models/empty/model/reference.json does not exist: give the reference to write with the type',
      );
    });
  });

  it('adds an explainer (no --overwrite needed) with the unprefixed flags and --artifact', async () => {
    await run({ project: 'subfolder_1', artifact: 'explainer', blobUrl: 's3://bucket/agenet/explainer', explainerType: 'SHAP_KERNEL' });
    expect(readJsonFile(tree, 'subfolder_1/explainer/reference.json')).toEqual({ reference: { blob: { url: 's3://bucket/agenet/explainer' } } });
    expect(readJsonFile(tree, 'subfolder_1/project.json')).toMatchObject({
      targets: { 'deeploy-deploy': { options: { modelType: 'PYTORCH', explainerType: 'SHAP_KERNEL' } } },
    });
  });

  it('refuses a stored "no explainer" type that contradicts a new explainer, and asks for the type', async () => {
    tree.write(
      'subfolder_1/project.json',
      JSON.stringify({ name: 'subfolder_1', targets: { 'deeploy-deploy': { options: { modelType: 'PYTORCH', explainerType: 'NO_EXPLAINER' } } } }),
    );
    expect(await fail({ project: 'subfolder_1', artifact: 'explainer', blobUrl: 's3://bucket/agenet/explainer' })).toBe(
      'deeploy:reference: subfolder_1/project.json at targets.deeploy-deploy.options.explainerType=NO_EXPLAINER contradicts the explainer reference; drop it or give a real type, e.g. --explainerType=SHAP_KERNEL',
    );
    await run({ project: 'subfolder_1', artifact: 'explainer', blobUrl: 's3://bucket/agenet/explainer', explainerType: 'ANCHOR_TABULAR' });
    expect(readJsonFile(tree, 'subfolder_1/project.json')).toMatchObject({ targets: { 'deeploy-deploy': { options: { explainerType: 'ANCHOR_TABULAR' } } } });
  });

  it('replaces an unreadable reference.json with --overwrite, and refuses to touch an unreadable project.json', async () => {
    tree.write('subfolder_1/model/reference.json', '{"reference": {"blob": {"url": "s3://bucket/x",}}}');
    await run({ project: 'subfolder_1', blobUrl: 's3://bucket/agenet/model', overwrite: true });
    expect(log.lines()[0]).toBe(
      'subfolder_1/model/reference.json: replaced an unreadable file (line 1, column 48: trailing comma before "}"; remove it) with a blob reference',
    );

    tree.write('subfolder_1/project.json', '{"name": ');
    expect(await fail({ project: 'subfolder_1', blobUrl: 's3://bucket/agenet/model', overwrite: true })).toBe(
      'deeploy:reference: subfolder_1/project.json: is not valid JSON (line 1, column 10: the file ends early; expected a value); fix it first, the model type is read from it',
    );
  });

  it('adds a transformer from docker and blob', async () => {
    await run({ project: 'subfolder_1', artifact: 'transformer', ...docker, blobUrl: 's3://bucket/agenet/transformer' });
    expect(readJsonFile(tree, 'subfolder_1/transformer/reference.json')).toEqual({
      reference: { blob: { url: 's3://bucket/agenet/transformer' }, docker: { image: 'docker.io/acme/agenet:1.2.3', uri: '/model:predict', port: 8000 } },
    });
  });

  it('resolves a project by name, whatever its folder', async () => {
    addProjectConfiguration(tree, 'agenet', { root: 'apps/agenet' });
    tree.write('apps/agenet/model/reference.json', '{"reference":{"huggingface":{"model":"gpt2"}}}');
    await run({ project: 'agenet', huggingfaceModel: 'distilgpt2', overwrite: true });
    expect(readJsonFile(tree, 'apps/agenet/model/reference.json')).toEqual({ reference: { huggingface: { model: 'distilgpt2' } } });
  });

  it('honours the deploy target name chosen in nx.json', async () => {
    updateNxJson(tree, { ...readNxJson(tree)!, plugins: [{ plugin: 'deeploy', options: { deployTargetName: 'ship' } }] });
    tree.write('models/x/model/reference.json', '{"reference":{"huggingface":{"model":"gpt2"}}}');
    await run({ project: 'models/x', blobUrl: 's3://bucket/x', modelType: 'XGBOOST', overwrite: true });
    expect(readJsonFile(tree, 'models/x/project.json')).toMatchObject({ targets: { ship: { options: { modelType: 'XGBOOST' } } } });
  });

  describe('refuses bad input with one line and writes nothing', () => {
    it('a name that is neither a project nor a contract folder', async () => {
      expect(await fail({ project: 'nowhere', ...docker })).toBe(
        'deeploy:reference: "nowhere" is neither an Nx project nor a contract folder (no nowhere/model/); give a project name or a contract path, or scaffold one with nx g deeploy:contract nowhere',
      );
    });

    it('a project that is not a contract', async () => {
      addProjectConfiguration(tree, 'web', { root: 'apps/web' });
      expect(await fail({ project: 'web', ...docker })).toBe(
        'deeploy:reference: project "web" (apps/web) is not a Deeploy contract: it has no model/ folder; scaffold one with nx g deeploy:contract apps/web',
      );
    });

    it('a path escaping the workspace', async () => {
      expect(await fail({ project: '../elsewhere', ...docker })).toBe(
        'deeploy:reference: "../elsewhere" is not a project, and as a contract path "../elsewhere" contains ".."; contract folders must stay inside the workspace',
      );
    });

    it('no reference flags, listing what the artifact takes', async () => {
      expect(await fail({ project: 'subfolder_1', artifact: 'transformer' })).toBe(
        'deeploy:reference: give the transformer reference: docker: --dockerImage --dockerUri [--dockerPort]; blob: --blobUrl [--blobRegion] + docker: --dockerImage --dockerUri [--dockerPort]',
      );
    });

    it('a type flag of another artifact, and a wrongly spelt one', async () => {
      expect(await fail({ project: 'subfolder_1', ...docker, explainerType: 'SHAP_KERNEL', overwrite: true })).toBe(
        'deeploy:reference: --explainerType: applies to --artifact=explainer, but this run writes the model reference; drop it or set --artifact=explainer',
      );
      expect(await fail({ project: 'subfolder_1', blobUrl: 's3://bucket/x', modelType: 'Sklearn', overwrite: true })).toBe(
        'deeploy:reference: --modelType: "Sklearn" is not spelled as Deeploy spells it; write "SKLEARN"',
      );
    });

    it('a docker model with another type given', async () => {
      expect(await fail({ project: 'subfolder_1', ...docker, modelType: 'PYTORCH', overwrite: true })).toMatch(
        /^deeploy:reference: --modelType=PYTORCH conflicts with a docker model: /,
      );
    });

    it('a bad value, naming the flag', async () => {
      expect(await fail({ project: 'subfolder_1', ...docker, dockerUri: 'model:predict', overwrite: true })).toBe(
        'deeploy:reference: --dockerUri: must start with "/" (e.g. "/v1/models/model:predict"), got "model:predict"',
      );
    });
  });
});
