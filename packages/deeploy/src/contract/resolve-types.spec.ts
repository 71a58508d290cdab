import type { ArtifactContent, ContractFiles } from './contract-folder';
import { resolveTypes, setTypeCommand, type SettingsLayer, typeSettingProblems } from './resolve-types';

const dockerModel: ArtifactContent = { source: 'reference', file: 'm/model/reference.json', reference: { docker: { image: 'acme/m:1', uri: '/p' } } };
const blobModel: ArtifactContent = { source: 'reference', file: 'm/model/reference.json', reference: { blob: { url: 's3://bucket/m' } } };
const blobExplainer: ArtifactContent = { source: 'reference', file: 'm/explainer/reference.json', reference: { blob: { url: 's3://bucket/e' } } };
const dockerTransformer: ArtifactContent = {
  source: 'reference',
  file: 'm/transformer/reference.json',
  reference: { docker: { image: 'acme/t:1', uri: '/t' } },
};

const flags = (values: Record<string, unknown>): SettingsLayer => ({ file: 'command line', pathOf: (key) => `--${key}`, values });
const project = (values: Record<string, unknown>): SettingsLayer => ({
  file: 'm/project.json',
  pathOf: (key) => `targets.deeploy-deploy.options.${key}`,
  values,
});
const plugin = (values: Record<string, unknown>): SettingsLayer => ({ file: 'nx.json', pathOf: (key) => `plugins[0].options.${key}`, values });
const hint = { file: 'm/project.json', optionsPath: 'targets.deeploy-deploy.options' };
const contract = (parts: Partial<ContractFiles>): ContractFiles => ({ contractPath: 'm', model: dockerModel, ...parts });
const messages = (result: { errors: Error[] }) => result.errors.map((e) => e.message);

describe('typeSettingProblems', () => {
  it('checks only the type names, with the spelling Deeploy uses', () => {
    expect(messages({ errors: typeSettingProblems(project({ modelType: 'pytorch', explainerType: 'SHAP', deploymentType: 'SageMaker', host: 'x' })) })).toEqual(
      [
        'm/project.json at targets.deeploy-deploy.options.modelType: "pytorch" is not spelled as Deeploy spells it; write "PYTORCH"',
        'm/project.json at targets.deeploy-deploy.options.explainerType: "SHAP" is not one of NO_EXPLAINER, ANCHOR_TABULAR, ANCHOR_IMAGES, ANCHOR_TEXT, SHAP_KERNEL, PDP_TABULAR, MACE_TABULAR, CUSTOM, INTEGRATED_EXPLAINER, SHAP_TREE, SALIENCY, ATTENTION',
        'm/project.json at targets.deeploy-deploy.options.deploymentType: "SageMaker" is not spelled as Deeploy spells it; write "Sagemaker"',
      ],
    );
  });

  it('refuses a wire number where a name is expected', () => {
    expect(messages({ errors: typeSettingProblems(flags({ transformerType: 1 })) })).toEqual([
      'command line at --transformerType: must be a name, one of NO_TRANSFORMER, CUSTOM (got 1)',
    ]);
  });
});

describe('resolveTypes', () => {
  it('derives every type it can, saying why', () => {
    expect(resolveTypes(contract({}), [flags({}), project({}), plugin({})], hint)).toEqual({
      errors: [],
      types: {
        modelType: 'CUSTOM',
        explainerType: 'NO_EXPLAINER',
        transformerType: 'NO_TRANSFORMER',
        sources: {
          modelType: 'm/model/reference.json is a docker reference, which Deeploy runs as a custom model',
          explainerType: 'the contract has no explainer/ folder',
          transformerType: 'the contract has no transformer/ folder',
        },
      },
    });
  });

  it('takes the command line over the project over the plugin options', () => {
    const layers = [
      flags({ modelType: 'SKLEARN' }),
      project({ modelType: 'XGBOOST', deploymentType: 'KServe' }),
      plugin({ modelType: 'ONNX', deploymentType: 'Sagemaker' }),
    ];
    const { types } = resolveTypes(contract({ model: blobModel }), layers, hint);
    expect(types?.modelType).toBe('SKLEARN');
    expect(types?.sources.modelType).toBe('command line at --modelType');
    expect(types?.deploymentType).toBe('KServe');
    expect(resolveTypes(contract({ model: blobModel }), layers.slice(1), hint).types?.modelType).toBe('XGBOOST');
    expect(resolveTypes(contract({ model: blobModel }), layers.slice(2), hint).types?.sources.modelType).toBe('nx.json at plugins[0].options.modelType');
  });

  it('asks for a model type it cannot derive, saying where to set it', () => {
    expect(messages(resolveTypes(contract({ model: blobModel }), [flags({}), project({})], hint))).toEqual([
      'm/project.json: the modelType is needed and cannot be derived: m/model/reference.json is a blob reference, which does not say which framework the model uses; set "modelType" under targets.deeploy-deploy.options (one of TENSORFLOW, PYTORCH, SKLEARN, XGBOOST, ONNX, TRITON, CUSTOM, LIGHTGBM, PMML, HUGGINGFACE, CATBOOST) or pass --modelType',
    ]);
  });

  it('asks for the type of an explainer it cannot derive', () => {
    expect(messages(resolveTypes(contract({ explainer: blobExplainer }), [project({})], hint))).toEqual([
      expect.stringMatching(
        /^m\/project.json: the explainerType is needed and cannot be derived: m\/explainer\/reference.json is a blob reference.*or pass --explainerType$/,
      ),
    ]);
    expect(resolveTypes(contract({ explainer: blobExplainer }), [project({ explainerType: 'SHAP_KERNEL' })], hint).types?.explainerType).toBe('SHAP_KERNEL');
  });

  it('refuses a docker model with a type other than CUSTOM', () => {
    expect(messages(resolveTypes(contract({}), [project({ modelType: 'PYTORCH' })], hint))).toEqual([
      'm/project.json at targets.deeploy-deploy.options.modelType: is PYTORCH, but m/model/reference.json is a docker reference, which Deeploy runs as a custom model; set it to CUSTOM or remove the setting',
    ]);
  });

  it('refuses an explainer type without an explainer, and NO_EXPLAINER with one', () => {
    expect(messages(resolveTypes(contract({}), [project({ explainerType: 'SHAP_KERNEL' })], hint))).toEqual([
      'm/project.json at targets.deeploy-deploy.options.explainerType: is SHAP_KERNEL, but the contract has no explainer/ folder; add the explainer or remove explainerType',
    ]);
    expect(messages(resolveTypes(contract({ explainer: blobExplainer }), [plugin({ explainerType: 'NO_EXPLAINER' })], hint))).toEqual([
      'nx.json at plugins[0].options.explainerType: is NO_EXPLAINER, but the contract has an explainer (m/explainer/reference.json); set its type or remove the explainer/ folder',
    ]);
  });

  it('refuses a transformer type that disagrees with the transformer folder', () => {
    expect(messages(resolveTypes(contract({}), [flags({ transformerType: 'CUSTOM' })], hint))).toEqual([
      'command line at --transformerType: is CUSTOM, but the contract has no transformer/ folder; add the transformer or remove transformerType',
    ]);
    expect(messages(resolveTypes(contract({ transformer: dockerTransformer }), [project({ transformerType: 'NO_TRANSFORMER' })], hint))).toEqual([
      'm/project.json at targets.deeploy-deploy.options.transformerType: is NO_TRANSFORMER, but the contract has a transformer (m/transformer/reference.json); set it to CUSTOM or remove the setting',
    ]);
  });

  it('checks only enum names when the contract itself is broken, to avoid a cascade', () => {
    expect(messages(resolveTypes(undefined, [project({ modelType: 'Sklearn' })], hint))).toEqual([
      'm/project.json at targets.deeploy-deploy.options.modelType: "Sklearn" is not spelled as Deeploy spells it; write "SKLEARN"',
    ]);
    expect(resolveTypes(undefined, [project({})], hint)).toEqual({ errors: [] });
  });
});

describe('the command that sets a type', () => {
  it('names the project as a shell reads it literally, whatever its folder is called', () => {
    expect(setTypeCommand('modelType', { project: 'models/churn', plugin: 'deeploy' })).toBe('nx g deeploy:reference models/churn --modelType=<type>');
    expect(setTypeCommand('explainerType', { project: "a b;rm -rf ~'x", plugin: 'nx-deeploy' })).toBe(
      `nx g nx-deeploy:reference 'a b;rm -rf ~'\\''x' --artifact=explainer --explainerType=<type>`,
    );
  });
});
