import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobFolderUrl, planArtifactUploads, uploadArtifacts } from './artifact-upload';
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
    planArtifactUploads({ workspaceRoot: join(root, 'ws'), projectRoot: 'churn', contractPath: 'repo/churn', sources: [{ artifact, path, option: 'modelArtifact' }] });

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

  it('cuts the stored path just after the artifact folder', () => {
    expect(blobFolderUrl('s3://b/ws/repo/u-1/repo/churn/model/sub/vocab.txt', 'repo/churn/model')).toBe('s3://b/ws/repo/u-1/repo/churn/model');
    expect(() => blobFolderUrl('s3://b/elsewhere/file', 'repo/churn/model')).toThrow('does not hold the folder "repo/churn/model"');
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
    for (const unsent of [{ useCaseId: '22222222-2222-4222-8222-222222222222' }, { documentationTemplateIds: ['d'] }, { approverUserIds: ['u1'] }, { messageToApprovers: 'hi' }, { waitTimeoutSeconds: 60 }, { writeTimeoutSeconds: 600 }]) {
      expect({ unsent, changed: deploySettingsChanged(project(base), project({ ...base, ...unsent })) }).toEqual({ unsent, changed: false });
    }
    for (const sent of [{ guardrailIds: ['g'] }, { autoScalingType: 1 }, { region: 'eu-west-1' }, { url: 'https://m.example.com' }, { deploymentType: 'Sagemaker' }]) {
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
