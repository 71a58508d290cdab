import deployExecutor from '../executors/deploy/executor';
import { createHarness, plain, PROJECT, type Harness } from '../executors/testing/harness';
import { runDeeployTask } from './deeploy-task';

/** A failure no check foresaw, as a bug or an odd environment would cause. */
const unexpected = {
  createApi: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'id')");
  },
};
const FAILURE_LINE = `[${PROJECT}] deploy failed with an unexpected error: Cannot read properties of undefined (reading 'id'); run again with --verbose for the details`;

describe('--verbose prints the stack trace the failure line asks for', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it.each([
    ['the verbose option', { verbose: true }, false],
    ['nx --verbose (the context says so)', {}, true],
  ])('with %s', async (_, flags, isVerbose) => {
    const result = await runDeeployTask('deploy', h.options('deeploy-deploy', flags), { ...h.context(), isVerbose }, unexpected);
    expect(result).toEqual({ success: false });
    const [line, stack, ...rest] = plain(h.printed);
    expect(line).toBe(FAILURE_LINE);
    expect(stack).toMatch(/^\[models\/churn\] TypeError: Cannot read properties of undefined \(reading 'id'\)\n\s+at /);
    expect(rest).toEqual([]);
  });

  it('and nothing but the line without it', async () => {
    expect(await runDeeployTask('deploy', h.options('deeploy-deploy'), h.context(), unexpected)).toEqual({ success: false });
    expect(plain(h.printed)).toEqual([FAILURE_LINE]);
  });

  it('through the executor, for a failure of the Deeploy API too', async () => {
    h.setEnv({ DEEPLOY_SECRET_KEY: 'a-wrong-secret-key' });
    expect(await deployExecutor(h.options('deeploy-deploy'), { ...h.context(), isVerbose: true })).toEqual({ success: false });
    const printed = plain(h.printed);
    expect(printed[0]).toMatch(/^\[models\/churn\] deploy failed: GET \/workspaces\/[^ ]+\/repositories failed: 401 Unauthorized/);
    expect(printed[1]).toMatch(/^\[models\/churn\] DeeployApiError: .*\n\s+at /);
    h.printed.length = 0;
    expect(await deployExecutor(h.options('deeploy-deploy'), h.context())).toEqual({ success: false });
    expect(plain(h.printed)).toHaveLength(1);
  });
});
