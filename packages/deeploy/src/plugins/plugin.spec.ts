import type { CreateNodesContextV2, ProjectConfiguration } from '@nx/devkit';
// Nx's own file index, to list the files our glob selects exactly as Nx does (test only).
import { WorkspaceContext } from 'nx/src/native';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type FileMap, makeTempWorkspace, removeTempDir } from '../contract/testing/temp-workspace';
import { createNodes, createNodesV2 } from './plugin';
import type { DeeployPluginOptions } from './plugin-options';

const blobReference = { reference: { blob: { url: 's3://bucket/model' } } };

describe('createNodesV2', () => {
  let workspace: string;
  afterEach(() => removeTempDir(workspace));

  /** Writes `files`, globs them as Nx would, and runs the plugin over the matches. */
  async function inferProjects(files: FileMap, options?: Record<string, unknown>, installedAs?: string): Promise<Record<string, ProjectConfiguration>> {
    workspace = makeTempWorkspace(files);
    if (installedAs !== undefined) {
      // As npm leaves it: node_modules/<name> is this package (a workspace link here).
      mkdirSync(join(workspace, 'node_modules'), { recursive: true });
      symlinkSync(resolve(__dirname, '..', '..'), join(workspace, 'node_modules', installedAs), 'dir');
    }
    const [glob, createNodesFunction] = createNodesV2;
    const matches = new WorkspaceContext(workspace, join(workspace, '.nx', 'workspace-data')).glob([glob]);
    const context: CreateNodesContextV2 = { workspaceRoot: workspace, nxJsonConfiguration: {} };
    const results = await createNodesFunction(matches, options, context);
    const projects: Record<string, ProjectConfiguration> = {};
    for (const [, result] of results) Object.assign(projects, result.projects);
    return projects;
  }

  const summary = (projects: Record<string, ProjectConfiguration>) =>
    Object.entries(projects).map(([root, project]) => ({ root, name: project.name, targets: Object.keys(project.targets ?? {}) }));

  it('makes every contract folder a project, at any depth, named by its whole path', async () => {
    const projects = await inferProjects({
      'subfolder_1/model/reference.json': blobReference,
      'subfolder_1/explainer/reference.json': blobReference,
      'subfolder_1/metadata.json': {},
      'subfolder_2/model/model.joblib': 'x',
      'teams/risk/models/fraud/model/model.onnx': 'x',
      'docs/model-notes.md': 'not a contract',
      'lib/models/reference.json': 'not in a model/ folder',
      'torch/model/model-store/model.mar': 'a deeper model file does not mark torch/ as a contract',
      'node_modules/pkg/model/reference.json': 'ignored like everything in node_modules',
    });
    expect(summary(projects)).toEqual([
      { root: 'subfolder_1', name: 'subfolder_1', targets: ['deeploy-validate', 'deeploy-deploy', 'deeploy-update'] },
      { root: 'subfolder_2', name: 'subfolder_2', targets: ['deeploy-validate', 'deeploy-deploy', 'deeploy-update'] },
      { root: 'teams/risk/models/fraud', name: 'teams/risk/models/fraud', targets: ['deeploy-validate', 'deeploy-deploy', 'deeploy-update'] },
    ]);
  });

  it('gives two folders with the same last segment different names', async () => {
    const projects = await inferProjects({ 'models/churn/model/model.bst': 'x', 'legacy/churn/model/reference.json': blobReference });
    expect(summary(projects).map((p) => p.name)).toEqual(['legacy/churn', 'models/churn']);
  });

  it('makes the workspace root a contract too, named by rootProjectName', async () => {
    const projects = await inferProjects({ 'model/reference.json': blobReference, 'nested/model/model.pkl': 'x' }, { rootProjectName: 'churn' });
    expect(summary(projects)).toEqual([
      { root: '.', name: 'churn', targets: ['deeploy-validate', 'deeploy-deploy', 'deeploy-update'] },
      { root: 'nested', name: 'nested', targets: ['deeploy-validate', 'deeploy-deploy', 'deeploy-update'] },
    ]);
    expect(projects['.'].targets?.['deeploy-validate'].inputs).toEqual(['{projectRoot}/**/*']);
  });

  it('makes one project of a folder that holds both a reference and a model file (validation reports it)', async () => {
    const [glob, createNodesFunction] = createNodesV2;
    workspace = makeTempWorkspace({ 'a/model/reference.json': blobReference, 'a/model/model.joblib': 'x' });
    const matches = new WorkspaceContext(workspace, join(workspace, '.nx', 'workspace-data')).glob([glob]);
    expect(matches).toHaveLength(2);
    const results = await createNodesFunction(matches, {}, { workspaceRoot: workspace, nxJsonConfiguration: {} });
    expect(results.map(([file, result]) => [file, Object.keys(result.projects ?? {})])).toEqual([['a/model/model.joblib', ['a']]]);
  });

  it('uses custom target names', async () => {
    const projects = await inferProjects(
      { 'm/model/reference.json': blobReference },
      { validateTargetName: 'check', deployTargetName: 'ship', updateTargetName: 'refresh', host: 'example.deeploy.ml' },
    );
    expect(projects.m.targets).toMatchObject({
      check: { executor: 'nx-deeploy:validate', cache: true },
      ship: { executor: 'nx-deeploy:deploy', cache: false },
      refresh: { executor: 'nx-deeploy:update', cache: false },
    });
    expect(projects.m.metadata?.targetGroups).toEqual({ Deeploy: ['check', 'ship', 'refresh'] });
  });

  it("adds deployDependsOn as dependsOn of every contract's deploy and update targets", async () => {
    const projects = await inferProjects({ 'a/model/reference.json': blobReference, 'b/model/model.onnx': 'x' }, { deployDependsOn: ['^build'] });
    for (const root of ['a', 'b']) {
      expect(projects[root].targets?.['deeploy-deploy'].dependsOn).toEqual(['^build']);
      expect(projects[root].targets?.['deeploy-update'].dependsOn).toEqual(['^build']);
      expect(projects[root].targets?.['deeploy-validate'].dependsOn).toBeUndefined();
    }
  });

  it.each([
    ['deeploy', 'deeploy:deploy'],
    ['nx-deeploy', 'nx-deeploy:deploy'],
  ])('names the executors after the package the workspace installed it as (%s)', async (installedAs, executor) => {
    const projects = await inferProjects({ 'm/model/reference.json': blobReference }, {}, installedAs);
    expect(projects.m.targets?.['deeploy-deploy'].executor).toBe(executor);
  });

  it('gives the same output whatever order the files come in', async () => {
    workspace = makeTempWorkspace({});
    const files = ['b/model/reference.json', 'a/model/model.x', 'c/d/model/reference.json', 'a/model/reference.json'];
    const context = { workspaceRoot: workspace, nxJsonConfiguration: {} };
    const forward = await createNodesV2[1](files, {}, context);
    const backward = await createNodesV2[1]([...files].reverse(), {}, context);
    expect(backward).toEqual(forward);
    expect(forward.map(([file]) => file)).toEqual(['a/model/model.x', 'b/model/reference.json', 'c/d/model/reference.json']);
  });

  it('fails with one clear line for invalid options', async () => {
    workspace = makeTempWorkspace({});
    await expect(
      createNodesV2[1](['m/model/reference.json'], { deployTargetName: 'de ploy' }, { workspaceRoot: workspace, nxJsonConfiguration: {} }),
    ).rejects.toThrow(
      'nx.json: the options of the "deeploy" plugin are invalid: "deployTargetName" must be a target name without spaces or ":" (e.g. "deeploy-deploy")',
    );
  });

  it('fails with one clear line for a bad deployDependsOn', async () => {
    workspace = makeTempWorkspace({});
    await expect(
      createNodesV2[1](['m/model/reference.json'], { deployDependsOn: 'build' } as unknown as DeeployPluginOptions, {
        workspaceRoot: workspace,
        nxJsonConfiguration: {},
      }),
    ).rejects.toThrow(/^nx\.json: the options of the "deeploy" plugin are invalid: "deployDependsOn" must be a list like Nx.s dependsOn/);
  });

  it('is exported under both names Nx looks for', () => {
    workspace = makeTempWorkspace({});
    expect(createNodes).toBe(createNodesV2);
  });
});
