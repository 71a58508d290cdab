import { describeReferenceChange, redactUrl } from './reference-diff';

describe('describeReferenceChange', () => {
  it('names the kind change and every field that differs', () => {
    const lines = describeReferenceChange(
      { reference: { blob: { url: 's3://acme-models/agenet/model', region: 'eu-west-1' } } },
      { reference: { docker: { image: 'docker.io/acme/agenet:1.2.3', uri: '/model:predict', port: 8000 } } },
    );
    expect(lines).toEqual([
      'kind: blob → docker',
      'blob.region: removed (was "eu-west-1")',
      'blob.url: removed (was "s3://acme-models/agenet/model")',
      'docker.image: set to "docker.io/acme/agenet:1.2.3"',
      'docker.port: set to 8000',
      'docker.uri: set to "/model:predict"',
    ]);
  });

  it('lists only the changed fields when the kind stays', () => {
    expect(
      describeReferenceChange(
        { reference: { docker: { image: 'acme/x:1', uri: '/p', port: 80 } } },
        { reference: { docker: { image: 'acme/x:2', uri: '/p', port: 80 } } },
      ),
    ).toEqual(['docker.image: "acme/x:1" → "acme/x:2"']);
  });

  it('is empty when nothing changes', () => {
    expect(describeReferenceChange({ reference: { huggingface: { model: 'gpt2' } } }, { reference: { huggingface: { model: 'gpt2' } } })).toEqual([]);
  });

  it('never prints credentials or signed query strings of an old URL', () => {
    const lines = describeReferenceChange(
      { reference: { blob: { url: 'https://acct.blob.core.windows.net/models/x?sv=2020&sig=SECRETSIG' } } },
      { reference: { blob: { url: 's3://acme-models/x' } } },
    );
    expect(lines.join('\n')).not.toContain('SECRETSIG');
    expect(lines).toContain('blob.url: "https://acct.blob.core.windows.net/models/x?…" → "s3://acme-models/x"');
    expect(redactUrl('s3://user:pass@bucket/x')).toBe('s3://bucket/x');
  });
});
