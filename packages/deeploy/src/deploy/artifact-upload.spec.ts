import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planArtifactUploads, uploadArtifacts, uploadedLocation } from './artifact-upload';
import { deploySettingsChanged } from './settings-diff';

describe('route 3 upload planning and upload', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'deeploy-upload-'));
    mkdirSync(join(root, 'ws', 'churn', 'model'), { recursive: true });
    mkdirSync(join(root, 'ws', 'out', 'sub'), { recursive: true });
    writeFileSync(join(root, 'ws', 'churn', 'model', 'reference.json'), '{}');
    writeFileSync(join(root, 'ws', 'out', 'model.joblib'), 'abc');
    writeFileSync(join(root, 'ws', 'out', 'sub', 'vocab.txt'), 'defg');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const plan = (path: string, artifact: 'model' | 'explainer' = 'model') =>
    planArtifactUploads({
      workspaceRoot: join(root, 'ws'),
      projectRoot: 'churn',
      contractPath: 'repo/churn',
      sources: [{ artifact, path, option: 'modelArtifact' }],
    });

  it('places each file of a folder under the repository-relative artifact folder', () => {
    const [upload] = plan('out');
    expect(upload.folderPath).toBe('repo/churn/model');
    expect(upload.referencePath).toBe('repo/churn/model/reference.json');
    expect(upload.files.map((f) => [f.folderPath, f.fileName, f.size])).toEqual([
      ['repo/churn/model', 'model.joblib', 3],
      ['repo/churn/model/sub', 'vocab.txt', 4],
    ]);
  });

  it('refuses missing paths, paths leaving the workspace, and a model file that would clash with the reference', () => {
    expect(() => plan('nope')).toThrow('option "modelArtifact": "nope" does not exist; build the artifact first');
    expect(() => plan('../elsewhere')).toThrow('option "modelArtifact": "../elsewhere" contains ".."');
    writeFileSync(join(root, 'ws', 'churn', 'model', 'model.pkl'), 'x');
    expect(() => plan('out')).toThrow('model/model.pkl is in the contract');
  });

  it('points at the artifact folder when the stored path names it, and keeps a path without it as Deeploy gave it', () => {
    const at = (referencePath: string, folderPath = 'repo/churn/model/sub', fileName = 'vocab.txt') =>
      uploadedLocation({ referencePath, folderPath, fileName }, 'repo/churn/model');
    expect(at('s3://b/ws/repo/u-1/repo/churn/model/sub/vocab.txt')).toBe('s3://b/ws/repo/u-1/repo/churn/model');
    // A bucket or prefix that happens to hold the folder's name does not fool the cut.
    expect(at('s3://model/x/repo/churn/model/model/sub/vocab.txt', 'repo/churn/model/model/sub')).toBe('s3://model/x/repo/churn/model');
    expect(at('s3://b/u-1/repo/churn/model/sub')).toBe('s3://b/u-1/repo/churn/model');
    expect(at('w/repositories/r/commits/u')).toBe('w/repositories/r/commits/u');
    expect(at('w/repositories/r/commits/u/vocab.txt')).toBe('w/repositories/r/commits/u');
  });

  it('writes nothing, with one line, when Deeploy answers with a path that is not a reference Deeploy reads', async () => {
    const answer = (referencePath: string) => () => Promise.resolve({ referencePath });
    const file = join(root, 'ws', 'churn', 'model', 'reference.json');
    await expect(uploadArtifacts(plan('out/model.joblib'), answer('../../etc/passwd'))).rejects.toThrow(
      'Deeploy answered the upload with the storage path "../../etc/passwd", which is not a URL; give a blob URL such as',
    );
    // A signed URL is refused, and its signature is not repeated.
    const signed = await uploadArtifacts(plan('out/model.joblib'), answer('s3://bucket/x?X-Amz-Signature=SIGNATURE')).catch((e: Error) => e.message);
    expect(signed).toMatch(/^Deeploy answered the upload with the storage path "s3:\/\/bucket\/x", which must not carry a signed or token query string/);
    expect(signed).not.toContain('SIGNATURE');
    let n = 0;
    await expect(uploadArtifacts(plan('out'), () => Promise.resolve({ referencePath: `s3://bucket-${++n}/x` }))).rejects.toThrow(
      'Deeploy stored the files of one upload in different places ("s3://bucket-1/x", "s3://bucket-2/x"); the 2 files were uploaded, but repo/churn/model/reference.json was not changed',
    );
    expect(readFileSync(file, 'utf8')).toBe('{}');
  });

  it('uploads every file with one upload id and writes a blob reference to the folder', async () => {
    const calls: { uploadId: string; folderPath: string; fileName: string; content: string }[] = [];
    const written = await uploadArtifacts(plan('out', 'explainer'), async (file) => {
      calls.push({ ...file, content: file.content.toString() });
      return { referencePath: `s3://store/${file.uploadId}/${file.folderPath}/${file.fileName}` };
    });
    expect(new Set(calls.map((c) => c.uploadId)).size).toBe(1);
    expect(calls.map((c) => c.content)).toEqual(['abc', 'defg']);
    expect(written).toEqual(['repo/churn/explainer/reference.json']);
    const reference = JSON.parse(readFileSync(join(root, 'ws', 'churn', 'explainer', 'reference.json'), 'utf8'));
    expect(reference).toEqual({ reference: { blob: { url: `s3://store/${calls[0].uploadId}/repo/churn/explainer` } } });
  });
});

describe('deploySettingsChanged', () => {
  const project = (options: Record<string, unknown>) => JSON.stringify({ name: 'p', targets: { 'deeploy-deploy': { options } } });

  it('counts only what an update sends: not create-only fields, approvers or how the task runs', () => {
    const base = { modelType: 'SKLEARN' };
    for (const unsent of [
      { useCaseId: '22222222-2222-4222-8222-222222222222' },
      { documentationTemplateIds: ['d'] },
      { approverUserIds: ['u1'] },
      { messageToApprovers: 'hi' },
      { waitTimeoutSeconds: 60 },
      { writeTimeoutSeconds: 600 },
    ]) {
      expect({ unsent, changed: deploySettingsChanged(project(base), project({ ...base, ...unsent })) }).toEqual({ unsent, changed: false });
    }
    for (const sent of [
      { guardrailIds: ['g'] },
      { autoScalingType: 1 },
      { region: 'eu-west-1' },
      { url: 'https://m.example.com' },
      { deploymentType: 'Sagemaker' },
    ]) {
      expect({ sent, changed: deploySettingsChanged(project(base), project({ ...base, ...sent })) }).toEqual({ sent, changed: true });
    }
  });

  it('ignores name, description and key order, and sees every deployed option', () => {
    expect(deploySettingsChanged(project({ modelType: 'SKLEARN', name: 'a' }), project({ name: 'b', description: 'x', modelType: 'SKLEARN' }))).toBe(false);
    expect(deploySettingsChanged(project({ modelType: 'SKLEARN' }), project({ modelType: 'SKLEARN', modelMemLimit: 512 }))).toBe(true);
    expect(deploySettingsChanged(undefined, project({}))).toBe(false);
    expect(deploySettingsChanged(undefined, project({ modelType: 'SKLEARN' }))).toBe(true);
  });
});
