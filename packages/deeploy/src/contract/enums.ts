/**
 * Every Deeploy enum, with its wire value, in one place (deeploy-api.md §4).
 * Users and project files write the names (`PYTORCH`); only the API client sends the numbers.
 * Deeploy appended values over time and never renumbered them, so the tables are authoritative.
 */

export const MODEL_TYPES = {
  TENSORFLOW: 0,
  PYTORCH: 1,
  SKLEARN: 2,
  XGBOOST: 3,
  ONNX: 4,
  TRITON: 5,
  CUSTOM: 6,
  LIGHTGBM: 7,
  PMML: 8,
  HUGGINGFACE: 9,
  CATBOOST: 10,
} as const;

export const EXPLAINER_TYPES = {
  NO_EXPLAINER: 0,
  ANCHOR_TABULAR: 1,
  ANCHOR_IMAGES: 2,
  ANCHOR_TEXT: 3,
  SHAP_KERNEL: 4,
  PDP_TABULAR: 5,
  MACE_TABULAR: 6,
  CUSTOM: 7,
  INTEGRATED_EXPLAINER: 8,
  SHAP_TREE: 9,
  SALIENCY: 10,
  ATTENTION: 11,
} as const;

export const TRANSFORMER_TYPES = {
  NO_TRANSFORMER: 0,
  CUSTOM: 1,
} as const;

/** Deployment types are strings on the wire, spelled exactly so (note `Sagemaker`). */
export const DEPLOYMENT_TYPES = ['KServe', 'Sagemaker', 'AzureML', 'External', 'Registration'] as const;

/**
 * The deployment types that run the contract's artifacts, and so take artifact types and sizing.
 * External and Registration deployments run nothing from the contract: they take no types.
 */
export const TYPED_DEPLOYMENT_TYPES = ['KServe', 'Sagemaker', 'AzureML'] as const satisfies readonly (typeof DEPLOYMENT_TYPES)[number][];

/** How Deeploy authenticates to an External deployment's endpoint (strings on the wire). */
export const EXTERNAL_AUTHENTICATIONS = ['none', 'basic', 'bearer', 'custom', 'oauth'] as const;

/** The kinds a `reference.json` can hold (deeploy-api.md §5). */
export const REFERENCE_KINDS = ['blob', 'docker', 'mlflow', 'azureML', 'databricks', 'huggingface'] as const;

/** The artifact folders of a contract. */
export const ARTIFACTS = ['model', 'explainer', 'transformer'] as const;

export const PROBLEM_TYPES = ['classification', 'regression'] as const;

export type ModelTypeName = keyof typeof MODEL_TYPES;
export type ExplainerTypeName = keyof typeof EXPLAINER_TYPES;
export type TransformerTypeName = keyof typeof TRANSFORMER_TYPES;
export type DeploymentType = (typeof DEPLOYMENT_TYPES)[number];
export type ExternalAuthentication = (typeof EXTERNAL_AUTHENTICATIONS)[number];
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];
export type Artifact = (typeof ARTIFACTS)[number];
export type ProblemType = (typeof PROBLEM_TYPES)[number];

export const MODEL_TYPE_NAMES = Object.keys(MODEL_TYPES) as [ModelTypeName, ...ModelTypeName[]];
export const EXPLAINER_TYPE_NAMES = Object.keys(EXPLAINER_TYPES) as [ExplainerTypeName, ...ExplainerTypeName[]];
export const TRANSFORMER_TYPE_NAMES = Object.keys(TRANSFORMER_TYPES) as [TransformerTypeName, ...TransformerTypeName[]];

/**
 * The one rule for an enum value a user wrote: it must be one of `allowed`, spelled exactly.
 * A value that differs only in case is refused with the right spelling, so the fix is obvious
 * and project files stay consistent (and match the `schema.json` enums Nx prompts with).
 * Returns an error sentence, or undefined when the value is valid.
 */
export function enumValueProblem(value: string, allowed: readonly string[]): string | undefined {
  if (allowed.includes(value)) return undefined;
  const sameLetters = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (sameLetters) return `"${value}" is not spelled as Deeploy spells it; write "${sameLetters}"`;
  return `"${value}" is not one of ${allowed.join(', ')}`;
}

export function modelTypeWire(name: ModelTypeName): number {
  return MODEL_TYPES[name];
}
export function explainerTypeWire(name: ExplainerTypeName): number {
  return EXPLAINER_TYPES[name];
}
export function transformerTypeWire(name: TransformerTypeName): number {
  return TRANSFORMER_TYPES[name];
}

/** Reverse lookup, for showing a deployment the server returned in the user's terms. */
export function nameOfWire<T extends Record<string, number>>(table: T, wire: number | undefined): keyof T | undefined {
  if (wire === undefined) return undefined;
  return (Object.keys(table) as (keyof T)[]).find((k) => table[k] === wire);
}
