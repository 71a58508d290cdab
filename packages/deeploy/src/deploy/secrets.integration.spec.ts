import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import deployExecutor from '../executors/deploy/executor';
import { createHarness, PROJECT, type Harness } from '../executors/testing/harness';

const ACCESS = 'canary-access-7f3a';
const SECRET = 'canary-secret-9b2c';
const WRONG = 'canary-wrong-1d4e';

describe('no secret reaches the output, the reports or the step summary', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ accessKey: ACCESS, secretKey: SECRET });
  });
  afterEach(() => h.close());

  it('holds for successes, refusals, rejected keys and a server that echoes the request, also with --verbose', async () => {
    const summary = join(h.repo.dir, '..', 'step-summary.md');
    h.setEnv({ GITHUB_STEP_SUMMARY: summary, GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1' });
    const deploy = (flags: Record<string, unknown> = {}) => deployExecutor(h.options('deeploy-deploy', flags), h.context());

    // A secret passed as an option is refused without being repeated.
    expect(await deploy({ secretKey: SECRET })).toEqual({ success: false });
    // A server that echoes the Authorization header and the key in an error.
    h.emulator.setFaults({
      serverErrors: {
        method: 'POST',
        path: '/deployments$',
        count: 1,
        status: 500,
        body: `<html>bad request key=${SECRET} user=${ACCESS}; authorization: Basic ${Buffer.from(`${ACCESS}:${SECRET}`).toString('base64')}</html>`,
      },
    });
    expect(await deploy({ verbose: true })).toEqual({ success: false });
    expect(h.printed.join('\n')).toContain('500 Internal Server Error: bad request key=[REDACTED] user=[REDACTED]');
    // Success, waiting for the rollout.
    expect(await deploy({ wait: true, waitIntervalSeconds: 0.02 })).toEqual({ success: true });
    // Keys Deeploy rejects.
    h.setEnv({ DEEPLOY_SECRET_KEY: WRONG });
    expect(await deploy({ force: true, verbose: true })).toEqual({ success: false });
    expect(h.printed.join('\n')).toContain('401');

    const reportDir = join(h.repo.dir, '.deeploy', 'reports');
    const texts = [...h.printed, ...readdirSync(reportDir).map((name) => readFileSync(join(reportDir, name), 'utf8')), readFileSync(summary, 'utf8')];
    expect(readFileSync(summary, 'utf8')).toContain(PROJECT);
    expect(readFileSync(summary, 'utf8').split('| Project |')).toHaveLength(2);
    const canaries = [ACCESS, SECRET, WRONG, Buffer.from(`${ACCESS}:${SECRET}`).toString('base64'), Buffer.from(`${ACCESS}:${WRONG}`).toString('base64')];
    for (const text of texts) {
      for (const canary of canaries) expect(text).not.toContain(canary);
    }
  });

  it('leaves the step summary to a later step with DEEPLOY_STEP_SUMMARY=false, still writing the report', async () => {
    const summary = join(h.repo.dir, '..', 'step-summary.md');
    h.setEnv({ GITHUB_STEP_SUMMARY: summary, DEEPLOY_STEP_SUMMARY: 'false' });
    expect(await deployExecutor(h.options('deeploy-deploy'), h.context())).toEqual({ success: true });
    expect(existsSync(summary)).toBe(false);
    expect(h.reportOf()).toMatchObject({ action: 'create', outcome: 'success' });
  });
});
