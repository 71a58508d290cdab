/**
 * Git states a deploy must refuse before anything is sent: what Deeploy would read from the
 * remote is not what was validated, or the remote names no (or more than one) Deeploy repository.
 */
import type { BadInputCase, CorpusWorkspace } from './case';

const FAILED = String.raw`^\[models/churn\] (deploy|update) failed: `;
const line = (pattern: string): RegExp => new RegExp(FAILED + pattern);

function gitCase(name: string, setup: (ws: CorpusWorkspace) => unknown, expect: RegExp, extra: Partial<BadInputCase> = {}): BadInputCase {
  return { area: 'git state', name, setup, expect, ...extra };
}

export const GIT_CASES: BadInputCase[] = [
  gitCase(
    'uncommitted change in the contract',
    (ws) => ws.write('models/churn/model/reference.json', { reference: { blob: { url: 's3://acme-models/churn/dirty' } } }),
    line(String.raw`uncommitted changes in the contract \(models/churn/model/reference\.json\)`),
  ),
  gitCase(
    'untracked file in the contract',
    (ws) => ws.write('models/churn/explainer/explainer.dill', 'x'),
    line(String.raw`uncommitted changes in the contract \(models/churn/explainer/explainer\.dill\)`),
    {
      flags: { explainerType: 'SHAP_KERNEL' },
    },
  ),
  gitCase(
    'uncommitted deploy settings',
    (ws) =>
      ws.write('models/churn/project.json', {
        name: 'models/churn',
        targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN', modelMemLimit: 2048 } } },
      }),
    line(String.raw`uncommitted changes in the contract \(models/churn/project\.json\)`),
  ),
  gitCase(
    'commit not pushed',
    (ws) => {
      ws.write('models/churn/model/reference.json', { reference: { blob: { url: 's3://acme-models/churn/v2' } } });
      ws.commit('not pushed');
    },
    line(String.raw`commit [0-9a-f]{7} is not on origin/main .*push it`),
  ),
  gitCase('remote missing', (ws) => ws.git('remote', 'remove', 'origin'), line(String.raw`git remote "origin" does not exist`)),
  gitCase('remote option naming no remote', () => undefined, line(String.raw`git remote "upstream" does not exist`), { flags: { remote: 'upstream' } }),
  gitCase('branch not on the remote', () => undefined, line(String.raw`branch "release" \(from branch option\) does not exist on remote "origin"`), {
    flags: { branch: 'release' },
  }),
  gitCase(
    'detached HEAD without CI branch variables',
    (ws) => ws.git('checkout', '--quiet', '--detach'),
    line(String.raw`HEAD is detached and no CI branch variable .* --branch`),
  ),
  gitCase('not a git repository', (ws) => ws.remove('.git'), line(String.raw`no git repository at .*: Deeploy reads contracts from git`)),
  gitCase(
    'remote that matches two Deeploy repositories',
    () => undefined,
    line(String.raw`git remote "origin" \(file:.*origin\) matches 2 Deeploy repositories .*remove the duplicate`),
    {
      repositories: ({ origin, repositoryId }) => [
        { id: repositoryId, name: 'models', remotePath: origin },
        { id: '0f0e0d0c-0b0a-4908-8706-050403020100', name: 'models-again', remotePath: `file://${origin}/` },
      ],
      sends: 'reads',
    },
  ),
  gitCase('remote that matches no Deeploy repository', () => undefined, line(String.raw`git remote "origin" \(file:.*origin\) matches no Deeploy repository`), {
    repositories: () => [{ id: '0f0e0d0c-0b0a-4908-8706-050403020100', name: 'other', remotePath: 'git@github.com:acme/other.git' }],
    sends: 'reads',
  }),
  gitCase(
    'remote URL with a token, unreachable',
    // Loopback port 9 (discard) refuses at once: no network is needed to see the failure.
    (ws) => ws.git('remote', 'set-url', 'origin', 'https://x-access-token:ghp_canaryToken123@127.0.0.1:9/acme/models.git'),
    line(String.raw`could not reach git remote "origin" to check that the commit is pushed`),
    { mustNotShow: ['ghp_canaryToken123'] },
  ),
  gitCase(
    'update when no deployment exists yet',
    () => undefined,
    line(String.raw`no deployment of the contract "models/churn" in repository models exists yet: run nx run models/churn:deeploy-deploy first`),
    {
      kind: 'update',
      sends: 'reads',
    },
  ),
];
