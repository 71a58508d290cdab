import type { Deployment } from '../api/schemas';
import { contractPathsIn, findOrphans } from './orphans-decision';
import { orphanLine, renderOrphanLines, renderOrphansMarkdown } from './orphans-text';

const REPO = 'repo-1';
const deployment = (id: string, version: Record<string, unknown> | undefined, extra: Partial<Deployment> = {}): Deployment =>
  ({ id, name: `dep-${id}`, ...(version ? { activeVersion: version } : {}), ...extra }) as Deployment;
const ours = (contractPath: string, branchName = 'main') => ({ repositoryId: REPO, branchName, contractPath });

describe('contractPathsIn', () => {
  it('finds contracts by the marker rule, at any depth and at the root', () => {
    const paths = contractPathsIn([
      'model/reference.json',
      'models/churn/model/model.joblib',
      'models/churn/metadata.json',
      'models/fraud/explainer/reference.json',
      'teams/a/b/model/model.onnx',
      'torch/model/model-store/model.mar',
      'lib/models/reference.json',
    ]);
    expect([...paths].sort()).toEqual(['', 'models/churn', 'teams/a/b']);
  });
});

describe('findOrphans', () => {
  const contractPaths = contractPathsIn(['models/churn/model/reference.json', 'model/model.pkl']);

  it('names the deployment whose contract folder is gone, and counts those still there', () => {
    const findings = findOrphans({
      deployments: [deployment('a', ours('models/churn')), deployment('b', ours('models/fraud')), deployment('c', ours(''))],
      repositoryId: REPO,
      branch: 'main',
      contractPaths,
    });
    expect(findings).toEqual({
      orphans: [{ id: 'b', name: 'dep-b', contractPath: 'models/fraud', branch: 'main' }],
      unknown: [],
      otherBranches: [],
      present: 2,
    });
  });

  it('compares normalised paths: "./models/churn/" is the contract models/churn', () => {
    const findings = findOrphans({ deployments: [deployment('a', ours('./models/churn/'))], repositoryId: REPO, branch: 'main', contractPaths });
    expect(findings.present).toBe(1);
    expect(findings.orphans).toEqual([]);
  });

  it('leaves out deployments of other repositories and deployments that deploy no contract', () => {
    const findings = findOrphans({
      deployments: [
        deployment('other-repo', { repositoryId: 'repo-2', branchName: 'main', contractPath: 'gone' }),
        deployment('external', undefined, { deploymentType: 'External' }),
        deployment('registration', undefined, { deploymentType: 'Registration' }),
      ],
      repositoryId: REPO,
      branch: 'main',
      contractPaths,
    });
    expect(findings).toEqual({ orphans: [], unknown: [], otherBranches: [], present: 0 });
  });

  it('never calls a deployment orphaned when Deeploy does not say its contract path or repository: "cannot tell"', () => {
    const findings = findOrphans({
      deployments: [
        deployment('no-path', { repositoryId: REPO, branchName: 'main' }),
        deployment('no-repo', { branchName: 'main', contractPath: 'gone' }),
        deployment('no-version', undefined),
      ],
      repositoryId: REPO,
      branch: 'main',
      contractPaths,
    });
    expect(findings.orphans).toEqual([]);
    expect(findings.unknown.map((ref) => ref.id)).toEqual(['no-path', 'no-repo', 'no-version']);
  });

  it('reads the version fields from the top level when there is no activeVersion', () => {
    const findings = findOrphans({
      deployments: [deployment('top', undefined, { repositoryId: REPO, branchName: 'main', contractPath: 'gone' })],
      repositoryId: REPO,
      branch: 'main',
      contractPaths,
    });
    expect(findings.orphans.map((ref) => ref.id)).toEqual(['top']);
  });

  it('does not check deployments of another branch against this one; a deployment without a branch is checked', () => {
    const findings = findOrphans({
      deployments: [deployment('dev', ours('gone', 'develop')), deployment('no-branch', { repositoryId: REPO, contractPath: 'gone' })],
      repositoryId: REPO,
      branch: 'main',
      contractPaths,
    });
    expect(findings.otherBranches.map((ref) => ref.id)).toEqual(['dev']);
    expect(findings.orphans.map((ref) => ref.id)).toEqual(['no-branch']);
  });
});

describe('what deeploy-ci orphans says', () => {
  const context = { repository: 'models', branch: 'main', commit: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b' };

  it('one line per orphan with id, name, contract path and where to delete it', () => {
    const lines = renderOrphanLines(
      { orphans: [{ id: 'd-2', name: 'models-fraud', contractPath: 'models/fraud' }], unknown: [], otherBranches: [], present: 1 },
      context,
    );
    expect(lines).toEqual([
      'deeploy-ci orphans: 1 of 2 deployments of repository models on main at 1a2b3c4 deploy a contract that no longer exists:',
      '  deployment d-2 "models-fraud" deploys models/fraud, which holds no contract any more: delete it in Deeploy (deployment d-2) if nothing uses it',
    ]);
  });

  it('says so when there are none, and lists "cannot tell" and other branches apart', () => {
    const lines = renderOrphanLines(
      { orphans: [], unknown: [{ id: 'u-1', name: 'legacy' }], otherBranches: [{ id: 'b-1', branch: 'develop', contractPath: 'x' }], present: 3 },
      context,
    );
    expect(lines).toEqual([
      'deeploy-ci orphans: no orphaned deployments (3 deployments of repository models on main at 1a2b3c4 checked)',
      'deeploy-ci orphans: cannot tell for 1 deployment: Deeploy did not say which repository and contract path it deploys:',
      '  deployment u-1 "legacy": check its contract in Deeploy',
      'deeploy-ci orphans: not checked: 1 deployment of other branches (develop); run it on a checkout of that branch',
    ]);
  });

  it('prints a hostile name or path as data: one line, no terminal escapes', () => {
    const line = orphanLine({ id: 'd\n-1', name: 'evil\u001b[2J\nname', contractPath: 'a\rb' });
    expect(line).toBe(
      'deployment d?-1 "evil?[2J?name" deploys a?b, which holds no contract any more: delete it in Deeploy (deployment d?-1) if nothing uses it',
    );
    expect(orphanLine({ id: 'r', contractPath: '' })).toContain('deploys the repository root');
  });

  it('renders a Markdown section whose cells hold no markup from the server', () => {
    const markdown = renderOrphansMarkdown(
      {
        orphans: [{ id: 'd-2', name: '[click](https://evil.example) | <img src=x>', contractPath: 'models/fraud' }],
        unknown: [],
        otherBranches: [],
        present: 0,
      },
      context,
    );
    expect(markdown).toContain('### Deeploy: orphaned deployments');
    expect(markdown).toContain(
      '1 deployment of repository models on main at 1a2b3c4 deploys a contract folder that no longer exists. Deleting stays your decision: delete it in Deeploy if nothing uses it.',
    );
    const row = markdown.split('\n').find((line) => line.startsWith('| d-2'));
    expect(row).toBe('| d-2 | \\[click\\]\\(https://evil.example\\) \\| &lt;img src=x&gt; | models/fraud |');
    expect(renderOrphansMarkdown({ orphans: [], unknown: [], otherBranches: [], present: 2 }, context)).toContain('No orphaned deployments');
  });
});
