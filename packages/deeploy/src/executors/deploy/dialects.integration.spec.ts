/**
 * Issue 14's "done when": the deploy → re-run → change → update flow against every dialect of the
 * emulator, in a workspace crowded with other repositories' deployments, with one contract whose
 * deployment already exists somewhere in the middle of the list. Never a second deployment; a
 * re-run sends no write. `NX_BASE` is set as the generated pipelines set it (the previous run's
 * commit), which is what a dialect that never says the deployed commit relies on.
 */
import { DIALECT_PRESETS } from 'deeploy-emulator';
import { createHarness, PROJECT, WORKSPACE_ID, ACCESS_KEY, SECRET_KEY, type Harness } from '../testing/harness';
import deployExecutor from './executor';

const OTHER_REPOSITORY = { id: '2c4e6a80-1b3d-4f5a-8c7e-9d0f1a2b3c4d', name: 'others', remotePath: 'git@github.com:acme/others.git' };
const CONTRACTS = [PROJECT, 'models/fraud', 'models/pricing'];
const EXISTING = 'models/fraud';

describe.each(Object.keys(DIALECT_PRESETS))('the deploy flow against the "%s" dialect', (dialect) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ emulator: { dialect, readyDelayMs: 20 }, otherRepositories: [OTHER_REPOSITORY] });
  });
  afterEach(() => h.close());

  const writeContract = (project: string, version: string) => {
    h.repo.writeJson(`${project}/model/reference.json`, { reference: { blob: { url: `s3://acme-models/${project}/${version}` } } });
    h.repo.writeJson(`${project}/project.json`, { name: project, targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN' } } } });
  };
  const commitAndPush = (message: string) => {
    const sha = h.repo.commit(message);
    h.repo.push();
    return sha;
  };
  const deploy = async (project: string) => deployExecutor(h.options('deeploy-deploy', {}, project), h.context(project));
  const deployAll = async () => {
    const results = [];
    for (const project of CONTRACTS) results.push(await deploy(project));
    return results;
  };
  /** Deployments of other repositories, made the way any other client would make them. */
  const createOthers = async (from: number, count: number) => {
    const authorization = `Basic ${Buffer.from(`${ACCESS_KEY}:${SECRET_KEY}`).toString('base64')}`;
    for (let i = from; i < from + count; i++) {
      const body = { name: `other-${i}`, repositoryId: OTHER_REPOSITORY.id, branchName: 'main', modelType: 2, contractPath: `m/${i}` };
      const reply = await fetch(`${h.emulator.url}/workspaces/${WORKSPACE_ID}/deployments`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(reply.status).toBe(201);
    }
  };
  const ofContract = (project: string) =>
    h.deployments().filter((d) => d.activeVersion.repositoryId !== OTHER_REPOSITORY.id && d.activeVersion.contractPath === project);
  const writes = () =>
    h
      .writes()
      .map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}$/, (id) => `{${h.deployments().find((d) => d.id === id)?.activeVersion.contractPath ?? id}}`)}`);

  it('creates only for contracts without a deployment, updates the others, and a re-run sends no write', async () => {
    for (const project of CONTRACTS.slice(1)) writeContract(project, 'v1');
    const first = commitAndPush('three contracts');
    await createOthers(0, 12);
    expect(await deploy(EXISTING)).toEqual({ success: true });
    await createOthers(12, 14);
    writeContract(EXISTING, 'v2');
    const second = commitAndPush('fraud v2');
    h.setEnv({ NX_BASE: first });
    h.emulator.clearLog();

    expect((await deployAll()).every((r) => r.success)).toBe(true);
    const path = `/workspaces/${WORKSPACE_ID}/deployments`;
    expect(writes().sort()).toEqual([`PATCH ${path}/{${EXISTING}}`, `POST ${path}`, `POST ${path}`].sort());
    for (const project of CONTRACTS) expect(ofContract(project)).toHaveLength(1);
    expect(ofContract(EXISTING)[0].activeVersion.commit).toBe(second);

    h.setEnv({ NX_BASE: second });
    h.emulator.clearLog();
    expect((await deployAll()).every((r) => r.success)).toBe(true);
    expect(writes()).toEqual([]);

    writeContract(PROJECT, 'v2');
    const third = commitAndPush('churn v2');
    h.emulator.clearLog();
    expect((await deployAll()).every((r) => r.success)).toBe(true);
    expect(writes()).toEqual([`PATCH ${path}/{${PROJECT}}`]);
    expect(ofContract(PROJECT)[0].activeVersion.commit).toBe(third);
    expect(h.deployments()).toHaveLength(26 + CONTRACTS.length);
  });
});
