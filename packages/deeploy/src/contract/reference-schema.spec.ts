import { contractErrorsFromZod } from './errors';
import { ALLOWED_KIND_SETS, referenceFileSchemas, referenceUnknownKeys } from './reference-schema';

const blob = { url: 's3://models-bucket/churn/v1', region: 'eu-west-1' };
const docker = { image: 'docker.io/acme/churn:1.2.3', uri: '/v1/models/churn:predict', port: 8080 };
const mlflow = { model: 'churn', version: '3', stage: 'Production', alias: 'champion', blob: { region: 'eu-west-1' } };
const azureML = { image: 'acme.azurecr.io/churn:1', uri: '/score', port: 5001, readinessPath: '/ready', livenessPath: '/live', model: 'churn', version: '2' };
const databricks = { model: 'main.ml.churn', alias: 'champion', version: '4' };
const huggingface = { model: 'distilbert-base-uncased' };
const KINDS = { blob, docker, mlflow, azureML, databricks, huggingface };

/** The one-line messages a user would see for `value` as `artifact`/reference.json. */
function problems(artifact: keyof typeof referenceFileSchemas, value: unknown): string[] {
  const result = referenceFileSchemas[artifact].safeParse(value);
  return result.success ? [] : contractErrorsFromZod(`c/${artifact}/reference.json`, result.error).map((e) => e.message);
}

describe('reference.json schemas', () => {
  it.each(Object.entries(KINDS))('a model may be a %s reference', (kind, body) => {
    expect(problems('model', { reference: { [kind]: body } })).toEqual([]);
  });

  it('accepts each kind with only its required fields', () => {
    expect(problems('model', { reference: { blob: { url: 's3://abc/x' } } })).toEqual([]);
    expect(problems('model', { reference: { docker: { image: 'nginx', uri: '/' } } })).toEqual([]);
    expect(problems('model', { reference: { mlflow: { model: 'm' } } })).toEqual([]);
    expect(problems('model', { reference: { databricks: { model: 'm' } } })).toEqual([]);
  });

  it.each(ALLOWED_KIND_SETS.explainer.map((set) => [set.join('+'), set]))('an explainer may hold %s', (_name, set) => {
    const reference = Object.fromEntries(set.map((kind) => [kind, KINDS[kind as keyof typeof KINDS]]));
    expect(problems('explainer', { reference })).toEqual([]);
  });

  it('a transformer holds docker, optionally with blob, and nothing else', () => {
    expect(problems('transformer', { reference: { docker } })).toEqual([]);
    expect(problems('transformer', { reference: { docker, blob } })).toEqual([]);
    expect(problems('transformer', { reference: { blob } })).toEqual([
      'c/transformer/reference.json at reference: holds blob; a transformer reference holds exactly one of: docker, blob+docker',
    ]);
  });

  it.each([
    [
      { reference: { docker, blob } },
      'c/model/reference.json at reference: holds blob+docker; a model reference holds exactly one of: blob, docker, mlflow, azureML, databricks, huggingface',
    ],
    [
      { reference: {} },
      'c/model/reference.json at reference: holds no kind; a model reference holds exactly one of: blob, docker, mlflow, azureML, databricks, huggingface',
    ],
    [
      {},
      'c/model/reference.json at reference: is missing; a reference.json is {"reference": {"<kind>": {...}}}, e.g. {"reference": {"blob": {"url": "s3://bucket/path"}}}',
    ],
    [[], 'c/model/reference.json: must be an object, not an array'],
    [{ reference: { docker: { image: 'nginx' } } }, 'c/model/reference.json at reference.docker.uri: is missing; add a string'],
    [{ reference: { docker: { ...docker, port: '8080' } } }, 'c/model/reference.json at reference.docker.port: must be a number, not a string'],
    [
      { reference: { docker: { ...docker, port: 70000 } } },
      'c/model/reference.json at reference.docker.port: must be a whole number from 1 to 65535 (got 70000)',
    ],
    [
      { reference: { docker: { ...docker, uri: 'predict' } } },
      'c/model/reference.json at reference.docker.uri: must start with "/" (e.g. "/v1/models/model:predict"), got "predict"',
    ],
    [
      { reference: { docker: { ...docker, image: 'Acme/Model' } } },
      'c/model/reference.json at reference.docker.image: has uppercase letters in "Acme"; image repository names must be lowercase',
    ],
    [{ reference: { blob: { url: 's3://x/y' } } }, expect.stringContaining('c/model/reference.json at reference.blob.url: has an invalid S3 bucket "x"')],
    [{ reference: { huggingface: { model: '' } } }, 'c/model/reference.json at reference.huggingface.model: must not be empty'],
    [{ reference: { azureML: { ...azureML, readinessPath: 'ready' } } }, expect.stringContaining('at reference.azureML.readinessPath: must start with "/"')],
    [{ reference: { mlflow: { model: null } } }, 'c/model/reference.json at reference.mlflow.model: must be a string, not null'],
    [{ reference: { blob: { url: null, region: null } } }, 'c/model/reference.json at reference.blob.url: must be a string, not null'],
  ])('refuses %j', (value, message) => {
    expect(problems('model', value)).toContainEqual(message);
  });

  it("reads files as Deeploy's own older clients wrote them: optional nulls are absent, unknown keys are kept", () => {
    // What older official clients wrote: explicit nulls, a credentialsId in blob and docker.
    const written = {
      reference: {
        docker: { image: 'acme/churn:1', uri: '/predict', port: null, credentialsId: null },
        blob: { url: 's3://models-bucket/churn', region: null, credentialsId: 'cred-1' },
        mlflow: null,
      },
    };
    const parsed = referenceFileSchemas.explainer.safeParse(written);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.reference.blob).toEqual({ url: 's3://models-bucket/churn', credentialsId: 'cred-1' });
    expect(referenceUnknownKeys(parsed.data as never)).toEqual(['reference.blob.credentialsId', 'reference.docker.credentialsId']);
    const misspelt = referenceFileSchemas.model.parse({ reference: { mlflow: { model: 'm', blob: { regoin: 'eu' } } }, extra: true });
    expect(referenceUnknownKeys(misspelt)).toEqual(['extra', 'reference.mlflow.blob.regoin']);
    const odd = referenceFileSchemas.model.parse({ reference: { blob: { url: 's3://bucket/x', 'a\u001b[31mb\nc': 1 } }, 'x y': 1 });
    expect(referenceUnknownKeys(odd)).toEqual(['["x y"]', 'reference.blob["a\\u001b[31mb\\nc"]']);
  });

  it('reports a misspelt kind together with the kinds that are allowed', () => {
    expect(problems('model', { reference: { Docker: docker } })).toEqual([
      'c/model/reference.json at reference: unknown field "Docker"; remove it or fix the spelling',
      'c/model/reference.json at reference: holds no kind; a model reference holds exactly one of: blob, docker, mlflow, azureML, databricks, huggingface',
    ]);
  });

  it('reports every problem of a file, not only the first', () => {
    const found = problems('model', { reference: { azureML: { image: 'nginx', uri: 'x', port: 0 } } });
    expect(found.map((m) => m.split(': ')[0])).toEqual([
      'c/model/reference.json at reference.azureML.uri',
      'c/model/reference.json at reference.azureML.port',
      'c/model/reference.json at reference.azureML.readinessPath',
      'c/model/reference.json at reference.azureML.livenessPath',
    ]);
  });
});
