/**
 * The Deeploy types a contract implies on its own, so users only write what cannot be derived
 * (product.md, "Settings, in layers"). Pure: it looks at what `readContract` found, not at disk.
 */
import type { ArtifactContent, ContractFiles } from './contract-folder';
import type { ExplainerTypeName, ModelTypeName, TransformerTypeName } from './enums';

export interface DerivedTypes {
  modelType?: ModelTypeName;
  explainerType?: ExplainerTypeName;
  transformerType?: TransformerTypeName;
  /**
   * Why each type was derived, or why it could not be, keyed `modelType`, `explainerType`,
   * `transformerType`: shown with `--verbose` and in the error that asks for a missing type.
   */
  because: Record<string, string>;
}

/**
 * Model file extensions whose framework is unambiguous (the names the Python client's savers and
 * KServe's model servers use). Anything else must be named by the user.
 */
export const MODEL_FILE_TYPES: Readonly<Record<string, ModelTypeName>> = {
  joblib: 'SKLEARN',
  pkl: 'SKLEARN',
  bst: 'XGBOOST',
  ubj: 'XGBOOST',
  onnx: 'ONNX',
  mar: 'PYTORCH',
  pmml: 'PMML',
  cbm: 'CATBOOST',
};

/** The kinds a reference holds, sorted and joined: `docker`, `blob+docker`. */
export function referenceKindsOf(content: ArtifactContent): string {
  if (content.source === 'file') return 'file';
  return Object.keys(content.reference)
    .filter((kind) => (content.reference as Record<string, unknown>)[kind] !== undefined)
    .sort()
    .join('+');
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function deriveTypes(contract: ContractFiles): DerivedTypes {
  const because: Record<string, string> = {};
  const derived: DerivedTypes = { because };

  const model = contract.model;
  if (model.source === 'reference') {
    const kinds = referenceKindsOf(model);
    if (kinds === 'docker' || kinds === 'azureML') {
      derived.modelType = 'CUSTOM';
      because.modelType = `${model.file} is a ${kinds} reference, which Deeploy runs as a custom model`;
    } else if (kinds === 'huggingface') {
      derived.modelType = 'HUGGINGFACE';
      because.modelType = `${model.file} is a huggingface reference`;
    } else {
      because.modelType = `${model.file} is a ${kinds} reference, which does not say which framework the model uses`;
    }
  } else {
    const name = fileName(model.file);
    const extension = name.slice('model.'.length).toLowerCase();
    const type = Object.prototype.hasOwnProperty.call(MODEL_FILE_TYPES, extension) ? MODEL_FILE_TYPES[extension] : undefined;
    if (type) {
      derived.modelType = type;
      because.modelType = `${model.file} is a .${extension} file`;
    } else {
      because.modelType = `${model.file} has no extension that names a framework (known: ${Object.keys(MODEL_FILE_TYPES)
        .map((e) => `.${e}`)
        .join(', ')})`;
    }
  }

  const explainer = contract.explainer;
  if (!explainer) {
    derived.explainerType = 'NO_EXPLAINER';
    because.explainerType = 'the contract has no explainer/ folder';
  } else {
    const kinds = referenceKindsOf(explainer);
    if (explainer.source === 'reference' && kinds.split('+').includes('docker')) {
      derived.explainerType = 'CUSTOM';
      because.explainerType = `${explainer.file} is a ${kinds} reference, which Deeploy runs as a custom explainer`;
    } else if (explainer.source === 'reference') {
      because.explainerType = `${explainer.file} is a ${kinds} reference, which does not say which kind of explainer it holds`;
    } else {
      because.explainerType = `${explainer.file} does not say which kind of explainer it holds`;
    }
  }

  if (contract.transformer) {
    derived.transformerType = 'CUSTOM';
    because.transformerType = `${contract.transformer.file} is a transformer, which Deeploy runs as a custom transformer`;
  } else {
    derived.transformerType = 'NO_TRANSFORMER';
    because.transformerType = 'the contract has no transformer/ folder';
  }
  return derived;
}
