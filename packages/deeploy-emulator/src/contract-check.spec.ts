import { contractProblem, type ContractSource } from './contract-check';

/** A contract held in memory: file path → content. */
function source(files: Record<string, string>): ContractSource {
  return {
    async listFolder(folder) {
      const prefix = folder === '' ? '' : `${folder}/`;
      const names = Object.keys(files)
        .filter((f) => f.startsWith(prefix))
        .map((f) => f.slice(prefix.length).split('/')[0]);
      return names.length > 0 ? [...new Set(names)] : undefined;
    },
    async readFile(file) {
      return files[file];
    },
  };
}

const blob = JSON.stringify({ reference: { blob: { url: 's3://bucket/model' } } });
const docker = JSON.stringify({ reference: { docker: { image: 'acme/x:1', uri: '/predict', port: 8080 } } });

describe('contractProblem', () => {
  it('accepts a model reference, a model file, and optional explainer and transformer', async () => {
    expect(await contractProblem(source({ 'm/model/reference.json': blob }), 'm')).toBeUndefined();
    expect(await contractProblem(source({ 'model/model.joblib': 'x' }), '')).toBeUndefined();
    expect(
      await contractProblem(
        source({
          'm/model/reference.json': blob,
          'm/explainer/reference.json': JSON.stringify({ reference: { docker: { image: 'acme/e:1', uri: '/explain' }, blob: { url: 's3://bucket/e' } } }),
          'm/transformer/reference.json': docker,
        }),
        'm',
      ),
    ).toBeUndefined();
    expect(await contractProblem(source({ 'm/model/model.bst': 'x', 'm/explainer/explainer.dill': 'x' }), 'm')).toBeUndefined();
  });

  it('reads files older official clients wrote: null members as absent, credentialsId kept', async () => {
    const written = JSON.stringify({
      reference: {
        docker: { image: 'acme/e:1', uri: '/explain', port: null, credentialsId: null },
        blob: { url: 's3://b/e', region: null, credentialsId: 'c' },
        mlflow: null,
      },
    });
    expect(await contractProblem(source({ 'm/model/reference.json': blob, 'm/explainer/reference.json': written }), 'm')).toBeUndefined();
  });

  it.each([
    [{ 'other/model/reference.json': blob }, 'm/model/ does not exist; a contract needs a model folder'],
    [
      { 'm/model/reference.json': blob, 'm/model/model.pt': 'x' },
      'm/model/ must hold exactly one of reference.json or model.<ext>, found reference.json, model.pt',
    ],
    [{ 'm/model/weights.bin': 'x' }, 'm/model/ must hold exactly one of reference.json or model.<ext>, found none'],
    [{ 'm/model/reference.json': '{ nope' }, 'm/model/reference.json is not valid JSON'],
    [{ 'm/model/reference.json': '{"blob": {}}' }, 'm/model/reference.json must hold a "reference" object'],
    [
      { 'm/model/reference.json': '{"reference": {"s3": {}}}' },
      'm/model/reference.json: unknown reference kind "s3"; known kinds are blob, docker, mlflow, azureML, databricks, huggingface',
    ],
    [
      { 'm/model/reference.json': '{"reference": {}}' },
      'm/model/reference.json: a model reference must hold one of blob, docker, mlflow, azureML, databricks, huggingface, found none',
    ],
    [{ 'm/model/reference.json': '{"reference": {"docker": {"image": "a"}}}' }, 'm/model/reference.json: reference.docker.uri is required'],
    [{ 'm/model/reference.json': blob, 'm/explainer/notes.txt': 'x' }, 'm/explainer/ must hold reference.json or explainer.dill'],
    [
      { 'm/model/reference.json': blob, 'm/transformer/reference.json': blob },
      'm/transformer/reference.json: a transformer reference must hold one of docker, blob+docker, found blob',
    ],
  ])('refuses %j', async (files, message) => {
    expect(await contractProblem(source(files), 'm')).toBe(message);
  });
});
