/**
 * The plan in words, for the task's output lines and the dry run: one line, with each changed
 * field shown as `field (old → new)`. Pure.
 */
import type { DesiredDeployment } from './desired-deployment';
import { FAILED_FIELD, type CurrentDeployment, type DeploymentPlan } from './plan';

function show(field: string, value: unknown): string {
  if (value === undefined) return 'unknown';
  if (field === 'commit' && typeof value === 'string') return value.slice(0, 7);
  if (field === 'contractPath' && value === '') return '(root)';
  return typeof value === 'string' && (field === 'name' || field === 'description') ? JSON.stringify(value) : String(value);
}

export function describeChanges(current: CurrentDeployment, desired: DesiredDeployment, fields: readonly string[]): string {
  return fields
    .map((field) => {
      if (field === 'force') return 'forced';
      if (field === FAILED_FIELD) {
        const reason = current.failed?.reason ? ` (reason: ${current.failed.reason})` : ' (no reason given)';
        return `deployment failed${reason}; redeploying commit ${desired.commit.slice(0, 7)}`;
      }
      const before = (current as unknown as Record<string, unknown>)[field];
      const after = (desired as unknown as Record<string, unknown>)[field];
      return `${field} (${show(field, before)} → ${show(field, after)})`;
    })
    .join(', ');
}

/** `would create deployment "x" at abc1234` / `would update deployment d1 at abc1234: commit (…)` / `no change: …` */
export function describePlan(
  plan: DeploymentPlan,
  current: CurrentDeployment | undefined,
  desired: DesiredDeployment,
  /** How to name the commit when it does not exist yet (route 3's dry run). */
  commitLabel = desired.commit.slice(0, 7),
): string {
  const at = `at ${commitLabel}`;
  switch (plan.action) {
    case 'create':
      return `would create deployment "${desired.name}" ${at} (branch ${desired.branchName}, contract ${show('contractPath', desired.contractPath)})`;
    case 'update':
      return `would update deployment ${plan.deploymentId} ${at}: ${describeChanges(current as CurrentDeployment, desired, plan.changedFields)}`;
    case 'skip':
      return `no change: deployment ${plan.deploymentId} is up to date (${plan.reason})`;
  }
}
