import { createDeeployClient, type DeeployClientConfig } from '../api/client';
import { leakedFragment } from '../api/testing/secret-leaks';
import { createHarness, plain, PROJECT, type Harness } from '../executors/testing/harness';
import { runDeeployTask } from './deeploy-task';

const ACCESS = 'AKcanary-access-2Q';
const SECRET = 'Cn4ry-secret-7f/+=x9Lw';

describe('the reason a server gives for a failed rollout', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ accessKey: ACCESS, secretKey: SECRET });
  });
  afterEach(() => h.close());

  it('reaches the failure line tidied and cut: 150 KB with line breaks, workflow commands, terminal escapes and the key', async () => {
    const reason = `${'model failed to load '.repeat(7_500)}\n::error::injected\n\u001b[2J${SECRET}`;
    // The real client, with each deployment read back as failed for that reason.
    const createApi = (config: DeeployClientConfig) => {
      const client = createDeeployClient(config);
      return { ...client, getDeployment: async (id: string) => ({ ...(await client.getDeployment(id)), status: 2, statusMessage: `${SECRET} ${reason}` }) };
    };
    const started = Date.now();
    const result = await runDeeployTask('deploy', h.options('deeploy-deploy', { wait: true, waitIntervalSeconds: 0.02 }), h.context(), { createApi });
    expect(result).toEqual({ success: false });
    expect(Date.now() - started).toBeLessThan(5_000);
    const line = plain(h.printed).pop() ?? '';
    expect(line).toMatch(
      new RegExp(
        `^\\[${PROJECT}\\] deploy failed: deployment \\S+ failed on Deeploy: \\[REDACTED\\] model failed to load (model failed to load )+.*…; fix the cause and deploy again$`,
      ),
    );
    expect(line.length).toBeLessThan(400);
    // eslint-disable-next-line no-control-regex -- no newline and no terminal escape may reach the line
    expect(line).not.toMatch(/[\n\u001b]/);
    expect(leakedFragment(line, [ACCESS, SECRET])).toBeUndefined();
    expect(String(h.reportOf()?.message)).toBe(line.slice(`[${PROJECT}] deploy failed: `.length));
  });
});
