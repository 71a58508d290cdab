/**
 * Reading the emulator's request log and state the way the assertions need them: which requests
 * changed something on the Deeploy side, and which deployment each one touched.
 */
import type { EmulatorState, LoggedRequest, StoredDeployment } from 'deeploy-emulator';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Requests that could change Deeploy's state (create, update, upload), admin requests excluded. */
export function writesIn(log: readonly LoggedRequest[]): LoggedRequest[] {
  return log.filter((request) => !READ_METHODS.has(request.method.toUpperCase()) && !request.path.startsWith('/__emulator'));
}

/** `PATCH /workspaces/<ws>/deployments/<id>` → `<id>`; a create (`POST .../deployments`) → `undefined`. */
export function deploymentIdOf(request: LoggedRequest): string | undefined {
  return /\/deployments\/([^/?]+)/.exec(request.path)?.[1];
}

/** One line per request, for failure messages: `PATCH /workspaces/…/deployments/… → 200`. */
export function describeRequests(log: readonly LoggedRequest[]): string {
  return log.map((r) => `${r.method} ${r.path} → ${r.status}`).join('\n') || '(no requests)';
}

export function deploymentsOf(state: EmulatorState, workspaceId: string): StoredDeployment[] {
  return state.workspaces.find((workspace) => workspace.id === workspaceId)?.deployments ?? [];
}

/** The deployment whose active version deploys `contractPath`; fails when there is not exactly one. */
export function deploymentAt(state: EmulatorState, workspaceId: string, contractPath: string): StoredDeployment {
  const matches = deploymentsOf(state, workspaceId).filter((d) => d.activeVersion.contractPath === contractPath);
  if (matches.length !== 1) {
    throw new Error(`expected one deployment with contractPath "${contractPath}", found ${matches.length}`);
  }
  return matches[0];
}
