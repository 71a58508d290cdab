import deployBatch from '../deploy/batch';
import { batchInput, runBatch } from '../testing/batch-harness';
import { createHarness, plain, PROJECT, WORKSPACE_ID, type Harness } from '../testing/harness';
import updateBatch from './batch';

const DEPLOYED = [PROJECT, 'models/fraud'];
const NEW = 'models/pricing';

describe('update batch against the emulator and a real git repository', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  function writeContract(project: string, version: string) {
    h.repo.writeJson(`${project}/model/reference.json`, { reference: { blob: { url: `s3://acme-models/${project}/${version}` } } });
    h.repo.writeJson(`${project}/metadata.json`, { problemType: 'classification' });
    h.repo.writeJson(`${project}/project.json`, { name: project, targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN' } } } });
  }
  function commitAndPush(message: string): string {
    const head = h.repo.commit(message);
    h.repo.push();
    return head;
  }

  it('updates each deployed contract with one PATCH after the two shared lists; a contract without a deployment fails alone', async () => {
    writeContract('models/fraud', 'v1');
    commitAndPush('fraud');
    await runBatch(
      deployBatch,
      batchInput(
        h,
        DEPLOYED.map((p) => [p, 'deeploy-deploy'] as const),
      ),
    );
    const ids = new Map(h.deployments().map((d) => [d.activeVersion.contractPath, d.id]));
    for (const project of [...DEPLOYED, NEW]) writeContract(project, 'v2');
    const head = commitAndPush('v2 of every model');
    h.emulator.clearLog();

    const results = await runBatch(
      updateBatch,
      batchInput(
        h,
        [...DEPLOYED, NEW].map((p) => [p, 'deeploy-update'] as const),
      ),
    );

    expect(
      h
        .requests()
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual(
      [
        `GET /workspaces/${WORKSPACE_ID}/repositories`,
        // Two pages of the list, and a read of each deployment (the default dialect lists versions as ids).
        `GET /workspaces/${WORKSPACE_ID}/deployments`,
        `GET /workspaces/${WORKSPACE_ID}/deployments`,
        ...DEPLOYED.map((p) => `GET /workspaces/${WORKSPACE_ID}/deployments/${ids.get(p)}`),
        ...DEPLOYED.map((p) => `PATCH /workspaces/${WORKSPACE_ID}/deployments/${ids.get(p)}`),
      ].sort(),
    );
    for (const project of DEPLOYED) {
      const result = results.find((r) => r.task === `${project}:deeploy-update`);
      expect(result?.success).toBe(true);
      expect(plain([result?.terminalOutput ?? ''])[0]).toMatch(new RegExp(`^\\[${project}\\] updated deployment ${ids.get(project)} at ${head.slice(0, 7)}: `));
      expect(h.reportOf(project)).toMatchObject({ target: 'update', action: 'update', outcome: 'success', commit: head });
    }
    expect(results.find((r) => r.task === `${NEW}:deeploy-update`)).toEqual({
      task: `${NEW}:deeploy-update`,
      success: false,
      terminalOutput: `[${NEW}] update failed: no deployment of the contract "${NEW}" in repository models exists yet: run nx run ${NEW}:deeploy-deploy first to create it\n`,
    });
    expect(h.deployments()).toHaveLength(DEPLOYED.length);
  });
});
