import type { ArtifactContent, ContractFiles } from './contract-folder';
import { deriveTypes } from './derive-types';

const blob = { url: 's3://bucket/model' };
const docker = { image: 'acme/model:1', uri: '/predict' };
const reference = (artifact: string, body: Record<string, unknown>): ArtifactContent => ({
  source: 'reference',
  file: `c/${artifact}/reference.json`,
  reference: body,
});
const file = (name: string): ArtifactContent => ({ source: 'file', file: `c/model/${name}` });
const contract = (parts: Partial<ContractFiles> & Pick<ContractFiles, 'model'>): ContractFiles => ({ contractPath: 'c', ...parts });

describe('deriveTypes', () => {
  it.each([
    [{ docker }, 'CUSTOM'],
    [{ azureML: { image: 'acme/m:1', uri: '/s', port: 1, readinessPath: '/r', livenessPath: '/l' } }, 'CUSTOM'],
    [{ huggingface: { model: 'gpt2' } }, 'HUGGINGFACE'],
  ])('a model reference %j is %s', (body, type) => {
    expect(deriveTypes(contract({ model: reference('model', body) })).modelType).toBe(type);
  });

  it.each([{ blob }, { mlflow: { model: 'm' } }, { databricks: { model: 'm' } }])('cannot tell the framework of a model reference %j', (body) => {
    const derived = deriveTypes(contract({ model: reference('model', body) }));
    expect(derived.modelType).toBeUndefined();
    expect(derived.because.modelType).toMatch(/^c\/model\/reference.json is an? \w+ reference, which does not say which framework the model uses$/);
  });

  it.each([
    ['model.joblib', 'SKLEARN'],
    ['model.pkl', 'SKLEARN'],
    ['model.bst', 'XGBOOST'],
    ['model.ubj', 'XGBOOST'],
    ['model.onnx', 'ONNX'],
    ['model.mar', 'PYTORCH'],
    ['model.pmml', 'PMML'],
    ['model.cbm', 'CATBOOST'],
    ['model.ONNX', 'ONNX'],
    ['model.pt', undefined],
    ['model.h5', undefined],
    ['model.tar.gz', undefined],
    ['model.constructor', undefined],
  ])('a model file %s is %s', (name, type) => {
    const derived = deriveTypes(contract({ model: file(name) }));
    expect(derived.modelType).toBe(type);
    expect(derived.because.modelType).toContain(`c/model/${name}`);
  });

  it('no explainer and no transformer folder mean NO_EXPLAINER and NO_TRANSFORMER', () => {
    expect(deriveTypes(contract({ model: file('model.onnx') }))).toEqual({
      modelType: 'ONNX',
      explainerType: 'NO_EXPLAINER',
      transformerType: 'NO_TRANSFORMER',
      because: {
        modelType: 'c/model/model.onnx is a .onnx file',
        explainerType: 'the contract has no explainer/ folder',
        transformerType: 'the contract has no transformer/ folder',
      },
    });
  });

  it('a docker explainer, alone or with its blob, is a CUSTOM explainer', () => {
    for (const body of [{ docker }, { docker, blob }, { docker, mlflow: { model: 'm' } }]) {
      expect(deriveTypes(contract({ model: file('model.onnx'), explainer: reference('explainer', body) })).explainerType).toBe('CUSTOM');
    }
  });

  it('cannot tell the kind of a blob explainer or an explainer.dill', () => {
    const fromBlob = deriveTypes(contract({ model: file('model.onnx'), explainer: reference('explainer', { blob }) }));
    expect(fromBlob.explainerType).toBeUndefined();
    expect(fromBlob.because.explainerType).toBe('c/explainer/reference.json is a blob reference, which does not say which kind of explainer it holds');
    const fromDill = deriveTypes(contract({ model: file('model.onnx'), explainer: { source: 'file', file: 'c/explainer/explainer.dill' } }));
    expect(fromDill.explainerType).toBeUndefined();
  });

  it('a transformer folder is a CUSTOM transformer', () => {
    const derived = deriveTypes(contract({ model: reference('model', { docker }), transformer: reference('transformer', { docker }) }));
    expect(derived.transformerType).toBe('CUSTOM');
    expect(derived.because.transformerType).toBe('c/transformer/reference.json is a transformer, which Deeploy runs as a custom transformer');
  });
});
