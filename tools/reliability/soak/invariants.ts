/**
 * What must hold on the server after every soak run, as a pure function of what was observed
 * (the emulator's deployments, with the contract tree of each deployed commit) and what the runs
 * reported (the commit of each contract's last successful run, and of the failed runs since).
 *
 * - Exactly one deployment per contract once a run succeeded for it, never more than one.
 * - No lost update: the deployment runs the contract content of the last commit a successful
 *   run reported. A failed run after it may have landed its write anyway (a lost reply, a
 *   timed-out PATCH: "outcome unknown", and the run said so), so the content of a failed run's
 *   commit since then is accepted too. Anything older is a lost update. Content is compared as
 *   git tree ids of the contract folder, so a run that skipped (HEAD moved, contract unchanged)
 *   reports a commit with the same content as the deployed one.
 * - What Deeploy runs matches the commit it names: the deploy settings of that commit's
 *   project.json (here modelMemLimit) are the ones stored on the deployment.
 */

/** A deployment on the server: its id, the contract tree of the commit it runs, and whether its settings are that commit's. */
export interface ObservedDeployment {
  id: string;
  tree?: string;
  settingsMatch: boolean;
}

/** What the runs reported for one contract: the tree of its last successful run, and of the failed runs since. */
export interface ExpectedContract {
  lastSuccessTree?: string;
  failedTreesSince: string[];
}

export interface InvariantInput {
  /** Per contract path. */
  observed: Record<string, { deployments: ObservedDeployment[] }>;
  /** Per contract path. */
  expected: Record<string, ExpectedContract>;
}

export interface InvariantResult {
  duplicates: { path: string; ids: string[] }[];
  lostUpdates: { path: string; why: string }[];
}

export function checkInvariants({ observed, expected }: InvariantInput): InvariantResult {
  const duplicates: InvariantResult['duplicates'] = [];
  const lostUpdates: InvariantResult['lostUpdates'] = [];
  for (const [path, exp] of Object.entries(expected)) {
    const deployments = observed[path]?.deployments ?? [];
    if (deployments.length > 1) duplicates.push({ path, ids: deployments.map((d) => d.id) });
    if (exp.lastSuccessTree === undefined) continue;
    if (deployments.length === 0) {
      lostUpdates.push({ path, why: 'a run succeeded but no deployment exists' });
      continue;
    }
    const accepted = new Set<string | undefined>([exp.lastSuccessTree, ...exp.failedTreesSince]);
    for (const deployment of deployments) {
      if (!accepted.has(deployment.tree)) {
        lostUpdates.push({ path, why: `deployment ${deployment.id} runs older content than the last successful run reported` });
      } else if (!deployment.settingsMatch) {
        lostUpdates.push({ path, why: `deployment ${deployment.id} does not carry the deploy settings of the commit it runs` });
      }
    }
  }
  return { duplicates, lostUpdates };
}

/** Checks the checker: a duplicate, a stale deployment and lost settings must each be caught. */
export function selfCheck(): void {
  const result = checkInvariants({
    observed: {
      a: {
        deployments: [
          { id: '1', tree: 't2', settingsMatch: true },
          { id: '2', tree: 't2', settingsMatch: true },
        ],
      },
      b: { deployments: [{ id: '3', tree: 't1', settingsMatch: true }] },
      c: { deployments: [{ id: '4', tree: 't3', settingsMatch: false }] },
      d: { deployments: [{ id: '5', tree: 't5', settingsMatch: true }] },
      e: { deployments: [] },
    },
    expected: {
      a: { lastSuccessTree: 't2', failedTreesSince: [] },
      b: { lastSuccessTree: 't2', failedTreesSince: [] },
      c: { lastSuccessTree: 't3', failedTreesSince: [] },
      d: { lastSuccessTree: 't4', failedTreesSince: ['t5'] },
      e: { lastSuccessTree: 't1', failedTreesSince: [] },
    },
  });
  const lost = result.lostUpdates.map((l) => l.path).join(',');
  if (result.duplicates.length !== 1 || result.duplicates[0].path !== 'a' || lost !== 'b,c,e') {
    throw new Error(`the soak's invariant check is broken: ${JSON.stringify(result)}`);
  }
}
