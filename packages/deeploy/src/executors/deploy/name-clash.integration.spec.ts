/**
 * `team/a-b` and `team-a/b` both default to the deployment name `team-a-b` (issue 12, item 3):
 * validate and deploy refuse the clash, naming both projects and the fix, before anything is sent.
 */
import type { ExecutorContext } from '@nx/devkit';
import { batchInput, runBatch } from '../testing/batch-harness';
import { createHarness, plain, type Harness } from '../testing/harness';
import validateExecutor from '../validate/executor';
import deployBatch from './batch';
import deployExecutor from './executor';

const A = 'team/a-b';
const B = 'team-a/b';

describe('deployment names that clash', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    for (const project of [A, B]) writeContract(project);
    h.repo.commit('two contracts whose default names clash');
    h.repo.push();
    h.printed.length = 0;
  });
  afterEach(() => h.close());

  function writeContract(project: string, options: Record<string, unknown> = {}) {
    h.repo.writeJson(`${project}/model/reference.json`, { reference: { blob: { url: `s3://acme-models/${project}/v1` } } });
    h.repo.writeJson(`${project}/project.json`, { name: project, targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN', ...options } } } });
  }
  /** The context Nx hands a task of `project`, in a workspace of both projects. */
  function contextOf(project: string, target = 'deeploy-deploy'): ExecutorContext {
    const context = h.context(project, target);
    const projects = { ...h.context(A).projectsConfigurations.projects, ...h.context(B).projectsConfigurations.projects };
    return { ...context, projectsConfigurations: { version: 2, projects } };
  }

  it('deploy refuses the clash before any request, naming both projects and the fix', async () => {
    expect(await deployExecutor(h.options('deeploy-deploy', {}, A), contextOf(A))).toEqual({ success: false });
    expect(h.requests()).toEqual([]);
    expect(plain(h.printed)).toEqual([
      `[${A}] deploy failed: deployment name "team-a-b" is also that of project ${B} (a default name is the project name with "/" turned into "-"), and each contract needs its own deployment: set a unique "name" in ${A}/project.json at targets.deeploy-deploy.options.name (or in ${B}/project.json at targets.deeploy-deploy.options.name)`,
    ]);
  });

  it('validate refuses it too, in each of the two projects', async () => {
    expect(await validateExecutor({}, contextOf(B, 'deeploy-validate'))).toEqual({ success: false });
    expect(plain(h.printed)[0]).toBe(
      `${B}/project.json at targets.deeploy-deploy.options.name: deployment name "team-a-b" is also that of project ${A} (a default name is the project name with "/" turned into "-"), and each contract needs its own deployment: set a unique "name" in ${B}/project.json at targets.deeploy-deploy.options.name (or in ${A}/project.json at targets.deeploy-deploy.options.name)`,
    );
    expect(await validateExecutor({}, contextOf(A, 'deeploy-validate'))).toEqual({ success: false });
  });

  it('deploys both once one sets its own name, alone and in a batch', async () => {
    writeContract(B, { name: 'team-a-slash-b' });
    h.repo.commit('a name of its own');
    h.repo.push();
    expect(await validateExecutor({}, contextOf(A, 'deeploy-validate'))).toEqual({ success: true });
    expect(await validateExecutor({}, contextOf(B, 'deeploy-validate'))).toEqual({ success: true });

    expect(await deployExecutor(h.options('deeploy-deploy', {}, A), contextOf(A))).toEqual({ success: true });
    const results = await runBatch(
      deployBatch,
      batchInput(h, [
        [A, 'deeploy-deploy'],
        [B, 'deeploy-deploy'],
      ]),
    );
    expect(results.map((r) => r.success)).toEqual([true, true]);
    expect(
      h
        .deployments()
        .map((d) => [d.name, d.activeVersion.contractPath])
        .sort(),
    ).toEqual([
      ['team-a-b', A],
      ['team-a-slash-b', B],
    ]);
  });

  it('the batch refuses the clash as a task alone does', async () => {
    const results = await runBatch(
      deployBatch,
      batchInput(h, [
        [A, 'deeploy-deploy'],
        [B, 'deeploy-deploy'],
      ]),
    );
    expect(results.map((r) => r.success)).toEqual([false, false]);
    expect(plain([results[0].terminalOutput])[0]).toContain('is also that of project');
    expect(h.requests()).toEqual([]);
  });
});
