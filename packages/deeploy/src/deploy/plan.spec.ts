import { resolveSettings } from '../settings/resolve-settings';
import { desiredDeploymentOf, type DesiredDeployment } from './desired-deployment';
import { planDeployment, type CurrentDeployment } from './plan';
import { describePlan } from './plan-text';
import { selectDeployment } from './select-deployment';

const REPO = '11111111-1111-4111-8111-111111111111';
const C1 = 'a'.repeat(40);
const C2 = 'b'.repeat(40);

function desired(options: Record<string, unknown> = {}, commit = C1, modelType: 'SKLEARN' | 'XGBOOST' = 'SKLEARN'): DesiredDeployment {
  const { settings } = resolveSettings([{ file: 'project.json', optionsPath: 'targets.deeploy-deploy.options', values: options }], {});
  return desiredDeploymentOf({
    settings,
    types: { modelType, explainerType: 'NO_EXPLAINER', transformerType: 'NO_TRANSFORMER' },
    repositoryId: REPO,
    branch: 'main',
    commit,
    contractPath: 'models/churn',
    project: 'models/churn',
  });
}

const running: CurrentDeployment = {
  id: 'd1',
  name: 'models-churn',
  deploymentType: 'KServe',
  repositoryId: REPO,
  branchName: 'main',
  commit: C1,
  contractPath: 'models/churn',
  modelType: 'SKLEARN',
  explainerType: 'NO_EXPLAINER',
  transformerType: 'NO_TRANSFORMER',
};

describe('planDeployment', () => {
  it('creates when there is no deployment', () => {
    const plan = planDeployment(undefined, desired(), { force: false });
    expect(plan.action).toBe('create');
  });

  it('skips a deployment that runs the same commit', () => {
    expect(planDeployment(running, desired(), { force: false })).toEqual({ action: 'skip', deploymentId: 'd1', reason: `it runs commit ${C1.slice(0, 7)}` });
  });

  it('skips a newer commit when the contract files did not change, and updates when they did', () => {
    expect(planDeployment(running, desired({}, C2), { force: false, contentChanged: false }).action).toBe('skip');
    const plan = planDeployment(running, desired({}, C2), { force: false, contentChanged: true });
    expect(plan).toMatchObject({ action: 'update', changedFields: ['commit'], updateBody: { commit: C2 } });
    expect(plan).not.toHaveProperty('descriptionBody');
  });

  it('counts an unknown deployed commit as a change', () => {
    const plan = planDeployment({ ...running, commit: undefined }, desired(), { force: false });
    expect(plan).toMatchObject({ action: 'update', changedFields: ['commit'] });
  });

  it('sends a name change to /description only', () => {
    const plan = planDeployment(running, desired({ name: 'churn-v2', description: 'new' }), { force: false });
    expect(plan).toEqual({
      action: 'update',
      deploymentId: 'd1',
      changedFields: ['name', 'description'],
      descriptionBody: { name: 'churn-v2', description: 'new' },
    });
  });

  it('lists type changes, and redeploys everything with force', () => {
    expect(planDeployment(running, desired({ deploymentType: 'Sagemaker' }, C1, 'XGBOOST'), { force: false })).toMatchObject({
      changedFields: ['deploymentType', 'modelType'],
    });
    expect(planDeployment(running, desired(), { force: true })).toMatchObject({ action: 'update', changedFields: ['force'], updateBody: { commit: C1 } });
  });

  it('does not count fields the server did not report', () => {
    expect(planDeployment({ id: 'd1', name: 'models-churn', commit: C1 }, desired(), { force: false }).action).toBe('skip');
  });
});

describe('selectDeployment', () => {
  const wanted = { repositoryId: REPO, contractPath: 'models/churn', name: 'models-churn', settingsFile: 'models/churn/project.json' };

  it('finds the deployment of the same repository and contract path, whatever its name', () => {
    const other = { ...running, id: 'd2', contractPath: 'models/other' };
    expect(selectDeployment([other, { ...running, name: 'renamed', contractPath: 'models/churn/' }], wanted)).toMatchObject({
      how: 'contract',
      deployment: { id: 'd1' },
    });
  });

  it('falls back to the name only for deployments that do not say what they deploy', () => {
    const unknown = { id: 'd3', name: 'models-churn' };
    expect(selectDeployment([unknown], wanted)).toMatchObject({ how: 'name', deployment: { id: 'd3' } });
    expect(selectDeployment([{ ...running, contractPath: 'models/other' }], wanted)).toEqual({ how: 'none' });
  });

  // `team/a-b` and `team-a/b` share a default name: a server that says only part of what a
  // deployment runs must not make one contract adopt (and move) the other's (issue 12, item 3).
  it('never adopts by name a deployment whose known repository or contract path is another', () => {
    const named = { id: 'd4', name: 'models-churn' };
    expect(selectDeployment([{ ...named, contractPath: 'models-churn' }], wanted)).toEqual({ how: 'none' });
    expect(selectDeployment([{ ...named, repositoryId: '22222222-2222-4222-8222-222222222222' }], wanted)).toEqual({ how: 'none' });
    expect(selectDeployment([{ ...named, repositoryId: REPO }], wanted)).toMatchObject({ how: 'name', deployment: { id: 'd4' } });
  });

  it('refuses two deployments of one contract, saying how to pick', () => {
    expect(() => selectDeployment([running, { ...running, id: 'd9' }], wanted)).toThrow(
      '2 deployments (d1, d9) deploy the contract "models/churn" of this repository: set "deploymentId" in models/churn/project.json to the one to keep',
    );
  });
});

describe('planDeployment: a change that reached the contract through a dependency', () => {
  it('names the dependency and the deployed commit; the plan text says it', () => {
    const plan = planDeployment(running, desired({}, C2), { contentChanged: true, changedDependency: 'shared-features', force: false });
    expect(plan).toMatchObject({ action: 'update', changedFields: ['commit'], because: 'shared-features changed since aaaaaaa' });
    expect(describePlan(plan, running, desired({}, C2))).toBe(
      'would update deployment d1 at bbbbbbb (shared-features changed since aaaaaaa): commit (aaaaaaa → bbbbbbb)',
    );
  });

  it('no reason when the commit is not what changes', () => {
    const same = planDeployment(running, desired({}, C1), { contentChanged: false, changedDependency: 'shared-features', force: false });
    expect(same.action).toBe('skip');
    const typeOnly = planDeployment(running, desired({}, C1, 'XGBOOST'), { contentChanged: true, changedDependency: 'shared-features', force: false });
    expect(typeOnly).toMatchObject({ action: 'update', changedFields: ['modelType'] });
    expect(typeOnly).not.toHaveProperty('because');
  });
});
