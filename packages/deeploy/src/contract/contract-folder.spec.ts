import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatContractErrors, readContract } from './contract-folder';
import { type FileMap, makeTempDir, makeTempWorkspace, removeTempDir, writeFiles } from './testing/temp-workspace';

const blob = { url: 's3://models-bucket/churn/v1', region: 'eu-west-1' };
const docker = { image: 'docker.io/acme/churn:1.2.3', uri: '/v1/models/churn:predict', port: 8080 };
const ref = (body: Record<string, unknown>) => ({ reference: body });

describe('readContract on good contracts', () => {
  let workspace: string;
  beforeAll(() => {
    workspace = makeTempWorkspace({
      // The seed's monorepo example: one contract with model, explainer and metadata, one with only a model.
      'subfolder_1/model/reference.json': ref({ blob }),
      'subfolder_1/explainer/reference.json': ref({ blob: { url: 's3://models-bucket/churn/explainer' } }),
      'subfolder_1/metadata.json': { features: [{ name: 'age' }], problemType: 'classification' },
      'subfolder_2/model/reference.json': ref({ docker }),
      'kinds/blob/model/reference.json': ref({ blob }),
      'kinds/docker/model/reference.json': ref({ docker }),
      'kinds/mlflow/model/reference.json': ref({ mlflow: { model: 'churn', version: '3', blob: { region: 'eu-west-1' } } }),
      'kinds/azureML/model/reference.json': ref({
        azureML: { image: 'acme.azurecr.io/churn:1', uri: '/score', port: 5001, readinessPath: '/ready', livenessPath: '/live' },
      }),
      'kinds/databricks/model/reference.json': ref({ databricks: { model: 'main.ml.churn', alias: 'champion' } }),
      'kinds/huggingface/model/reference.json': ref({ huggingface: { model: 'distilbert-base-uncased' } }),
      'files/sklearn/model/model.joblib': 'binary',
      'files/sklearn/model/README.md': 'other files in model/ are fine',
      'files/sklearn/explainer/explainer.dill': 'binary',
      'full/model/reference.json': ref({ docker }),
      'full/explainer/reference.json': ref({ docker, blob }),
      'full/transformer/reference.json': ref({ docker, blob }),
      'full/project.json': { name: 'full' },
    });
  });
  afterAll(() => removeTempDir(workspace));

  it('reads the seed monorepo example: subfolder_1 with model, explainer and metadata', () => {
    expect(readContract(workspace, 'subfolder_1')).toEqual({
      errors: [],
      warnings: [],
      contract: {
        contractPath: 'subfolder_1',
        model: { source: 'reference', file: 'subfolder_1/model/reference.json', reference: { blob } },
        explainer: {
          source: 'reference',
          file: 'subfolder_1/explainer/reference.json',
          reference: { blob: { url: 's3://models-bucket/churn/explainer' } },
        },
        metadata: { features: [{ name: 'age' }], problemType: 'classification' },
      },
    });
  });

  it('reads the seed monorepo example: subfolder_2 with only a model', () => {
    expect(readContract(workspace, './subfolder_2/')).toEqual({
      errors: [],
      warnings: [],
      contract: { contractPath: 'subfolder_2', model: { source: 'reference', file: 'subfolder_2/model/reference.json', reference: { docker } } },
    });
  });

  it.each(['blob', 'docker', 'mlflow', 'azureML', 'databricks', 'huggingface'])('reads a model %s reference', (kind) => {
    const { contract, errors } = readContract(workspace, `kinds/${kind}`);
    expect(errors).toEqual([]);
    expect(contract?.model.source).toBe('reference');
    expect(Object.keys((contract?.model as { reference: object }).reference)).toEqual([kind]);
  });

  it('reads model and explainer files kept in git', () => {
    expect(readContract(workspace, 'files/sklearn').contract).toEqual({
      contractPath: 'files/sklearn',
      model: { source: 'file', file: 'files/sklearn/model/model.joblib' },
      explainer: { source: 'file', file: 'files/sklearn/explainer/explainer.dill' },
    });
  });

  it('reads a docker+blob explainer and transformer, ignoring other files of the folder', () => {
    const { contract, errors } = readContract(workspace, 'full');
    expect(errors).toEqual([]);
    expect(contract?.explainer).toEqual({ source: 'reference', file: 'full/explainer/reference.json', reference: { docker, blob } });
    expect(contract?.transformer).toEqual({ source: 'reference', file: 'full/transformer/reference.json', reference: { docker, blob } });
  });

  it('reads a contract an older official client wrote (nulls, credentialsId), warning once per unknown key', () => {
    const root = makeTempWorkspace({
      'm/model/reference.json': { reference: { blob: { url: 's3://models-bucket/churn', region: null, credentialsId: null } } },
      'm/explainer/reference.json': { reference: { docker: { image: 'acme/explainer:1', uri: '/explain', port: null, credentialsId: 'c1' } } },
      'm/metadata.json': { features: [{ name: 'age', distribution: { type: 'histogram' } }] },
    });
    try {
      const read = readContract(root, 'm');
      expect(read.errors).toEqual([]);
      expect(read.contract?.model).toEqual({
        source: 'reference',
        file: 'm/model/reference.json',
        reference: { blob: { url: 's3://models-bucket/churn', credentialsId: null } },
      });
      expect(read.warnings.map((w) => w.message)).toEqual([
        'm/model/reference.json at reference.blob.credentialsId: unknown field, kept: Deeploy ignores it (older official clients wrote credentialsId); remove it, or fix the spelling if it is a misspelt field',
        'm/explainer/reference.json at reference.docker.credentialsId: unknown field, kept: Deeploy ignores it (older official clients wrote credentialsId); remove it, or fix the spelling if it is a misspelt field',
      ]);
    } finally {
      removeTempDir(root);
    }
  });

  it('reads a contract at the workspace root, with paths relative to the root', () => {
    const root = makeTempWorkspace({ 'model/model.onnx': 'x', 'metadata.json': {} });
    try {
      for (const path of ['', '.']) {
        expect(readContract(root, path)).toEqual({
          errors: [],
          warnings: [],
          contract: { contractPath: '', model: { source: 'file', file: 'model/model.onnx' }, metadata: {} },
        });
      }
    } finally {
      removeTempDir(root);
    }
  });
});

interface BadCase {
  name: string;
  files: FileMap;
  /** The exact lines the user sees; `<c>` stands for the case's folder. */
  expected: (string | RegExp)[];
  /** Contract path to read instead of the case's folder. */
  path?: string;
}

const ANY_MODEL_KINDS = 'blob, docker, mlflow, azureML, databricks, huggingface';

/**
 * The corpus of broken contracts: each must be refused with its own message, naming the file (and
 * the JSON path), the rule and the fix.
 */
const BAD: BadCase[] = [
  // The folder rules.
  {
    name: 'no-model',
    files: { 'metadata.json': {} },
    expected: ['<c>/model: is missing; a contract needs a model/ folder holding reference.json or one model.<ext> file (e.g. model.joblib)'],
  },
  { name: 'model-is-a-file', files: { model: 'x' }, expected: [/^<c>\/model: is a file; model must be a folder holding reference.json or one model/] },
  { name: 'empty-model', files: { 'model/.gitkeep': '' }, expected: ['<c>/model: holds neither reference.json nor a model.<ext> file; add one'] },
  {
    name: 'reference-and-file',
    files: { 'model/reference.json': ref({ blob }), 'model/model.joblib': 'x' },
    expected: [
      '<c>/model: holds both reference.json and model.joblib; keep one: reference.json to deploy what it references, or model.joblib to deploy the file itself',
    ],
  },
  {
    name: 'two-model-files',
    files: { 'model/model.joblib': 'x', 'model/model.bst': 'x' },
    expected: ['<c>/model: holds 2 model files (model.bst, model.joblib); keep exactly one'],
  },
  {
    name: 'misspelt-reference',
    files: { 'model/Reference.json': ref({ blob }) },
    expected: ['<c>/model: holds neither reference.json nor a model.<ext> file; rename "Reference.json" to "reference.json"'],
  },
  { name: 'reference-is-a-folder', files: { 'model/reference.json/x': 'x' }, expected: ['<c>/model/reference.json: is a folder; it must be a JSON file'] },
  {
    name: 'explainer-empty',
    files: { 'model/reference.json': ref({ blob }), 'explainer/.gitkeep': '' },
    expected: ['<c>/explainer: holds neither reference.json nor explainer.dill; add one or remove the folder'],
  },
  {
    name: 'explainer-both',
    files: { 'model/reference.json': ref({ blob }), 'explainer/reference.json': ref({ blob }), 'explainer/explainer.dill': 'x' },
    expected: [/^<c>\/explainer: holds both reference.json and explainer.dill; keep one/],
  },
  {
    name: 'transformer-without-reference',
    files: { 'model/reference.json': ref({ blob }), 'transformer/transformer.dill': 'x' },
    expected: ['<c>/transformer: holds no reference.json (a docker reference, optionally with a blob); add one or remove the folder'],
  },
  {
    name: 'metadata-is-a-folder',
    files: { 'model/model.onnx': 'x', 'metadata.json/x': 'x' },
    expected: ['<c>/metadata.json: is a folder; metadata.json must be a file (or be removed)'],
  },

  // Bad JSON.
  {
    name: 'trailing-comma',
    files: { 'model/reference.json': '{\n  "reference": {"blob": {"url": "s3://abc/x"}},\n}\n' },
    expected: ['<c>/model/reference.json at line 3, column 1: invalid JSON: trailing comma before "}"; remove it'],
  },
  {
    name: 'empty-json',
    files: { 'model/reference.json': '' },
    expected: ['<c>/model/reference.json at line 1, column 1: invalid JSON: the file is empty; write a JSON object'],
  },
  {
    name: 'json-comment',
    files: { 'model/reference.json': '{\n  // the churn model\n  "reference": {}\n}' },
    expected: ['<c>/model/reference.json at line 2, column 3: invalid JSON: comments are not allowed in JSON'],
  },
  {
    name: 'json-bom',
    files: { 'model/reference.json': `\ufeff${JSON.stringify(ref({ blob }))}` },
    expected: [/^<c>\/model\/reference.json at line 1, column 1: invalid JSON: the file starts with a byte order mark/],
  },
  {
    name: 'reference-duplicate-key',
    files: { 'model/reference.json': '{\n  "reference": {"blob": {"url": "s3://abc/x",\n    "url": "s3://abc/y"}}\n}\n' },
    expected: [
      '<c>/model/reference.json at line 3, column 5: invalid JSON: the key "url" appears twice in the same object (first at line 2, column 26); keep one: readers disagree on which one counts',
    ],
  },
  {
    name: 'metadata-duplicate-key',
    files: { 'model/model.onnx': 'x', 'metadata.json': '{"problemType": "regression", "problemType": "classification"}' },
    expected: [
      '<c>/metadata.json at line 1, column 31: invalid JSON: the key "problemType" appears twice in the same object (first at line 1, column 2); keep one: readers disagree on which one counts',
    ],
  },
  {
    name: 'reference-nested-too-deep',
    files: { 'model/reference.json': `{"reference": ${'['.repeat(200_000)}` },
    expected: [
      '<c>/model/reference.json at line 1, column 114: invalid JSON: arrays and objects are nested more than 100 levels deep; a contract file needs a few',
    ],
  },
  {
    name: 'metadata-bad-json',
    files: { 'model/model.onnx': 'x', 'metadata.json': '{"problemType": "regression"' },
    expected: ['<c>/metadata.json at line 1, column 29: invalid JSON: the file ends early; expected "," or "}"'],
  },

  // reference.json shape.
  { name: 'reference-array', files: { 'model/reference.json': [] }, expected: ['<c>/model/reference.json: must be an object, not an array'] },
  {
    name: 'no-reference-key',
    files: { 'model/reference.json': { blob } },
    expected: [
      '<c>/model/reference.json at reference: is missing; a reference.json is {"reference": {"<kind>": {...}}}, e.g. {"reference": {"blob": {"url": "s3://bucket/path"}}}',
    ],
  },
  {
    name: 'unknown-kind',
    files: { 'model/reference.json': ref({ s3: { url: 's3://abc/x' } }) },
    expected: [
      '<c>/model/reference.json at reference: unknown field "s3"; remove it or fix the spelling',
      `<c>/model/reference.json at reference: holds no kind; a model reference holds exactly one of: ${ANY_MODEL_KINDS}`,
    ],
  },
  {
    name: 'two-kinds',
    files: { 'model/reference.json': ref({ docker, blob }) },
    expected: [`<c>/model/reference.json at reference: holds blob+docker; a model reference holds exactly one of: ${ANY_MODEL_KINDS}`],
  },
  {
    name: 'no-kind',
    files: { 'model/reference.json': ref({}) },
    expected: [`<c>/model/reference.json at reference: holds no kind; a model reference holds exactly one of: ${ANY_MODEL_KINDS}`],
  },

  // Missing fields.
  {
    name: 'docker-no-uri',
    files: { 'model/reference.json': ref({ docker: { image: 'nginx' } }) },
    expected: ['<c>/model/reference.json at reference.docker.uri: is missing; add a string'],
  },
  {
    name: 'docker-no-image',
    files: { 'model/reference.json': ref({ docker: { uri: '/predict' } }) },
    expected: ['<c>/model/reference.json at reference.docker.image: is missing; add a string'],
  },
  {
    name: 'blob-no-url',
    files: { 'model/reference.json': ref({ blob: { region: 'eu-west-1' } }) },
    expected: ['<c>/model/reference.json at reference.blob.url: is missing; add a string'],
  },
  {
    name: 'mlflow-no-model',
    files: { 'model/reference.json': ref({ mlflow: { version: '1' } }) },
    expected: ['<c>/model/reference.json at reference.mlflow.model: is missing; add a string'],
  },
  {
    name: 'azureml-no-probes',
    files: { 'model/reference.json': ref({ azureML: { image: 'acme.azurecr.io/m:1', uri: '/score', port: 5001 } }) },
    expected: [
      '<c>/model/reference.json at reference.azureML.readinessPath: is missing; add a string',
      '<c>/model/reference.json at reference.azureML.livenessPath: is missing; add a string',
    ],
  },
  {
    name: 'huggingface-empty',
    files: { 'model/reference.json': ref({ huggingface: { model: '' } }) },
    expected: ['<c>/model/reference.json at reference.huggingface.model: must not be empty'],
  },

  // Docker image references, ports and routes.
  {
    name: 'image-uppercase',
    files: { 'model/reference.json': ref({ docker: { ...docker, image: 'docker.io/Acme/churn:1' } }) },
    expected: ['<c>/model/reference.json at reference.docker.image: has uppercase letters in "Acme"; image repository names must be lowercase'],
  },
  {
    name: 'image-long-tag',
    files: { 'model/reference.json': ref({ docker: { ...docker, image: `acme/churn:${'v'.repeat(129)}` } }) },
    expected: [/^<c>\/model\/reference.json at reference.docker.image: has an invalid tag "v+"; a tag is 1-128 letters/],
  },
  {
    name: 'image-bad-digest',
    files: { 'model/reference.json': ref({ docker: { ...docker, image: 'acme/churn@sha256:1234' } }) },
    expected: [
      '<c>/model/reference.json at reference.docker.image: has an invalid digest "sha256:1234"; a digest is <algorithm>:<hex>, e.g. sha256:<64 hex digits>',
    ],
  },
  {
    name: 'image-with-scheme',
    files: { 'model/reference.json': ref({ docker: { ...docker, image: 'https://ghcr.io/acme/churn:1' } }) },
    expected: [
      '<c>/model/reference.json at reference.docker.image: must not start with a URL scheme; write the reference without it (e.g. docker.io/acme/model:1.2.3)',
    ],
  },
  {
    name: 'port-zero',
    files: { 'model/reference.json': ref({ docker: { ...docker, port: 0 } }) },
    expected: ['<c>/model/reference.json at reference.docker.port: must be a whole number from 1 to 65535 (got 0)'],
  },
  {
    name: 'port-string',
    files: { 'model/reference.json': ref({ docker: { ...docker, port: '8080' } }) },
    expected: ['<c>/model/reference.json at reference.docker.port: must be a number, not a string'],
  },
  {
    name: 'port-fraction',
    files: { 'model/reference.json': ref({ docker: { ...docker, port: 80.5 } }) },
    expected: ['<c>/model/reference.json at reference.docker.port: must be a whole number from 1 to 65535 (got 80.5)'],
  },
  {
    name: 'uri-relative',
    files: { 'model/reference.json': ref({ docker: { ...docker, uri: 'predict' } }) },
    expected: ['<c>/model/reference.json at reference.docker.uri: must start with "/" (e.g. "/v1/models/model:predict"), got "predict"'],
  },

  // Blob URLs.
  {
    name: 'blob-bad-bucket',
    files: { 'model/reference.json': ref({ blob: { url: 's3://Models_Bucket/x' } }) },
    expected: [/^<c>\/model\/reference.json at reference.blob.url: has an invalid S3 bucket "Models_Bucket"/],
  },
  {
    name: 'blob-http',
    files: { 'model/reference.json': ref({ blob: { url: 'http://bucket.example.com/x' } }) },
    expected: [/at reference.blob.url: must use https \(Azure\) or s3:\/\/ \/ gs:\/\//],
  },
  {
    name: 'blob-credentials',
    files: { 'model/reference.json': ref({ blob: { url: 's3://AKIAEXAMPLE:s3cr3t@bucket/x' } }) },
    expected: [
      '<c>/model/reference.json at reference.blob.url: must not embed credentials; remove the user:password@ part and give Deeploy a blob credential id instead',
    ],
  },
  {
    name: 'blob-sas',
    files: { 'model/reference.json': ref({ blob: { url: 'https://acct1.blob.core.windows.net/models/x?sv=2022&sig=SECRET' } }) },
    expected: [
      '<c>/model/reference.json at reference.blob.url: must not carry a signed or token query string; remove the "?..." part and use a blob credential id instead',
    ],
  },
  {
    name: 'blob-not-azure',
    files: { 'model/reference.json': ref({ blob: { url: 'https://example.com/models/x' } }) },
    expected: [/at reference.blob.url: is an https URL but not Azure Blob Storage/],
  },

  // Explainer and transformer kinds.
  {
    name: 'explainer-blob-mlflow',
    files: { 'model/reference.json': ref({ docker }), 'explainer/reference.json': ref({ blob, mlflow: { model: 'm' } }) },
    expected: [/^<c>\/explainer\/reference.json at reference: holds blob\+mlflow; an? explainer reference holds exactly one of: .*docker\+mlflow/],
  },
  {
    name: 'transformer-blob-only',
    files: { 'model/reference.json': ref({ docker }), 'transformer/reference.json': ref({ blob }) },
    expected: ['<c>/transformer/reference.json at reference: holds blob; a transformer reference holds exactly one of: docker, blob+docker'],
  },
  {
    name: 'transformer-mlflow',
    files: { 'model/reference.json': ref({ docker }), 'transformer/reference.json': ref({ mlflow: { model: 'm' } }) },
    expected: ['<c>/transformer/reference.json at reference: holds mlflow; a transformer reference holds exactly one of: docker, blob+docker'],
  },

  // metadata.json.
  {
    name: 'metadata-problem-type',
    files: { 'model/model.onnx': 'x', 'metadata.json': { problemType: 'Classification' } },
    expected: ['<c>/metadata.json at problemType: must be one of classification, regression'],
  },
  {
    name: 'metadata-features',
    files: { 'model/model.onnx': 'x', 'metadata.json': { features: ['age'] } },
    expected: ['<c>/metadata.json at features[0]: must be an object, not a string'],
  },

  // Several problems at once: all are reported, one line each.
  {
    name: 'many-problems',
    files: { 'model/reference.json': ref({ blob }), 'model/model.pkl': 'x', 'explainer/notes.txt': 'x', 'metadata.json': { problemType: 'ranking' } },
    expected: [
      '<c>/model: holds both reference.json and model.pkl; keep one: reference.json to deploy what it references, or model.pkl to deploy the file itself',
      '<c>/explainer: holds neither reference.json nor explainer.dill; add one or remove the folder',
      '<c>/metadata.json at problemType: must be one of classification, regression',
    ],
  },

  // Paths and links.
  {
    name: 'missing-folder',
    path: 'corpus/does-not-exist',
    files: {},
    expected: ['corpus/does-not-exist: the contract folder does not exist; create it or fix the path'],
  },
  {
    name: 'path-is-a-file',
    path: 'corpus/path-is-a-file/notes.txt',
    files: { 'notes.txt': 'x' },
    expected: ['corpus/path-is-a-file/notes.txt: is a file; a contract is a folder'],
  },
  {
    name: 'dot-dot',
    path: 'corpus/../../etc',
    files: {},
    expected: ['corpus/../../etc: contract path "corpus/../../etc" contains ".."; contract folders must stay inside the workspace'],
  },
  {
    name: 'absolute',
    path: '/etc',
    files: {},
    expected: ['/etc: contract path "/etc" is absolute; give a path relative to the workspace root, e.g. "models/churn"'],
  },
  {
    name: 'backslash',
    path: 'corpus\\x',
    files: {},
    expected: ['corpus\\x: contract path "corpus\\\\x" contains a backslash; write the path with "/" separators'],
  },
];

describe('readContract on the corpus of broken contracts', () => {
  let workspace: string;
  let outside: string;

  beforeAll(() => {
    workspace = makeTempWorkspace();
    outside = makeTempDir('deeploy-outside-');
    writeFiles(outside, { 'reference.json': ref({ blob }), 'model/reference.json': ref({ blob }) });
    for (const bad of BAD) {
      writeFiles(workspace, Object.fromEntries(Object.entries(bad.files).map(([path, content]) => [`corpus/${bad.name}/${path}`, content])));
    }
    writeFiles(workspace, {
      'corpus/link-out-file/model/reference.json': { symlink: join(outside, 'reference.json') },
      'corpus/link-out-folder/model': { symlink: join(outside, 'model') },
      'corpus/link-out-contract': { symlink: outside },
      'corpus/shared/reference.json': ref({ blob }),
      'corpus/shared/model/reference.json': ref({ blob }),
      'corpus/shared/vocab.txt': 'a b c',
      'corpus/shared/metadata.json': {},
      'corpus/link-in-reference/model/reference.json': { symlink: '../../shared/reference.json' },
      'corpus/link-in-deep/model/reference.json': ref({ blob }),
      'corpus/link-in-deep/explainer/reference.json': ref({ blob }),
      'corpus/link-in-deep/explainer/assets/vocab.txt': { symlink: '../../../shared/vocab.txt' },
      'corpus/link-in-deep/metadata.json': { symlink: '../shared/metadata.json' },
      'corpus/link-in-folder/model': { symlink: '../shared/model' },
      'corpus/link-in-contract': { symlink: 'shared' },
      'corpus/link-in-readme/model/reference.json': ref({ blob }),
      'corpus/link-in-readme/README.md': { symlink: '../shared/vocab.txt' },
    });
  });
  afterAll(() => {
    removeTempDir(workspace);
    removeTempDir(outside);
  });

  it('holds at least 40 broken contracts, each with its own messages', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(40);
    const signatures = BAD.map((bad) => bad.expected.map(String).join('|').replace(/<c>/g, ''));
    expect(new Set(signatures).size).toBe(BAD.length);
  });

  it.each(BAD.map((bad) => [bad.name, bad] as const))('refuses %s', (_name, bad) => {
    const result = readContract(workspace, bad.path ?? `corpus/${bad.name}`);
    expect(result.contract).toBeUndefined();
    const lines = result.errors.map((e) => e.message);
    expect(lines).toHaveLength(bad.expected.length);
    bad.expected.forEach((expected, i) => {
      if (typeof expected === 'string') expect(lines[i]).toBe(expected.replace(/<c>/g, `corpus/${bad.name}`));
      else expect(lines[i]).toMatch(new RegExp(expected.source.replace(/<c>/g, `corpus/${bad.name}`)));
    });
    for (const line of lines) expect(line).not.toContain('\n');
  });

  it('refuses a reference.json that links outside the workspace', () => {
    expect(readContract(workspace, 'corpus/link-out-file').errors.map(String)).toEqual([
      'ContractError: corpus/link-out-file/model/reference.json: is a symbolic link; Deeploy reads the contract from git, where a link stays a link, not the file it points to: replace it with the real file or folder',
    ]);
  });

  it('refuses a model folder that links outside the workspace', () => {
    expect(readContract(workspace, 'corpus/link-out-folder').errors.map((e) => e.message)).toEqual([
      'corpus/link-out-folder/model: is a symbolic link; Deeploy reads the contract from git, where a link stays a link, not the file it points to: replace it with the real file or folder',
    ]);
  });

  // Deeploy reads git objects, where a link is a link: even a link that resolves inside the
  // workspace validates here and fails there (issue 12, item 5).
  it('refuses links that stay inside the workspace, anywhere among the files Deeploy reads', () => {
    expect(readContract(workspace, 'corpus/link-in-reference').errors.map((e) => e.message)).toEqual([
      'corpus/link-in-reference/model/reference.json: is a symbolic link; Deeploy reads the contract from git, where a link stays a link, not the file it points to: replace it with the real file or folder',
    ]);
    expect(readContract(workspace, 'corpus/link-in-deep').errors.map((e) => e.message)).toEqual([
      'corpus/link-in-deep/explainer/assets/vocab.txt: is a symbolic link; Deeploy reads the contract from git, where a link stays a link, not the file it points to: replace it with the real file or folder',
      'corpus/link-in-deep/metadata.json: is a symbolic link; Deeploy reads the contract from git, where a link stays a link, not the file it points to: replace it with the real file or folder',
    ]);
    expect(readContract(workspace, 'corpus/link-in-folder').errors.map((e) => e.message)).toEqual([
      'corpus/link-in-folder/model: is a symbolic link; Deeploy reads the contract from git, where a link stays a link, not the file it points to: replace it with the real file or folder',
    ]);
  });

  it('refuses a contract folder reached through a link inside the workspace', () => {
    expect(readContract(workspace, 'corpus/link-in-contract').errors.map((e) => e.message)).toEqual([
      'corpus/link-in-contract: is a symbolic link; Deeploy reads the contract from git, where a link stays a link, not the file it points to: replace it with the real file or folder',
    ]);
  });

  it('leaves links alone outside the files Deeploy reads', () => {
    expect(readContract(workspace, 'corpus/link-in-readme').errors).toEqual([]);
  });

  it('refuses a contract folder that links outside the workspace', () => {
    expect(readContract(workspace, 'corpus/link-out-contract').errors.map((e) => e.message)).toEqual([
      'corpus/link-out-contract: contract path "corpus/link-out-contract" leads outside the workspace through the symbolic link "corpus/link-out-contract"; move the contract into the workspace instead of linking to it',
    ]);
  });

  it('never repeats a secret found in a blob URL', () => {
    const text = formatContractErrors([...readContract(workspace, 'corpus/blob-credentials').errors, ...readContract(workspace, 'corpus/blob-sas').errors]);
    expect(text).not.toMatch(/s3cr3t|AKIAEXAMPLE|SECRET/);
  });
});

describe('formatContractErrors', () => {
  it('prints one line per error', () => {
    const workspace = makeTempWorkspace();
    try {
      mkdirSync(join(workspace, 'c', 'model'), { recursive: true });
      writeFileSync(join(workspace, 'c', 'model', 'reference.json'), JSON.stringify(ref({ docker: { image: 'Bad Image', uri: 'x' } })));
      const { errors } = readContract(workspace, 'c');
      expect(formatContractErrors(errors)).toBe(
        [
          'c/model/reference.json at reference.docker.image: must not contain whitespace; give an image reference (e.g. docker.io/acme/model:1.2.3)',
          'c/model/reference.json at reference.docker.uri: must start with "/" (e.g. "/v1/models/model:predict"), got "x"',
        ].join('\n'),
      );
    } finally {
      removeTempDir(workspace);
    }
  });
});
