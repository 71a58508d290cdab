import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { localGitDirOf } from './git-reader';
import { defaultSeed, DEFAULT_REPOSITORY_ID, DEFAULT_WORKSPACE_ID } from './seed';
import { startEmulator, type RunningEmulator } from './server';
import { DEPLOYMENT_STATUS } from './status';
import { createGitRemote, type GitRemote } from './testing/git-remote';
import { call } from './testing/http';

const WS = `/workspaces/${DEFAULT_WORKSPACE_ID}`;
const validReference = JSON.stringify({ reference: { docker: { image: 'acme/churn:1', uri: '/predict', port: 8080 } } });
const invalidReference = JSON.stringify({ reference: { docker: { image: 'acme/churn:1' } } });

describe('deployments of a contract read from a local git remote', () => {
  let remote: GitRemote;
  let emulator: RunningEmulator;
  beforeAll(() => {
    remote = createGitRemote();
  });
  afterAll(() => remote.cleanup());
  beforeEach(async () => {
    emulator = await startEmulator({ seed: defaultSeed(remote.bare), readyDelayMs: 30, dialect: 'classic' });
  });
  afterEach(() => emulator.stop());

  async function settled(id: string): Promise<Record<string, any>> {
    for (;;) {
      const deployment = (await call(emulator.url, 'GET', `${WS}/deployments/${id}`)).body;
      if (deployment.status !== DEPLOYMENT_STATUS.PENDING) return deployment;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function create(fields: Record<string, unknown>): Promise<Record<string, any>> {
    const answer = await call(emulator.url, 'POST', `${WS}/deployments`, {
      json: { repositoryId: DEFAULT_REPOSITORY_ID, branchName: 'main', modelType: 6, ...fields },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.status).toBe(DEPLOYMENT_STATUS.PENDING);
    return answer.body;
  }

  it('runs a valid contract at the requested commit after the ready delay', async () => {
    const sha = remote.commit({ 'models/churn/model/reference.json': validReference });
    const created = await create({ name: 'valid', commit: sha, contractPath: 'models/churn' });
    const deployment = await settled(created.id);
    expect(deployment.status).toBe(DEPLOYMENT_STATUS.RUNNING);
    expect(deployment.activeVersion.commit).toBe(sha);
    expect(deployment.statusMessage).toBeUndefined();
  });

  it('fails a commit whose contract is invalid, saying why', async () => {
    const sha = remote.commit({ 'models/broken/model/reference.json': invalidReference });
    const created = await create({ name: 'invalid', commit: sha, contractPath: 'models/broken' });
    const deployment = await settled(created.id);
    expect(deployment.status).toBe(DEPLOYMENT_STATUS.FAILED);
    expect(deployment.statusMessage).toBe(
      `invalid contract at commit ${sha.slice(0, 12)}: models/broken/model/reference.json: reference.docker.uri is required`,
    );
  });

  it('fails a commit or branch the remote does not have', async () => {
    const missingCommit = await settled((await create({ name: 'no-commit', commit: 'f'.repeat(40), contractPath: 'models/churn' })).id);
    expect(missingCommit).toMatchObject({ status: DEPLOYMENT_STATUS.FAILED, statusMessage: `commit ${'f'.repeat(40)} does not exist in repository models` });
    const missingBranch = await settled((await create({ name: 'no-branch', branchName: 'nope', contractPath: 'models/churn' })).id);
    expect(missingBranch).toMatchObject({ status: DEPLOYMENT_STATUS.FAILED, statusMessage: 'branch "nope" does not exist in repository models' });
  });

  it('deploys the branch head when no commit is given, and an update to a fixed commit runs again', async () => {
    remote.commit({ 'models/later/model/reference.json': invalidReference }, 'feature');
    const head = remote.commit({ 'models/later/README.md': 'still broken' }, 'feature');
    const created = await create({ name: 'head', branchName: 'feature', contractPath: 'models/later' });
    const failed = await settled(created.id);
    expect(failed).toMatchObject({ status: DEPLOYMENT_STATUS.FAILED, activeVersion: { commit: head, branchName: 'feature' } });

    const fixed = remote.commit({ 'models/later/model/reference.json': validReference }, 'feature');
    const updated = await call(emulator.url, 'PATCH', `${WS}/deployments/${created.id}`, { json: { commit: fixed } });
    expect(updated.body.status).toBe(DEPLOYMENT_STATUS.PENDING);
    const running = await settled(created.id);
    expect(running).toMatchObject({ status: DEPLOYMENT_STATUS.RUNNING, activeVersion: { commit: fixed } });
    expect(running.statusMessage).toBeUndefined();
  });

  it('reads a remote given as a file:// URL or as a non-bare repository', () => {
    expect(localGitDirOf(pathToFileURL(remote.bare).href)).toBe(remote.bare);
    expect(localGitDirOf(path.join(path.dirname(remote.bare), 'work'))).toBe(path.join(path.dirname(remote.bare), 'work', '.git'));
    expect(localGitDirOf('git@github.com:acme/models.git')).toBeUndefined();
    expect(localGitDirOf(path.join(path.dirname(remote.bare), 'missing'))).toBeUndefined();
  });
});
