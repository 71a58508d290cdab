/**
 * Validate refuses the deploy settings deploy refuses, with the same line (issue 13 item 3): both
 * executors run on one real workspace, as Nx runs them, and nothing is sent.
 */
import type { ExecutorContext } from '../../nx/devkit';
import deployExecutor from '../deploy/executor';
import { createHarness, plain, PROJECT, WORKSPACE_ID, type Harness } from '../testing/harness';
import validateExecutor from './executor';

describe('validate and deploy refuse the same settings', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  const withPluginOptions = (context: ExecutorContext, extra: Record<string, unknown>): ExecutorContext => ({
    ...context,
    nxJsonConfiguration: { plugins: [{ plugin: 'deeploy', options: { apiUrl: h.emulator.url, workspaceId: WORKSPACE_ID, ...extra } }] },
  });

  /** The line each executor prints first, and that both failed. */
  async function run(pluginOptions: Record<string, unknown> = {}): Promise<{ deploy: string; validate: string }> {
    expect(await deployExecutor(h.options('deeploy-deploy'), withPluginOptions(h.context(), pluginOptions))).toEqual({ success: false });
    const deploy = plain(h.printed)[0];
    h.printed.length = 0;
    expect(await validateExecutor({}, withPluginOptions(h.context(PROJECT, 'deeploy-validate'), pluginOptions))).toEqual({ success: false });
    const validate = plain(h.printed)[0];
    expect(h.requests()).toEqual([]);
    return { deploy, validate };
  }

  it('a misspelt option in the plugin options of nx.json', async () => {
    const line = 'nx.json at plugins[0].options: unknown option "workspaceID"; check the spelling against the deeploy executor options (see the README)';
    expect(await run({ workspaceID: WORKSPACE_ID })).toEqual({ deploy: `[${PROJECT}] deploy failed: ${line}`, validate: line });
  });

  it('a value the option does not take, and a secret-looking option, in the deploy target options of project.json', async () => {
    const rule = 'must be a whole number of megabytes';
    const where = 'targets.deeploy-deploy.options.modelMemLimit';
    h.repo.writeJson(`${PROJECT}/project.json`, { name: PROJECT, targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN', modelMemLimit: 1.5 } } } });
    expect(await run()).toEqual({
      // Nx hands deploy its target options and flags merged; validate reads the target options apart.
      deploy: `[${PROJECT}] deploy failed: ${PROJECT}/project.json or the command line at ${where}: ${rule}`,
      validate: `${PROJECT}/project.json at ${where}: ${rule}`,
    });

    h.printed.length = 0;
    h.repo.writeJson(`${PROJECT}/project.json`, { name: PROJECT, targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN', secretKey: 'sk-51d0' } } } });
    const refusal =
      '"secretKey" looks like a secret and is refused (option values can end up in files, logs and Nx\'s task summary); remove it and set it in the environment variable DEEPLOY_SECRET_KEY instead';
    const lines = await run();
    expect(lines).toEqual({
      deploy: `[${PROJECT}] deploy failed: ${PROJECT}/project.json or the command line at targets.deeploy-deploy.options.secretKey: ${refusal}`,
      validate: `${PROJECT}/project.json at targets.deeploy-deploy.options.secretKey: ${refusal}`,
    });
    expect(h.printed.join('\n')).not.toContain('sk-51d0');
  });
});
