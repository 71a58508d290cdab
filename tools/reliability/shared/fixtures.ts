/**
 * The contracts the tests deploy: several shapes (blob, docker, huggingface, model + explainer),
 * each with a way to make a new version of its content and of its deploy settings, as a team's
 * commits would.
 */
import { contractFiles as contractFolderFiles } from '../../support';

/** A file's content: text as is, anything else written as JSON (tools/support's writeFile). */
export type FileContent = string | object;
/** Files by path relative to the workspace root. */
export type Files = Record<string, FileContent>;

export interface Contract {
  /** The contract folder, relative to the workspace root. */
  path: string;
  /** model/reference.json at content version `v`. */
  reference(v: number): object;
  /** explainer/reference.json at content version `v`, for contracts with an explainer. */
  explainer?(v: number): object;
  /** The deploy-deploy target options of project.json. */
  deployOptions: Record<string, unknown>;
}

export const CONTRACTS: readonly Contract[] = [
  {
    path: 'models/churn',
    reference: (v) => ({ reference: { blob: { url: `s3://acme-models/churn/v${v}`, region: 'eu-west-1' } } }),
    deployOptions: { modelType: 'SKLEARN' },
  },
  {
    path: 'models/vision',
    reference: (v) => ({ reference: { docker: { image: `docker.io/acme/vision:1.${v}.0`, uri: '/v1/models/vision:predict', port: 8080 } } }),
    deployOptions: {},
  },
  {
    path: 'teams/risk/fraud',
    reference: (v) => ({ reference: { blob: { url: `gs://acme-risk/fraud/model-${v}` } } }),
    explainer: (v) => ({ reference: { blob: { url: `gs://acme-risk/fraud/explainer-${v}` } } }),
    deployOptions: { modelType: 'XGBOOST', explainerType: 'SHAP_TREE' },
  },
  {
    path: 'nlp/sentiment',
    reference: (v) => ({ reference: { huggingface: { model: `acme/sentiment-v${v}` } } }),
    deployOptions: { modelType: 'HUGGINGFACE' },
  },
];

/** The files of a contract at content version `v`, with deploy options (plus `extra`). */
export function contractFiles(contract: Contract, v: number, extra: Record<string, unknown> = {}): Files {
  return contractFolderFiles(contract.path, {
    reference: contract.reference(v),
    explainer: contract.explainer?.(v),
    project: { name: contract.path, targets: { 'deeploy-deploy': { options: { ...contract.deployOptions, ...extra } } } },
  });
}

/** The workspace around the contracts: nx.json with the plugin, reports ignored by git. */
export function workspaceFiles(pluginOptions: Record<string, unknown> = {}): Files {
  return {
    '.gitignore': '.deeploy/\nnode_modules/\n.nx/\n',
    'nx.json': { plugins: [{ plugin: 'deeploy', options: pluginOptions }] },
    'package.json': { name: 'reliability-models', version: '0.0.0', private: true },
  };
}
