import { blobUrlProblem, contractPathProblem, dockerImageProblem, normalizeContractPath, portProblem, routeProblem, s3BucketProblem } from './validators';

const HEX64 = 'a'.repeat(64);

describe('dockerImageProblem', () => {
  it.each([
    'nginx',
    'nginx:latest',
    'docker.io/acme/model:1.2.3',
    `localhost:5000/a/b@sha256:${HEX64}`,
    'ghcr.io/org/img:v1',
    'registry.example.com:443/team/sub/model_v2:2024.01-rc_1',
    'a__b/c--d/e.f',
    `acme/model:1.0@sha256:${'0123456789abcdef'.repeat(4)}`,
    'localhost/model',
    '[::1]:5000/model:dev',
    'GHCR.io/org/img',
    `img:${'t'.repeat(128)}`,
    `${'a'.repeat(255)}`,
  ])('accepts %s', (ref) => {
    expect(dockerImageProblem(ref)).toBeUndefined();
  });

  it.each([
    ['', /must not be empty/],
    ['docker.io/Acme/model:1', /uppercase letters in "Acme".*lowercase/],
    ['Nginx', /uppercase letters in "Nginx"/],
    // Docker would read "Acme" as a registry host; a registry needs a "." or ":port", so this is a typo.
    ['Acme/model', /uppercase letters in "Acme"/],
    [`nginx:${'t'.repeat(129)}`, /invalid tag.*1-128/],
    ['nginx:-dev', /invalid tag "-dev"/],
    ['nginx:', /invalid tag ""/],
    [`${'a'.repeat(256)}`, /name of 256 characters; an image name is at most 255/],
    [`docker.io/${'a'.repeat(250)}`, /name of 260 characters/],
    ['nginx@sha256:abc', /invalid digest "sha256:abc"/],
    [`nginx@sha256:${'A'.repeat(64)}`, /sha256 digest is 64 lowercase hex digits/],
    [`nginx@sha256:${'a'.repeat(63)}`, /invalid digest/],
    [`nginx@md5${HEX64}`, /invalid digest/],
    ['https://docker.io/acme/model:1', /must not start with a URL scheme/],
    ['docker://acme/model', /must not start with a URL scheme/],
    ['acme/model name', /whitespace/],
    ['acme//model', /invalid path component ""/],
    ['acme/-model', /invalid path component "-model"/],
    ['acme/model.', /invalid path component "model\."/],
    ['bad_host.io:port/model', /invalid registry "bad_host.io:port"/],
    ['ghcr.io/', /invalid path component ""/],
  ])('refuses %j', (ref, message) => {
    expect(dockerImageProblem(ref)).toMatch(message);
  });
});

describe('portProblem', () => {
  it.each([1, 80, 8080, 65535])('accepts %d', (port) => expect(portProblem(port)).toBeUndefined());
  it.each([0, -1, 65536, 80.5, '8080', null, undefined, Number.NaN])('refuses %j', (port) => {
    expect(portProblem(port)).toMatch(/whole number from 1 to 65535/);
  });
});

describe('routeProblem', () => {
  it.each(['/', '/predict', '/v1/models/model:predict', '/health?ready=1'])('accepts %s', (uri) => {
    expect(routeProblem(uri)).toBeUndefined();
  });
  it.each([
    ['predict', /must start with "\/"/],
    ['', /must start with "\/"/],
    ['/pre dict', /whitespace/],
    ['/a\nb', /whitespace \(got "\/a\\nb"\)/],
    ['/http://host/predict', /not a full URL/],
  ])('refuses %j', (uri, message) => {
    const problem = routeProblem(uri);
    expect(problem).toMatch(message);
    expect(problem).not.toContain('\n');
  });
});

describe('s3BucketProblem', () => {
  it.each(['abc', 'my-bucket', 'my.bucket.v2', 'a'.repeat(63), '1bucket'])('accepts %s', (bucket) => {
    expect(s3BucketProblem(bucket)).toBeUndefined();
  });
  it.each([
    ['ab', /3-63/],
    ['a'.repeat(64), /3-63/],
    ['My-Bucket', /3-63 lowercase/],
    ['my_bucket', /3-63/],
    ['-bucket', /starting and ending/],
    ['bucket-', /starting and ending/],
    ['my..bucket', /must not contain "\.\."/],
    ['192.168.1.1', /IP address/],
    ['xn--bucket', /prefix is reserved/],
    ['sthree-bucket', /prefix is reserved/],
    ['bucket-s3alias', /suffix is reserved/],
    ['bucket--ol-s3', /suffix is reserved/],
  ])('refuses %s', (bucket, message) => {
    expect(s3BucketProblem(bucket)).toMatch(message);
  });
});

const U = '11111111-1111-4111-8111-111111111111';

describe('blobUrlProblem', () => {
  it.each([
    's3://my-bucket/models/churn',
    's3://my.bucket/model/',
    's3://bucket',
    'gs://my_bucket/path/to/model',
    `gs://${'a'.repeat(63)}.${'b'.repeat(63)}/m`,
    'https://account1.blob.core.windows.net/models/churn/v1',
    'https://ACCOUNT1.blob.core.windows.net/my-container/x',
    // Deeploy's own store, as its upload endpoint returns a path (no scheme), with or without the folder.
    `${U}/repositories/${U}/commits/${U}`,
    `${U}/repositories/${U}/commits/${U}/models/churn/model`,
  ])('accepts %s', (url) => {
    expect(blobUrlProblem(url)).toBeUndefined();
  });

  it.each([
    ['not a url', /whitespace/],
    ['bucket/path', /is not a URL/],
    ['models/churn/model', /a path without a scheme is taken only in the form Deeploy's upload returns/],
    [`${U}/repositories/${U}/commits/${U}/../../x`, /must not contain "." or ".." segments/],
    [`${U}/repositories/${U}`, /is not a URL/],
    [`${U}/repositories/${U}/commits/${U}/a?sig=x`, /is not a URL/],
    ['s3://My_Bucket/x', /invalid S3 bucket "My_Bucket"/],
    ['s3://ab/x', /invalid S3 bucket "ab"/],
    ['s3://bucket:9000/x', /must not have a port/],
    ['s3:///path', /invalid S3 bucket ""/],
    ['gs://-bucket/x', /invalid Google Cloud Storage bucket "-bucket"/],
    [`gs://${'a'.repeat(64)}/x`, /invalid Google Cloud Storage bucket/],
    ['https://example.com/models/x', /not Azure Blob Storage/],
    ['https://Bad_Account.blob.core.windows.net/c/x', /invalid Azure storage account/],
    ['https://account1.blob.core.windows.net/', /names no Azure container/],
    ['https://account1.blob.core.windows.net/Bad--Container/x', /invalid Azure container "Bad--Container"/],
    ['http://account1.blob.core.windows.net/c/x', /must use https/],
    ['ftp://host/x', /unsupported scheme "ftp:"/],
    ['s3://AKIAEXAMPLE:s3cr3t@bucket/x', /must not embed credentials/],
    ['https://user:pw@account1.blob.core.windows.net/cont/x', /must not embed credentials/],
    ['https://account1.blob.core.windows.net/cont/x?sv=2022-11-02&sig=abcdef', /signed or token query string/],
    ['s3://bucket/x?X-Amz-Signature=abc&X-Amz-Credential=AKIA', /signed or token query string/],
    ['gs://bucket/x?X-Goog-Signature=abc', /signed or token query string/],
    // The URL parser drops newlines silently; that must not turn a broken value into a valid one.
    ['s3://buck\net/x', /whitespace or control characters/],
  ])('refuses %j', (url, message) => {
    expect(blobUrlProblem(url)).toMatch(message);
  });

  it('never repeats embedded credentials or signatures in its message', () => {
    for (const url of ['s3://AKIAEXAMPLE:s3cr3t@bucket/x', 'https://account1.blob.core.windows.net/cont/x?sv=1&sig=TOPSECRET']) {
      const problem = blobUrlProblem(url) ?? '';
      expect(problem).not.toMatch(/s3cr3t|AKIAEXAMPLE|TOPSECRET/);
    }
  });
});

describe('contractPathProblem', () => {
  it.each(['', '.', 'models/churn', './models/churn', 'models/churn/', 'a/./b', 'subfolder_1', 'a..b/c'])('accepts %j', (path) => {
    expect(contractPathProblem(path)).toBeUndefined();
  });
  it.each([
    ['/abs/path', /is absolute/],
    ['models\\churn', /backslash/],
    ['C:/models', /drive letter/],
    ['c:models', /drive letter/],
    ['..', /contains "\.\."/],
    ['models/../../etc', /contains "\.\."/],
    ['models/..', /contains "\.\."/],
    ['~/models', /"~"/],
    ['models\nchurn', /control character/],
    ['models\0', /control character/],
  ])('refuses %j', (path, message) => {
    const problem = contractPathProblem(path);
    expect(problem).toMatch(message);
    expect(problem).not.toContain('\n');
  });
});

describe('normalizeContractPath', () => {
  it.each([
    ['', ''],
    ['.', ''],
    ['./', ''],
    ['./models//churn/', 'models/churn'],
    ['a/./b', 'a/b'],
  ])('%j → %j', (input, output) => {
    expect(normalizeContractPath(input)).toBe(output);
  });
});
