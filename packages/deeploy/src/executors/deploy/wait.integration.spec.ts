import { execFileSync } from 'node:child_process';
import { taskLookups } from '../../deploy/deeploy-lookups';
import { runDeeployTask } from '../../deploy/deeploy-task';
import { createHarness, plain, PROJECT, type Harness } from '../testing/harness';
import deployExecutor from './executor';

const FAST_WAIT = { wait: true, waitIntervalSeconds: 0.02, progressIntervalSeconds: 0.05 };

describe('deploy executor --wait', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('waits until the deployment runs', async () => {
    h = await createHarness();
    expect(await deployExecutor(h.options('deeploy-deploy', FAST_WAIT), h.context())).toEqual({ success: true });
    const id = h.deployments()[0].id;
    const lines = plain(h.printed);
    expect(lines[1]).toBe(`[${PROJECT}] waiting for deployment ${id} to run (deadline 600 s)`);
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^\\[models/churn\\] deployment ${id} is running \\(after \\d+ s\\)$`));
    expect(h.reportOf()).toMatchObject({ outcome: 'success', status: 'running' });
  });

  it('fails with the server’s reason when the rollout fails', async () => {
    const harness = (h = await createHarness());
    // The branch disappears from the remote between our checks and the rollout, as when someone
    // deletes it meanwhile: Deeploy cannot read the contract and says so.
    const deleteBranchFirst = (api: Parameters<typeof taskLookups>[0]) => {
      const lookups = taskLookups(api);
      return {
        ...lookups,
        repositories: () => {
          execFileSync('git', ['--git-dir', harness.repo.origin, 'update-ref', '-d', 'refs/heads/main']);
          return lookups.repositories();
        },
      };
    };
    const result = await runDeeployTask('deploy', harness.options('deeploy-deploy', FAST_WAIT), harness.context(), { lookups: deleteBranchFirst });
    expect(result).toEqual({ success: false });
    const id = harness.deployments()[0].id;
    expect(plain(harness.printed).pop()).toBe(
      `[${PROJECT}] deploy failed: deployment ${id} failed on Deeploy: branch "main" does not exist in repository models; fix the cause and deploy again`,
    );
    expect(harness.reportOf()).toMatchObject({ action: 'create', outcome: 'failure', status: 'failed', deploymentId: id });
  });

  it('stops at its deadline with a distinct timeout message, printing progress meanwhile', async () => {
    h = await createHarness({ emulator: { readyDelayMs: 60_000 } });
    const options = h.options('deeploy-deploy', { ...FAST_WAIT, waitTimeoutSeconds: 0.3 });
    expect(await deployExecutor(options, h.context())).toEqual({ success: false });
    const id = h.deployments()[0].id;
    const lines = plain(h.printed);
    expect(lines.some((l) => l.startsWith(`[${PROJECT}] deployment ${id} still pending after`))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(
      new RegExp(
        `^\\[models/churn\\] deploy failed: timed out after \\d+ s waiting for deployment ${id} to run \\(still pending\\); it may still come up: check it in Deeploy, or raise waitTimeoutSeconds$`,
      ),
    );
    expect(h.reportOf()).toMatchObject({ outcome: 'failure', status: 'timeout' });
  });
});
