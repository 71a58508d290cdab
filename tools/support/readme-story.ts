/**
 * The README's worked example, as the generator arguments it runs: two contracts, then a docker
 * reference for the second. The demo and the end-to-end specs run these same commands, so what the
 * README shows a new user is what both prove.
 */

/** `nx g deeploy:contract` for subfolder_1: a PyTorch model, a SHAP explainer and metadata. */
export const SUBFOLDER_1_CONTRACT: readonly string[] = [
  'subfolder_1',
  '--modelType=PYTORCH',
  '--blobUrl=s3://acme-models/agenet/model',
  '--explainerType=SHAP_KERNEL',
  '--explainerBlobUrl=s3://acme-models/agenet/explainer',
  '--problemType=classification',
  '--features=age,income',
  '--no-interactive',
];

/** `nx g deeploy:contract` for subfolder_2: a scikit-learn model only. */
export const SUBFOLDER_2_CONTRACT: readonly string[] = ['subfolder_2', '--modelType=SKLEARN', '--blobUrl=s3://acme-models/churn/model', '--no-interactive'];

/** `nx g deeploy:reference` that moves subfolder_2 to a docker image. */
export const SUBFOLDER_2_DOCKER_REFERENCE: readonly string[] = [
  'subfolder_2',
  '--dockerImage=docker.io/acme/churn:2.0.0',
  '--dockerUri=/v1/models/churn:predict',
  '--dockerPort=8080',
  '--overwrite',
  '--no-interactive',
];
