import type { NxJsonConfiguration } from '@nx/devkit';
import { deeployPluginEntries, normalizePluginOptions, pluginEntryFor } from './plugin-options';

describe('normalizePluginOptions', () => {
  it('fills in the default target names and root project name', () => {
    const defaults = {
      validateTargetName: 'deeploy-validate',
      deployTargetName: 'deeploy-deploy',
      updateTargetName: 'deeploy-update',
      rootProjectName: 'deeploy-contract',
    };
    expect(normalizePluginOptions(undefined)).toEqual(defaults);
    expect(normalizePluginOptions({})).toEqual(defaults);
  });

  it('keeps deploy settings it does not use, for the executors', () => {
    expect(normalizePluginOptions({ deployTargetName: 'ship', host: 'app.deeploy.ml', modelType: 'PYTORCH' })).toMatchObject({
      deployTargetName: 'ship',
      host: 'app.deeploy.ml',
      modelType: 'PYTORCH',
    });
  });

  it('keeps deployDependsOn: target names and Nx dependsOn objects, with fields newer Nx versions add', () => {
    const deployDependsOn = [
      '^build',
      'lint',
      { target: 'publish', projects: ['shared-features'], params: 'forward' },
      { target: 'build', dependencies: true, options: 'forward' },
    ];
    expect(normalizePluginOptions({ deployDependsOn }).deployDependsOn).toEqual(deployDependsOn);
    expect(normalizePluginOptions({}).deployDependsOn).toBeUndefined();
  });

  const entryRule = 'must be a target name such as "^build" or an Nx dependsOn object such as { "target": "build", "projects": ["shared-features"] }';

  it.each([
    [
      { deployDependsOn: '^build' },
      'nx.json: the options of the "deeploy" plugin are invalid: "deployDependsOn" must be a list like Nx\'s dependsOn, e.g. ["^build"] or [{ "target": "build", "projects": ["shared-features"] }]',
    ],
    [{ deployDependsOn: ['^ build'] }, `nx.json: the options of the "deeploy" plugin are invalid: "deployDependsOn.0" ${entryRule}`],
    [{ deployDependsOn: ['^build', 7] }, `"deployDependsOn.1" ${entryRule}`],
    [{ deployDependsOn: [{ projects: ['a'] }] }, `"deployDependsOn.0" ${entryRule}`],
    [{ deployDependsOn: [{ target: '^build', projects: ['a'] }] }, `"deployDependsOn.0" ${entryRule}`],
    [{ deployDependsOn: [{ target: 'build', params: 'always' }] }, `"deployDependsOn.0" ${entryRule}`],
    [{ deployDependsOn: [{ target: 'build', projects: [''] }] }, `"deployDependsOn.0" ${entryRule}`],
    [{ deployDependsOn: [{ target: 'build', projects: ['a'], dependencies: true }] }, `"deployDependsOn.0" ${entryRule}`],
    [{ deployDependsOn: [''] }, `"deployDependsOn.0" ${entryRule}`],
    [
      { deployTargetName: 'deploy me' },
      'nx.json: the options of the "deeploy" plugin are invalid: "deployTargetName" must be a target name without spaces or ":" (e.g. "deeploy-deploy")',
    ],
    [{ validateTargetName: 'a:b' }, /"validateTargetName" must be a target name without spaces or ":"/],
    [{ updateTargetName: 7 }, /"updateTargetName" Invalid input: expected string, received number/],
    [{ rootProjectName: '' }, /"rootProjectName" must be a project name without spaces/],
    [{ deployTargetName: 'same', updateTargetName: 'same' }, /the three target names must differ \(got deeploy-validate, same, same\)/],
    ['deeploy', /expected object/],
  ])('refuses %j with one line naming nx.json and the option', (options, message) => {
    expect(() => normalizePluginOptions(options)).toThrow(message);
    try {
      normalizePluginOptions(options);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('plugin entries in nx.json', () => {
  const nxJson: NxJsonConfiguration = {
    plugins: [
      '@nx/js/typescript',
      'deeploy',
      { plugin: 'other', options: { deployTargetName: 'x' } },
      {
        plugin: 'deeploy',
        include: ['legacy/**/*'],
        options: { deployTargetName: 'legacy-deploy', validateTargetName: 'legacy-validate', modelType: 'SKLEARN' },
      },
    ],
  };

  it('lists only the deeploy entries, with their index and options', () => {
    expect(deeployPluginEntries(nxJson)).toEqual([
      { index: 1, options: {} },
      { index: 3, options: { deployTargetName: 'legacy-deploy', validateTargetName: 'legacy-validate', modelType: 'SKLEARN' } },
    ]);
    expect(deeployPluginEntries({})).toEqual([]);
    expect(deeployPluginEntries(undefined)).toEqual([]);
  });

  it('picks the entry whose target names the project has', () => {
    expect(pluginEntryFor(nxJson, ['legacy-validate', 'legacy-deploy', 'deeploy-update'])?.index).toBe(3);
    expect(pluginEntryFor(nxJson, ['deeploy-validate', 'deeploy-deploy', 'deeploy-update'])?.index).toBe(1);
    expect(pluginEntryFor(nxJson, ['build'])?.index).toBe(1);
    expect(pluginEntryFor({ plugins: ['@nx/js'] }, ['build'])).toBeUndefined();
  });
});
