import { REFERENCE_KINDS } from '../../contract/enums';
import { describeArtifactFlags, kindFlagSpecs, kindsOf, referenceFromFlags } from './reference-from-flags';

describe('flag names', () => {
  it('follow one pattern: unprefixed for the model, <artifact><Kind><Field> otherwise', () => {
    const model = kindFlagSpecs('', kindsOf('model')).map((s) => s.flag);
    expect(model).toEqual([
      'blobUrl',
      'blobRegion',
      'dockerImage',
      'dockerUri',
      'dockerPort',
      'mlflowModel',
      'mlflowVersion',
      'mlflowStage',
      'mlflowAlias',
      'mlflowBlobRegion',
      'azureMLImage',
      'azureMLUri',
      'azureMLPort',
      'azureMLReadinessPath',
      'azureMLLivenessPath',
      'azureMLModel',
      'azureMLVersion',
      'databricksModel',
      'databricksAlias',
      'databricksVersion',
      'huggingfaceModel',
    ]);
    const explainer = kindFlagSpecs('explainer', kindsOf('explainer')).map((s) => s.flag);
    expect(explainer).toEqual(model.map((flag) => `explainer${flag[0].toUpperCase()}${flag.slice(1)}`));
    expect(kindFlagSpecs('transformer', kindsOf('transformer')).map((s) => s.flag)).toEqual([
      'transformerBlobUrl',
      'transformerBlobRegion',
      'transformerDockerImage',
      'transformerDockerUri',
      'transformerDockerPort',
    ]);
  });

  it('mark the required fields from the zod reference schemas', () => {
    expect(describeArtifactFlags('', 'transformer')).toBe(
      'docker: --dockerImage --dockerUri [--dockerPort]; blob: --blobUrl [--blobRegion] + docker: --dockerImage --dockerUri [--dockerPort]',
    );
  });
});

describe('referenceFromFlags for the model', () => {
  it.each([
    ['blob', { blobUrl: 's3://acme-models/churn/1', blobRegion: 'eu-west-1' }, { blob: { url: 's3://acme-models/churn/1', region: 'eu-west-1' } }],
    [
      'docker',
      { dockerImage: 'docker.io/acme/agenet:1.2.3', dockerUri: '/model:predict', dockerPort: 8000 },
      { docker: { image: 'docker.io/acme/agenet:1.2.3', uri: '/model:predict', port: 8000 } },
    ],
    [
      'mlflow',
      { mlflowModel: 'churn', mlflowVersion: 3, mlflowStage: 'Production', mlflowAlias: 'champion', mlflowBlobRegion: 'eu-west-1' },
      { mlflow: { model: 'churn', version: '3', stage: 'Production', alias: 'champion', blob: { region: 'eu-west-1' } } },
    ],
    [
      'azureML',
      {
        azureMLImage: 'acme.azurecr.io/churn:1',
        azureMLUri: '/score',
        azureMLPort: '5001',
        azureMLReadinessPath: '/ready',
        azureMLLivenessPath: '/live',
        azureMLModel: 'churn',
        azureMLVersion: '2',
      },
      {
        azureML: { image: 'acme.azurecr.io/churn:1', uri: '/score', port: 5001, readinessPath: '/ready', livenessPath: '/live', model: 'churn', version: '2' },
      },
    ],
    [
      'databricks',
      { databricksModel: 'main.default.churn', databricksAlias: 'champion', databricksVersion: 4 },
      { databricks: { model: 'main.default.churn', alias: 'champion', version: '4' } },
    ],
    ['huggingface', { huggingfaceModel: 'distilbert-base-uncased' }, { huggingface: { model: 'distilbert-base-uncased' } }],
  ])('builds a %s reference (numbers from the CLI become the field types)', (kind, flags, reference) => {
    const built = referenceFromFlags(flags, '', 'model');
    expect(built.problems).toEqual([]);
    expect(built.kinds).toEqual([kind]);
    expect(built.file).toEqual({ reference });
  });

  it('writes the kind fields in schema order, whatever order the flags came in', () => {
    const built = referenceFromFlags({ dockerPort: 80, dockerUri: '/p', dockerImage: 'acme/x:1' }, '', 'model');
    expect(JSON.stringify(built.file)).toBe('{"reference":{"docker":{"image":"acme/x:1","uri":"/p","port":80}}}');
  });

  it('gives nothing (and no problem) when no flag of the prefix is set', () => {
    expect(referenceFromFlags({ explainerBlobUrl: 's3://acme-models/x' }, '', 'model')).toEqual({ kinds: [], problems: [] });
  });

  it('names the flag and the rule for each bad value', () => {
    const built = referenceFromFlags({ dockerImage: 'Acme/Model', dockerUri: 'predict', dockerPort: 70000 }, '', 'model');
    expect(built.file).toBeUndefined();
    expect(built.problems).toEqual(['--dockerPort: must be a whole number from 1 to 65535 (got 70000)']);
    const again = referenceFromFlags({ dockerImage: 'Acme/Model', dockerUri: 'predict' }, '', 'model');
    expect(again.problems).toEqual([
      '--dockerImage: has uppercase letters in "Acme"; image repository names must be lowercase',
      '--dockerUri: must start with "/" (e.g. "/v1/models/model:predict"), got "predict"',
    ]);
  });

  it('refuses a port that is not a number', () => {
    expect(referenceFromFlags({ dockerImage: 'acme/x:1', dockerUri: '/p', dockerPort: 'http' }, '', 'model').problems).toEqual([
      '--dockerPort: must be a whole number from 1 to 65535 (got "http")',
    ]);
  });

  it('explains an invalid S3 bucket on the flag', () => {
    expect(referenceFromFlags({ blobUrl: 's3://My_Bucket/model' }, '', 'model').problems).toEqual([
      '--blobUrl: has an invalid S3 bucket "My_Bucket"; bucket names are 3-63 lowercase letters, digits, "." or "-", starting and ending with a letter or digit',
    ]);
  });

  it('names a missing required flag with an example', () => {
    expect(referenceFromFlags({ azureMLImage: 'acme/x:1', azureMLUri: '/score', azureMLPort: 5001 }, '', 'model').problems).toEqual([
      '--azureMLReadinessPath: is required for an azureML reference (azureML: --azureMLImage --azureMLUri --azureMLPort --azureMLReadinessPath --azureMLLivenessPath [--azureMLModel] [--azureMLVersion]); e.g. --azureMLReadinessPath=/ready',
      '--azureMLLivenessPath: is required for an azureML reference (azureML: --azureMLImage --azureMLUri --azureMLPort --azureMLReadinessPath --azureMLLivenessPath [--azureMLModel] [--azureMLVersion]); e.g. --azureMLLivenessPath=/live',
    ]);
  });

  it('refuses two model kinds, naming the flags given and listing the groups', () => {
    const [problem] = referenceFromFlags({ blobUrl: 's3://acme-models/x', huggingfaceModel: 'gpt2' }, '', 'model').problems;
    expect(problem).toMatch(
      /^--blobUrl, --huggingfaceModel: a model cannot have blob and huggingface references together; give one of: blob: --blobUrl \[--blobRegion\]; docker: /,
    );
  });
});

describe('referenceFromFlags for the explainer and transformer', () => {
  const docker = { explainerDockerImage: 'acme/explainer:1', explainerDockerUri: '/explain' };
  it.each([
    ['docker+blob', { explainerBlobUrl: 's3://acme-models/explainer' }, ['blob', 'docker']],
    ['docker+mlflow', { explainerMlflowModel: 'churn-explainer' }, ['docker', 'mlflow']],
    ['docker+databricks', { explainerDatabricksModel: 'main.default.explainer' }, ['databricks', 'docker']],
  ])('allows the explainer pair %s', (_pair, extra, kinds) => {
    const built = referenceFromFlags({ ...docker, ...extra }, 'explainer', 'explainer');
    expect(built.problems).toEqual([]);
    expect(Object.keys(built.file!.reference).sort()).toEqual(kinds);
  });

  it('allows every single kind for the explainer', () => {
    for (const kind of REFERENCE_KINDS) {
      const flags = Object.fromEntries(
        kindFlagSpecs('explainer', [kind])
          .filter((s) => s.required)
          .map((s) => [s.flag, s.example]),
      );
      expect(referenceFromFlags(flags, 'explainer', 'explainer').problems).toEqual([]);
    }
  });

  it('refuses a pair the explainer does not allow', () => {
    const [problem] = referenceFromFlags({ explainerBlobUrl: 's3://acme-models/x', explainerMlflowModel: 'm' }, 'explainer', 'explainer').problems;
    expect(problem).toMatch(/^--explainerBlobUrl, --explainerMlflowModel: an explainer cannot have blob and mlflow references together; give one of: /);
  });

  it('builds a transformer from docker, with an optional blob', () => {
    const built = referenceFromFlags(
      {
        transformerDockerImage: 'acme/transformer:1',
        transformerDockerUri: '/transform',
        transformerDockerPort: '9000',
        transformerBlobUrl: 'gs://acme-models/t',
      },
      'transformer',
      'transformer',
    );
    expect(built.file).toEqual({ reference: { blob: { url: 'gs://acme-models/t' }, docker: { image: 'acme/transformer:1', uri: '/transform', port: 9000 } } });
  });

  it('refuses a transformer without docker', () => {
    const [problem] = referenceFromFlags({ transformerBlobUrl: 's3://acme-models/t' }, 'transformer', 'transformer').problems;
    expect(problem).toBe(
      '--transformerBlobUrl: a transformer cannot have a blob reference; give one of: docker: --transformerDockerImage --transformerDockerUri [--transformerDockerPort]; blob: --transformerBlobUrl [--transformerBlobRegion] + docker: --transformerDockerImage --transformerDockerUri [--transformerDockerPort]',
    );
  });

  it('refuses an unprefixed kind the artifact cannot hold (reference --artifact=transformer)', () => {
    const [problem] = referenceFromFlags({ mlflowModel: 'churn' }, '', 'transformer').problems;
    expect(problem).toMatch(/^--mlflowModel: a transformer cannot have a mlflow reference; give one of: docker: --dockerImage/);
  });
});
