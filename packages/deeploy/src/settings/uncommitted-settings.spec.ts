import { PLUGIN_OWN_KEYS } from './context-layers';
import { SETTING_KEYS } from './settings-schema';
import { RUN_ONLY_KEYS, uncommittedDeploySettings } from './uncommitted-settings';

const nxJson = (options: Record<string, unknown>) => ({ plugins: ['@nx/js', { plugin: 'deeploy', options }] });
const TARGETS = ['deeploy-validate', 'deeploy-deploy', 'deeploy-update'];

describe('uncommittedDeploySettings', () => {
  it('names the deploy settings that differ from the committed nx.json, by where they are written', () => {
    expect(uncommittedDeploySettings(nxJson({ deploymentType: 'KServe' }), nxJson({ deploymentType: 'Sagemaker', region: 'eu-west-1' }), TARGETS)).toEqual([
      'plugins[1].options.deploymentType',
      'plugins[1].options.region',
    ]);
    expect(uncommittedDeploySettings(undefined, nxJson({ modelArgs: { a: 1, b: 2 } }), TARGETS)).toEqual(['plugins[1].options.modelArgs']);
  });

  it('ignores where and how a run goes, and key order', () => {
    const committed = nxJson({ apiUrl: 'https://api.example.com', modelArgs: { a: 1, b: 2 } });
    const current = nxJson({
      apiUrl: 'http://127.0.0.1:4010',
      workspaceId: 'w',
      requestTimeoutSeconds: 60,
      deployTargetName: 'deeploy-deploy',
      modelArgs: { b: 2, a: 1 },
    });
    expect(uncommittedDeploySettings(committed, current, TARGETS)).toEqual([]);
  });

  it('lists only options that exist as run-only settings', () => {
    for (const key of RUN_ONLY_KEYS) expect([...SETTING_KEYS, ...PLUGIN_OWN_KEYS]).toContain(key);
  });
});
