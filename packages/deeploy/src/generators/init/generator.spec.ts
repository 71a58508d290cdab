import { readNxJson, updateNxJson } from '@nx/devkit';
import type { NxJsonConfiguration, Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { captureLog, failureOf } from '../lib/testing/tree-helpers';
import { initGenerator } from './generator';

// This repository's package is not installed under the alias, so init registers the published name.
const REGISTERED = {
  plugin: 'nx-deeploy',
  options: { validateTargetName: 'deeploy-validate', deployTargetName: 'deeploy-deploy', updateTargetName: 'deeploy-update' },
};

describe('deeploy:init', () => {
  let tree: Tree;
  let log: ReturnType<typeof captureLog>;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    log = captureLog();
  });
  afterEach(() => log.restore());

  const plugins = () => readNxJson(tree)?.plugins;
  const setPlugins = (entries: NxJsonConfiguration['plugins']) => updateNxJson(tree, { ...readNxJson(tree)!, plugins: entries });

  it('registers the plugin in object form with the target names, and says so', async () => {
    setPlugins(['@nx/js/typescript']);
    await initGenerator(tree, { skipFormat: true });
    expect(plugins()).toEqual(['@nx/js/typescript', REGISTERED]);
    expect(log.lines()[0]).toBe(
      'Registered the deeploy plugin in nx.json as "nx-deeploy": every folder with model/reference.json or model/model.<ext> is now an Nx project with the targets deeploy-validate, deeploy-deploy, deeploy-update.',
    );
  });

  it('is idempotent: a second run changes nothing', async () => {
    await initGenerator(tree, { skipFormat: true });
    const nxJson = tree.read('nx.json', 'utf-8');
    const gitignore = tree.read('.gitignore', 'utf-8');
    await initGenerator(tree, { keepExistingVersions: true }); // formatting on, as nx add runs it
    expect(tree.read('nx.json', 'utf-8')).toBe(nxJson);
    expect(tree.read('.gitignore', 'utf-8')).toBe(gitignore);
    expect(plugins()).toEqual([REGISTERED]);
    expect(log.lines()).toContain('The deeploy plugin is already registered in nx.json; its entry is kept.');
  });

  it.each([
    ['string', 'deeploy'],
    ['object', { plugin: 'deeploy', options: { deployTargetName: 'ship' } }],
    ['string (published name)', 'nx-deeploy'],
  ])('does not add the plugin twice when it is registered in %s form', async (_form, entry) => {
    setPlugins([entry]);
    await initGenerator(tree, { skipFormat: true });
    expect(plugins()).toEqual([entry]);
  });

  it('puts --host and --workspaceId into the plugin options, also on an existing string entry', async () => {
    await initGenerator(tree, { skipFormat: true, host: 'app.deeploy.ml', workspaceId: 'ws-123' });
    expect(plugins()).toEqual([{ plugin: 'nx-deeploy', options: { ...REGISTERED.options, host: 'app.deeploy.ml', workspaceId: 'ws-123' } }]);

    setPlugins(['deeploy']);
    await initGenerator(tree, { skipFormat: true, host: 'example.deeploy.ml' });
    expect(plugins()).toEqual([{ plugin: 'deeploy', options: { host: 'example.deeploy.ml' } }]);
    expect(log.lines()).toContain('Set the deeploy plugin option host=example.deeploy.ml in nx.json.');
  });

  it('adds the report folder to .gitignore once, after what is there', async () => {
    tree.write('.gitignore', 'node_modules');
    await initGenerator(tree, { skipFormat: true });
    expect(tree.read('.gitignore', 'utf-8')).toBe('node_modules\n\n# deeploy task reports\n.deeploy/\n');
    expect(log.lines()).toContain('Added .deeploy/ (the deploy reports folder) to .gitignore.');
    tree.write('.gitignore', '/.deeploy\n');
    await initGenerator(tree, { skipFormat: true });
    expect(tree.read('.gitignore', 'utf-8')).toBe('/.deeploy\n');
  });

  it('recommends, and on request sets, projectsAffectedByDependencyUpdates to a value Nx 22.7 reads', async () => {
    await initGenerator(tree, { skipFormat: true });
    expect(readNxJson(tree)?.pluginsConfig).toBeUndefined();
    expect(log.lines().some((l) => l.startsWith('Recommended: a lockfile change marks every project affected'))).toBe(true);

    updateNxJson(tree, { ...readNxJson(tree)!, pluginsConfig: { '@nx/js': { analyzeSourceFiles: false } } });
    await initGenerator(tree, { skipFormat: true, setProjectsAffectedByDependencyUpdates: true });
    expect(readNxJson(tree)?.pluginsConfig).toEqual({ '@nx/js': { analyzeSourceFiles: false, projectsAffectedByDependencyUpdates: 'auto' } });
  });

  it('leaves project patterns the user chose for projectsAffectedByDependencyUpdates alone', async () => {
    updateNxJson(tree, { ...readNxJson(tree)!, pluginsConfig: { '@nx/js': { projectsAffectedByDependencyUpdates: ['tag:js'] } } });
    await initGenerator(tree, { skipFormat: true });
    expect(readNxJson(tree)?.pluginsConfig).toEqual({ '@nx/js': { projectsAffectedByDependencyUpdates: ['tag:js'] } });
    expect(log.lines().some((l) => l.startsWith('Recommended'))).toBe(false);
  });

  it.each([
    [
      { host: 'https://app.deeploy.ml' },
      'deeploy:init: --host "https://app.deeploy.ml" must not include a scheme; set --host to the bare domain "app.deeploy.ml" (the API URL becomes https://api.app.deeploy.ml), or use apiUrl (DEEPLOY_API_URL) for a full URL',
    ],
    [
      { host: 'api.example.deeploy.ml' },
      'deeploy:init: --host "api.example.deeploy.ml" must not start with "api."; write "example.deeploy.ml" (the client adds "api.")',
    ],
    [{ workspaceId: 'a b' }, 'deeploy:init: --workspaceId: "a b" is not a workspace id; copy the id from the Deeploy workspace settings'],
  ])('refuses a bad %j and writes nothing', async (options, message) => {
    expect(await failureOf(tree, () => initGenerator(tree, { skipFormat: true, ...options }))).toBe(message);
  });
});
