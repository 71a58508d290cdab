import { buildContractProject, targetRunning } from './build-targets';
import { normalizePluginOptions } from './plugin-options';

describe('buildContractProject', () => {
  it('makes a contract folder a project with validate, deploy and update targets', () => {
    expect(buildContractProject('models/churn', normalizePluginOptions({}), 'deeploy')).toEqual({
      root: 'models/churn',
      name: 'models/churn',
      projectType: 'application',
      tags: ['deeploy'],
      metadata: {
        description: 'Deeploy contract models/churn',
        technologies: ['deeploy'],
        targetGroups: { Deeploy: ['deeploy-validate', 'deeploy-deploy', 'deeploy-update'] },
      },
      targets: {
        'deeploy-validate': {
          executor: 'deeploy:validate',
          cache: true,
          inputs: ['{projectRoot}/**/*'],
          outputs: [],
          metadata: {
            description: 'Check the Deeploy contract in models/churn and its deploy settings, offline',
            technologies: ['deeploy'],
            help: { command: 'npx nx run models/churn:deeploy-validate --help', example: { options: { verbose: true } } },
          },
        },
        'deeploy-deploy': {
          executor: 'deeploy:deploy',
          cache: false,
          inputs: ['{projectRoot}/**/*', '^default'],
          outputs: [],
          metadata: {
            description: 'Create or update the Deeploy deployment of models/churn (skipped when it already runs this contract)',
            technologies: ['deeploy'],
            help: { command: 'npx nx run models/churn:deeploy-deploy --help', example: { options: { dryRun: true } } },
          },
        },
        'deeploy-update': {
          executor: 'deeploy:update',
          cache: false,
          inputs: ['{projectRoot}/**/*', '^default'],
          outputs: [],
          metadata: {
            description: 'Update the existing Deeploy deployment of models/churn',
            technologies: ['deeploy'],
            help: { command: 'npx nx run models/churn:deeploy-update --help', example: { options: { dryRun: true } } },
          },
        },
      },
    });
  });

  it('names the root contract with the rootProjectName option', () => {
    const project = buildContractProject('.', normalizePluginOptions({ rootProjectName: 'churn' }), 'deeploy');
    expect(project).toMatchObject({ root: '.', name: 'churn', metadata: { description: 'Deeploy contract at the workspace root' } });
    expect(project.targets?.['deeploy-validate'].metadata?.description).toBe(
      'Check the Deeploy contract in the workspace root and its deploy settings, offline',
    );
  });

  it('prefixes the executors with the name the plugin is installed under', () => {
    const plain = buildContractProject('m', normalizePluginOptions({}), 'nx-deeploy');
    expect(Object.values(plain.targets ?? {}).map((t) => t.executor)).toEqual(['nx-deeploy:validate', 'nx-deeploy:deploy', 'nx-deeploy:update']);
  });

  it('uses the target names from the options everywhere', () => {
    const project = buildContractProject(
      'm',
      normalizePluginOptions({ validateTargetName: 'check', deployTargetName: 'ship', updateTargetName: 'refresh' }),
      'deeploy',
    );
    expect(Object.keys(project.targets ?? {})).toEqual(['check', 'ship', 'refresh']);
    expect(project.metadata?.targetGroups).toEqual({ Deeploy: ['check', 'ship', 'refresh'] });
    expect(project.targets?.ship.metadata?.help?.command).toBe('npx nx run m:ship --help');
  });
});

describe('buildContractProject with deployDependsOn', () => {
  const deployDependsOn = ['^build', { target: 'publish', projects: ['shared-features'] }];

  it('adds it as dependsOn to the deploy and update targets, not to validate (which stays offline and cheap)', () => {
    const targets = buildContractProject('models/churn', normalizePluginOptions({ deployDependsOn }), 'deeploy').targets ?? {};
    expect(targets['deeploy-deploy'].dependsOn).toEqual(deployDependsOn);
    expect(targets['deeploy-update'].dependsOn).toEqual(deployDependsOn);
    expect(targets['deeploy-validate']).not.toHaveProperty('dependsOn');
  });

  it('gives each target its own copy, so Nx merging one target never changes another or the options', () => {
    const options = normalizePluginOptions({ deployDependsOn });
    const targets = buildContractProject('m', options, 'deeploy').targets ?? {};
    (targets['deeploy-deploy'].dependsOn as unknown[]).push('extra');
    expect(targets['deeploy-update'].dependsOn).toEqual(deployDependsOn);
    expect(options.deployDependsOn).toEqual(deployDependsOn);
  });

  it('adds no dependsOn without the option', () => {
    const targets = buildContractProject('m', normalizePluginOptions({}), 'deeploy').targets ?? {};
    for (const target of Object.values(targets)) expect(target).not.toHaveProperty('dependsOn');
  });
});

describe('targetRunning', () => {
  const deploy = { executor: 'deeploy:deploy' };
  it('knows the deploy executor under the published name too', () => {
    expect(targetRunning({ ship: { executor: 'nx-deeploy:deploy' } }, 'deploy', 'deeploy-deploy')).toBe('ship');
    expect(targetRunning({ ship: { executor: 'other:deploy' } }, 'deploy', 'deeploy-deploy')).toBe('deeploy-deploy');
  });
  it("takes the plugin's name when that target runs the executor", () => {
    expect(targetRunning({ ship: deploy, 'deeploy-deploy': deploy }, 'deploy', 'deeploy-deploy')).toBe('deeploy-deploy');
  });
  it('finds a renamed target by its executor', () => {
    expect(targetRunning({ build: { executor: 'nx:noop' }, ship: deploy }, 'deploy', 'deeploy-deploy')).toBe('ship');
  });
  it("falls back to the plugin's name when no target runs it", () => {
    expect(targetRunning({}, 'deploy', 'deeploy-deploy')).toBe('deeploy-deploy');
  });
});
