import type { ExecutorContext } from '@nx/devkit';
import { settingsLayersOf } from './context-layers';
import { readExternalSecret, readKeyPair, secretValues } from './credentials';
import { isSecretLookingKey, resolveSettings, type SettingsLayer } from './resolve-settings';

const plugin = (values: Record<string, unknown>): SettingsLayer => ({ file: 'nx.json', optionsPath: 'plugins[0].options', values });
const own = (values: Record<string, unknown>): SettingsLayer => ({
  file: 'models/churn/project.json or the command line',
  optionsPath: 'targets.deeploy-deploy.options',
  values,
});

describe('resolveSettings', () => {
  it('lets later layers win key by key, applies defaults last, and says where each value came from', () => {
    const { settings, sources } = resolveSettings(
      [plugin({ workspaceId: 'ws-1', deploymentType: 'Sagemaker', remote: 'upstream' }), own({ deploymentType: 'KServe', modelType: 'PYTORCH' })],
      {},
    );
    expect(settings).toMatchObject({
      workspaceId: 'ws-1',
      deploymentType: 'KServe',
      modelType: 'PYTORCH',
      remote: 'upstream',
      waitTimeoutSeconds: 600,
      dryRun: false,
    });
    expect(sources.workspaceId).toBe('nx.json at plugins[0].options.workspaceId');
    expect(sources.deploymentType).toBe('models/churn/project.json or the command line at targets.deeploy-deploy.options.deploymentType');
  });

  it('puts the environment above every option layer and treats empty variables as unset', () => {
    const { settings, sources } = resolveSettings([plugin({ workspaceId: 'ws-file', host: 'a.example' }), own({ apiUrl: 'http://127.0.0.1:1' })], {
      DEEPLOY_WORKSPACE_ID: 'ws-env',
      DEEPLOY_API_URL: 'http://127.0.0.1:2',
      DEEPLOY_HOST: '',
    });
    expect([settings.workspaceId, settings.apiUrl, settings.host]).toEqual(['ws-env', 'http://127.0.0.1:2', 'a.example']);
    expect(sources.workspaceId).toBe('DEEPLOY_WORKSPACE_ID (environment)');
  });

  it('turns on dry run from NX_DRY_RUN=true', () => {
    expect(resolveSettings([], { NX_DRY_RUN: 'true' }).settings.dryRun).toBe(true);
  });

  it('skips the plugin’s own options in the plugin layer but refuses unknown ones', () => {
    const layer = { ...plugin({ deployTargetName: 'ship', workspaceId: 'w' }), foreignKeys: ['deployTargetName'] };
    expect(resolveSettings([layer], {}).settings.workspaceId).toBe('w');
    expect(() => resolveSettings([plugin({ workspaceID: 'w' })], {})).toThrow(
      'nx.json at plugins[0].options: unknown option "workspaceID"; check the spelling',
    );
  });

  it('names the layer, the option and the rule of a bad value', () => {
    expect(() => resolveSettings([own({ modelType: 'pytorch' })], {})).toThrow(
      'models/churn/project.json or the command line at targets.deeploy-deploy.options.modelType: "pytorch" is not spelled as Deeploy spells it; write "PYTORCH"',
    );
    expect(() => resolveSettings([plugin({ modelMemLimit: 1.5 })], {})).toThrow(
      'nx.json at plugins[0].options.modelMemLimit: must be a whole number of megabytes',
    );
  });

  it.each([
    ['secretKey', 'DEEPLOY_SECRET_KEY'],
    ['accessKey', 'DEEPLOY_ACCESS_KEY'],
    ['token', 'DEEPLOY_TOKEN'],
    ['deployToken', 'DEEPLOY_TOKEN'],
    ['password', 'DEEPLOY_ACCESS_KEY, DEEPLOY_SECRET_KEY or DEEPLOY_TOKEN'],
  ])('refuses a secret-looking option %s in any layer and points at %s', (key, envVar) => {
    for (const layer of [plugin({ [key]: 'canary' }), own({ [key]: 'canary' })]) {
      let message = '';
      try {
        resolveSettings([layer], {});
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(`${layer.file} at ${layer.optionsPath}.${key}: "${key}" looks like a secret and is refused`);
      expect(message).toContain(envVar);
      expect(message).not.toContain('canary');
    }
  });

  it('does not take credential ids for secrets', () => {
    expect(['modelBlobCredentialsId', 'modelDockerCredentialsId', 'oauthScope'].filter(isSecretLookingKey)).toEqual([]);
    expect(['apiKey', 'credentials', 'authorization', 'privateKey'].every(isSecretLookingKey)).toBe(true);
  });
});

describe('readKeyPair', () => {
  it('reads the key pair from the environment', () => {
    expect(readKeyPair({ DEEPLOY_ACCESS_KEY: 'a', DEEPLOY_SECRET_KEY: 's' })).toEqual({ kind: 'basic', accessKey: 'a', secretKey: 's' });
    expect(secretValues({ DEEPLOY_ACCESS_KEY: 'a', DEEPLOY_TOKEN: 't', OTHER: 'x' })).toEqual(['a', 't']);
  });
  it('says which variable is missing, and refuses a token alone as Deeploy’s clients do', () => {
    expect(() => readKeyPair({ DEEPLOY_ACCESS_KEY: 'a' })).toThrow('DEEPLOY_ACCESS_KEY is set but DEEPLOY_SECRET_KEY is not');
    expect(() => readKeyPair({ DEEPLOY_TOKEN: 't' })).toThrow('only with a personal key pair, and only DEEPLOY_TOKEN is set');
    expect(() => readKeyPair({})).toThrow('no Deeploy credentials: set DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY');
  });
});

describe('settingsLayersOf', () => {
  const context = (plugins: unknown[]): ExecutorContext =>
    ({
      root: '/ws',
      cwd: '/ws',
      isVerbose: false,
      projectName: 'models/churn',
      targetName: 'deeploy-update',
      projectsConfigurations: {
        version: 2,
        projects: {
          'models/churn': {
            root: 'models/churn',
            targets: {
              'deeploy-deploy': { executor: 'deeploy:deploy', options: { modelType: 'SKLEARN', name: 'churn' } },
              'deeploy-update': { executor: 'deeploy:update', options: {} },
            },
          },
        },
      },
      nxJsonConfiguration: { plugins },
      projectGraph: { nodes: {}, dependencies: {} },
    }) as unknown as ExecutorContext;

  it('reads the plugin entry in object form, and update falls back to the deploy target options', () => {
    const ctx = context(['@nx/js', { plugin: 'deeploy', options: { workspaceId: 'w', deployTargetName: 'deeploy-deploy' } }]);
    const { settings, sources } = resolveSettings(settingsLayersOf(ctx, { name: 'flagged' }, 'update'), {});
    expect(settings).toMatchObject({ workspaceId: 'w', modelType: 'SKLEARN', name: 'flagged' });
    expect(sources.workspaceId).toBe('nx.json at plugins[1].options.workspaceId');
    expect(sources.modelType).toBe('models/churn/project.json at targets.deeploy-deploy.options.modelType');
  });

  it('accepts the string form of the plugin entry', () => {
    const layers = settingsLayersOf(context(['deeploy']), {}, 'deploy');
    expect(layers.map((l) => l.file)).toEqual(['nx.json', 'models/churn/project.json or the command line']);
  });

  it('refuses leftover positional arguments', () => {
    expect(() => settingsLayersOf(context([]), { _: ['oops'] }, 'deploy')).toThrow('unexpected argument "oops"');
  });
});

describe('options that belong to one deployment type', () => {
  const error = (layers: SettingsLayer[]) => {
    try {
      resolveSettings(layers, {});
    } catch (e) {
      return (e as Error).message;
    }
    return undefined;
  };

  it('refuses an option of another type with one line naming where it was written and the types that take it', () => {
    expect(error([own({ region: 'eu-west-1' })])).toBe(
      'models/churn/project.json or the command line at targets.deeploy-deploy.options.region: "region" is taken only by Sagemaker deployments, and this contract deploys as KServe (deploymentType); remove it, or change deploymentType',
    );
    expect(error([plugin({ modelCpuLimit: 1 }), own({ deploymentType: 'AzureML' })])).toBe(
      'nx.json at plugins[0].options.modelCpuLimit: "modelCpuLimit" is taken only by KServe deployments, and this contract deploys as AzureML (deploymentType); remove it, or change deploymentType',
    );
    expect(error([own({ deploymentType: 'Registration', guardrailIds: ['g'] })])).toMatch(
      /guardrailIds: "guardrailIds" is taken by KServe, Sagemaker, AzureML and External deployments, and this contract deploys as Registration/,
    );
    expect(error([own({ deploymentType: 'Sagemaker', region: 'eu-west-1', transformerInstanceType: 'ml.c5' })])).toBeUndefined();
  });

  it('asks an External deployment for what its authentication method uses, and refuses what it does not', () => {
    const external = (values: Record<string, unknown>) => own({ deploymentType: 'External', url: 'https://m.example.com/p', ...values });
    expect(error([own({ deploymentType: 'External', authentication: 'none' })])).toBe(
      'an External deployment needs "url" (the URL of the endpoint Deeploy calls); set it in the contract\'s deploy target options',
    );
    expect(error([external({ authentication: 'oauth', username: 'client' })])).toBe(
      'oauth authentication of an External deployment needs "tokenUrl"; set it in the contract\'s deploy target options',
    );
    expect(error([external({ authentication: 'bearer', username: 'u' })])).toBe(
      'models/churn/project.json or the command line at targets.deeploy-deploy.options.username: "username" is not used by bearer authentication; remove it, or change authentication',
    );
    expect(error([external({ authentication: 'basic', username: 'u' })])).toBeUndefined();
    expect(error([external({ authentication: 'basic', username: 'u', url: 'https://u:p@m.example.com' })])).toMatch(/url: must not embed credentials/);
  });

  it('refuses the External secret as an option: it comes only from the environment', () => {
    expect(error([own({ deploymentType: 'External', password: 'hunter2' })])).toMatch(/"password" looks like a secret and is refused/);
  });
});

describe('readExternalSecret', () => {
  const settingsOf = (values: Record<string, unknown>) =>
    resolveSettings([own({ deploymentType: 'External', url: 'https://m.example.com/p', ...values })], {}).settings;

  it('reads the secret from DEEPLOY_EXTERNAL_SECRET, or the variable externalSecretEnv names, and redacts it', () => {
    expect(readExternalSecret({ DEEPLOY_EXTERNAL_SECRET: 'tok' }, settingsOf({ authentication: 'bearer' }))).toBe('tok');
    expect(readExternalSecret({ CHURN_TOKEN: 'abc' }, settingsOf({ authentication: 'bearer', externalSecretEnv: 'CHURN_TOKEN' }))).toBe('abc');
    expect(secretValues({ DEEPLOY_EXTERNAL_SECRET: 'tok' })).toContain('tok');
    expect(readExternalSecret({}, settingsOf({ authentication: 'none' }))).toBeUndefined();
  });

  it('says which variable to set when the method needs a secret and it is missing', () => {
    expect(() =>
      readExternalSecret({ DEEPLOY_EXTERNAL_SECRET: ' ' }, settingsOf({ authentication: 'custom', username: 'x-api-key', externalSecretEnv: 'CHURN_KEY' })),
    ).toThrow(
      'custom authentication of this External deployment needs its secret in the environment variable CHURN_KEY: set it there (or name another variable with "externalSecretEnv"); secrets are never read from options',
    );
  });
});
