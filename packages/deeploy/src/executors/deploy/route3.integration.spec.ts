import { UPLOAD_REFERENCE_FORMS, type UploadReferenceForm } from 'deeploy-emulator';
import deployExecutor from './executor';
import { createHarness, plain, PROJECT, REPOSITORY_ID, WORKSPACE_ID, type Harness } from '../testing/harness';

describe('deploy executor, route 3: local artifacts uploaded, referenced, committed, pushed, deployed', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    // A training target's output: a folder with a nested file, outside the contract.
    h.repo.write('dist/churn/model.joblib', 'model bytes');
    h.repo.write('dist/churn/extra/vocab.txt', 'a b c');
  });
  afterEach(() => h.close());

  const deploy = (flags: Record<string, unknown> = {}) => deployExecutor(h.options('deeploy-deploy', flags), h.context());

  it('uploads each file under one upload id, rewrites the reference, commits only it, pushes, and deploys that commit', async () => {
    h.repo.write('notes.txt', 'staged but not part of the contract\n');
    h.repo.git('add', 'notes.txt');
    const before = h.repo.head();

    expect(await deploy({ modelArtifact: 'dist/churn', push: true })).toEqual({ success: true });

    const uploads = h.requests().filter((r) => r.path.endsWith('/upload'));
    expect(uploads.map((u) => u.query.folderPath).sort()).toEqual([`${PROJECT}/model`, `${PROJECT}/model/extra`]);
    expect(new Set(uploads.map((u) => u.query.commitSha)).size).toBe(1);
    const uploadId = uploads[0].query.commitSha;

    const head = h.repo.head();
    expect(h.repo.git('rev-parse', 'HEAD~1')).toBe(before);
    expect(h.repo.git('diff', '--name-only', 'HEAD~1', 'HEAD')).toBe(`${PROJECT}/model/reference.json`);
    expect(h.repo.git('log', '-1', '--format=%s')).toBe(`deeploy: upload artifacts of ${PROJECT}`);
    expect(h.repo.git('status', '--porcelain', '--untracked-files=no')).toBe('A  notes.txt');
    expect(h.repo.git('ls-remote', 'origin', 'refs/heads/main').split('\t')[0]).toBe(head);
    expect(JSON.parse(h.repo.git('show', `HEAD:${PROJECT}/model/reference.json`))).toEqual({
      reference: {
        blob: { url: `s3://deeploy-emulator/${h.deployments()[0].workspaceId}/${h.deployments()[0].activeVersion.repositoryId}/${uploadId}/${PROJECT}/model` },
      },
    });

    expect(h.deployments()).toHaveLength(1);
    expect(h.deployments()[0].activeVersion.commit).toBe(head);
    expect(plain(h.printed)).toEqual([
      `[${PROJECT}] uploaded 2 files, committed ${head.slice(0, 7)} (${PROJECT}/model/reference.json) and pushed it to origin/main`,
      `[${PROJECT}] created deployment ${h.deployments()[0].id} at ${head.slice(0, 7)}`,
    ]);
  });

  it('refuses without --push, before uploading anything, saying the commit would not reach the remote', async () => {
    expect(await deploy({ modelArtifact: 'dist/churn' })).toEqual({ success: false });
    expect(h.requests()).toEqual([]);
    expect(plain(h.printed)).toEqual([
      `[${PROJECT}] deploy failed: modelArtifact would upload and commit a new reference, but that commit would not reach origin/main, which Deeploy reads: pass --push (or set "push": true) to push it`,
    ]);
  });

  it('in a dry run says what it would upload and deploy, and uploads, writes and commits nothing', async () => {
    const before = h.repo.head();
    expect(await deploy({ modelArtifact: 'dist/churn/model.joblib', push: true, dryRun: true })).toEqual({ success: true });
    expect(h.writes()).toEqual([]);
    expect(h.repo.head()).toBe(before);
    expect(h.repo.git('status', '--porcelain', '--', PROJECT)).toBe('');
    expect(plain(h.printed)).toEqual([
      `[${PROJECT}] dry run: would upload 1 file (11 B) from dist/churn/model.joblib to ${PROJECT}/model, rewrite ${PROJECT}/model/reference.json, commit and push to origin/main, then deploy that commit`,
      `[${PROJECT}] dry run: would create deployment "models-churn" at the new commit (branch main, contract ${PROJECT}); nothing was sent or written`,
    ]);
  });

  it('names the option when the artifact does not exist', async () => {
    expect(await deploy({ explainerArtifact: 'dist/missing', explainerType: 'SHAP_KERNEL', push: true })).toEqual({ success: false });
    expect(plain(h.printed)[0]).toContain(
      'option "explainerArtifact (models/churn/project.json or the command line at targets.deeploy-deploy.options.explainerArtifact)": "dist/missing" does not exist',
    );
  });
});

describe('deploy executor, route 3, whatever form of storage path Deeploy answers the upload with', () => {
  const storage = (upload: string) => `${WORKSPACE_ID}/repositories/${REPOSITORY_ID}/commits/${upload}`;
  const EXPECTED: Record<UploadReferenceForm, (upload: string) => string> = {
    's3-file': (upload) => `s3://deeploy-emulator/${WORKSPACE_ID}/${REPOSITORY_ID}/${upload}/${PROJECT}/model`,
    'storage-file': (upload) => `${storage(upload)}/${PROJECT}/model`,
    // No folder in the reply: written as Deeploy gave it, as Deeploy's own client does.
    'storage-commit': (upload) => storage(upload),
    's3-commit': (upload) => `s3://deeploy-emulator/${storage(upload)}`,
    'gs-file': (upload) => `gs://deeploy-emulator/${storage(upload)}/${PROJECT}/model`,
    'azure-file': (upload) => `https://deeployemulator.blob.core.windows.net/uploads/${storage(upload)}/${PROJECT}/model`,
  };

  it.each(UPLOAD_REFERENCE_FORMS.map((form) => [form]))('%s: writes a reference that the next run validates, and the deployment runs', async (form) => {
    const h = await createHarness({ emulator: { uploadReferenceForm: form } });
    try {
      h.repo.write('dist/churn/model.joblib', 'model bytes');
      h.repo.write('dist/churn/extra/vocab.txt', 'a b c');
      const deploy = (flags: Record<string, unknown> = {}) => deployExecutor(h.options('deeploy-deploy', flags), h.context());
      expect(await deploy({ modelArtifact: 'dist/churn', push: true, wait: true, waitIntervalSeconds: 0.05 })).toEqual({ success: true });
      const uploadId = h.requests().find((r) => r.path.endsWith('/upload'))?.query.commitSha as string;
      expect(JSON.parse(h.repo.git('show', `HEAD:${PROJECT}/model/reference.json`))).toEqual({ reference: { blob: { url: EXPECTED[form](uploadId) } } });
      // The next run reads the contract as committed: the written reference must pass our own validation.
      h.printed.length = 0;
      expect(await deploy()).toEqual({ success: true });
      expect(plain(h.printed)).toEqual([
        `[${PROJECT}] already deployed: deployment ${h.deployments()[0].id} is up to date (it runs commit ${h.repo.head().slice(0, 7)})`,
      ]);
    } finally {
      await h.close();
    }
  });
});
