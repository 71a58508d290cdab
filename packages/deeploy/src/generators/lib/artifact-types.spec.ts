import { checkArtifactType, derivedType, typeNameProblem } from './artifact-types';

describe('typeNameProblem', () => {
  it('accepts the exact enum name and gives the right spelling for a wrong case', () => {
    expect(typeNameProblem('model', 'PYTORCH')).toBeUndefined();
    expect(typeNameProblem('model', 'pytorch')).toBe('--modelType: "pytorch" is not spelled as Deeploy spells it; write "PYTORCH"');
    expect(typeNameProblem('explainer', 'shap')).toMatch(/^--explainerType: "shap" is not one of NO_EXPLAINER, ANCHOR_TABULAR/);
    expect(typeNameProblem('transformer', 'custom')).toBe('--transformerType: "custom" is not spelled as Deeploy spells it; write "CUSTOM"');
  });
});

describe('checkArtifactType', () => {
  it('requires a model type where Deeploy cannot derive it', () => {
    expect(checkArtifactType('model', ['blob'], undefined, '--modelType')).toEqual({
      ok: false,
      problem: '--modelType is required for a blob model: Deeploy cannot derive the framework from a URL; e.g. --modelType=SKLEARN',
    });
    expect(checkArtifactType('model', ['mlflow'], undefined, '--modelType')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^--modelType is required for a mlflow model: .*registry/),
    });
    // As contract/derive-types says: a huggingface reference is a HUGGINGFACE model, unless told otherwise.
    expect(checkArtifactType('model', ['huggingface'], undefined, '--modelType')).toEqual({ ok: true, type: undefined });
    expect(checkArtifactType('model', ['huggingface'], 'PYTORCH', '--modelType')).toEqual({ ok: true, type: 'PYTORCH' });
    expect(checkArtifactType('model', ['blob'], 'XGBOOST', '--modelType')).toEqual({ ok: true, type: 'XGBOOST' });
  });

  it('derives CUSTOM for an image and refuses another type', () => {
    expect(checkArtifactType('model', ['docker'], undefined, '--modelType')).toEqual({ ok: true, type: undefined });
    expect(checkArtifactType('model', ['azureML'], 'CUSTOM', '--modelType')).toEqual({ ok: true, type: 'CUSTOM' });
    expect(checkArtifactType('model', ['docker'], 'PYTORCH', '--modelType')).toEqual({
      ok: false,
      problem:
        '--modelType=PYTORCH conflicts with a docker model: an image runs its own server, so Deeploy deploys it as CUSTOM; drop --modelType (CUSTOM is derived) or set it to CUSTOM',
    });
  });

  it('requires an explainer type unless it runs an image, and refuses NO_EXPLAINER with a reference', () => {
    expect(checkArtifactType('explainer', ['blob'], undefined, '--explainerType')).toMatchObject({
      problem: '--explainerType is required for a blob explainer: Deeploy cannot derive the kind of explainer from a URL; e.g. --explainerType=SHAP_KERNEL',
    });
    expect(checkArtifactType('explainer', ['azureML'], undefined, '--explainerType')).toMatchObject({ ok: false });
    expect(checkArtifactType('explainer', ['docker'], undefined, '--explainerType')).toEqual({ ok: true, type: undefined });
    expect(checkArtifactType('explainer', ['blob', 'docker'], undefined, '--explainerType')).toEqual({ ok: true, type: undefined });
    expect(checkArtifactType('explainer', ['docker', 'mlflow'], 'SHAP_TREE', '--explainerType')).toEqual({ ok: true, type: 'SHAP_TREE' });
    expect(checkArtifactType('explainer', ['blob'], 'NO_EXPLAINER', '--explainerType')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^--explainerType=NO_EXPLAINER contradicts the explainer reference/),
    });
  });

  it('refuses a type without a reference, except the "none" type', () => {
    expect(checkArtifactType('explainer', [], 'SHAP_KERNEL', '--explainerType')).toEqual({
      ok: false,
      problem: '--explainerType=SHAP_KERNEL needs an explainer reference; give its flags too, or drop --explainerType',
    });
    expect(checkArtifactType('explainer', [], 'NO_EXPLAINER', '--explainerType')).toEqual({ ok: true, type: 'NO_EXPLAINER' });
    expect(checkArtifactType('transformer', ['docker'], 'NO_TRANSFORMER', '--transformerType')).toMatchObject({ ok: false });
    expect(checkArtifactType('transformer', ['blob', 'docker'], undefined, '--transformerType')).toEqual({ ok: true, type: undefined });
  });
});

describe('derivedType', () => {
  it('agrees with contract/derive-types for every kind of every artifact', () => {
    expect(derivedType('model', ['docker'])).toBe('CUSTOM');
    expect(derivedType('model', ['azureML'])).toBe('CUSTOM');
    expect(derivedType('model', ['huggingface'])).toBe('HUGGINGFACE');
    expect(derivedType('model', ['blob'])).toBeUndefined();
    expect(derivedType('explainer', ['databricks', 'docker'])).toBe('CUSTOM');
    expect(derivedType('explainer', ['mlflow'])).toBeUndefined();
    expect(derivedType('explainer', [])).toBe('NO_EXPLAINER');
    expect(derivedType('transformer', ['docker'])).toBe('CUSTOM');
    expect(derivedType('transformer', [])).toBe('NO_TRANSFORMER');
  });
});
