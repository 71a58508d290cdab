/**
 * What a deployment's integer `status` means. Deeploy was only ever seen returning `1` on running
 * deployments; the other values are the emulator's choice (packages/deeploy-emulator/README.md):
 * 0 pending, 2 failed, 3 stopped. They are a guess for a real server, so the table can be
 * replaced (`statusMap` in the client config), and any value it does not name reads as `unknown`
 * rather than as a failure, so a surprise never stops a rollout that is in fact fine.
 */
export type DeploymentState = 'pending' | 'running' | 'failed' | 'stopped' | 'unknown';

export const DEFAULT_STATUS_MAP: Readonly<Record<number, DeploymentState>> = Object.freeze({
  0: 'pending',
  1: 'running',
  2: 'failed',
  3: 'stopped',
});

/** The state of a status integer; `statusMap` entries override (or add to) the defaults. */
export function deploymentStateOf(status: number | undefined, statusMap?: Partial<Record<number, DeploymentState>>): DeploymentState {
  if (status === undefined) return 'unknown';
  return statusMap?.[status] ?? DEFAULT_STATUS_MAP[status] ?? 'unknown';
}
