/**
 * `--wait`: poll the deployment until it runs, fails or the deadline passes, printing a progress line
 * at least every `progressIntervalSeconds` (at most 15 s, so CI logs show the task is alive). The
 * clock, sleep and poll are injected, so the loop is tested without waiting.
 */
import { deploymentStateOf, type DeploymentState } from '../api/deployment-state';
import { failureReasonOf, versionMembersOf, type Deployment } from '../api/schemas';

export type ObservedState = 'pending' | 'running' | 'failed' | 'stopped' | 'unknown';

export interface Observation {
  state: ObservedState;
  /** The server's reason, when it gave one (for a failed deployment). */
  reason?: string;
}

export type WaitResult =
  | { state: 'running'; seconds: number }
  | { state: 'failed' | 'stopped'; reason?: string; seconds: number }
  | { state: 'timeout'; lastState: ObservedState; seconds: number };

export interface WaitSettings {
  timeoutSeconds: number;
  intervalSeconds: number;
  progressIntervalSeconds: number;
}

export interface WaitIo {
  poll(): Promise<Observation>;
  progress(line: string): void;
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock, for the task; specs give `waitForDeployment` their own. */
export const systemClock: Pick<WaitIo, 'now' | 'sleep'> = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export const MAX_PROGRESS_INTERVAL_SECONDS = 15;

export async function waitForDeployment(settings: WaitSettings, io: WaitIo): Promise<WaitResult> {
  const start = io.now();
  const deadline = start + settings.timeoutSeconds * 1000;
  const progressEvery = Math.min(settings.progressIntervalSeconds, MAX_PROGRESS_INTERVAL_SECONDS) * 1000;
  // Polling no less often than progress lines are due keeps the promise of a line every interval.
  const pollEvery = Math.min(settings.intervalSeconds * 1000, progressEvery);
  let lastProgress = start;
  const elapsed = () => Math.round((io.now() - start) / 1000);

  for (;;) {
    const observed = await io.poll();
    if (observed.state === 'running') return { state: 'running', seconds: elapsed() };
    if (observed.state === 'failed' || observed.state === 'stopped') {
      return { state: observed.state, reason: observed.reason, seconds: elapsed() };
    }
    const now = io.now();
    if (now >= deadline) return { state: 'timeout', lastState: observed.state, seconds: elapsed() };
    if (now - lastProgress >= progressEvery) {
      io.progress(`still ${observed.state} after ${elapsed()} s (deadline ${settings.timeoutSeconds} s)`);
      lastProgress = now;
    }
    await io.sleep(Math.max(0, Math.min(pollEvery, deadline - now)));
  }
}

/**
 * What a polled deployment says about the version being waited for. The status integer alone
 * cannot tell: Deeploy's `1` was seen on a deployment still rolling out (deeploy-api.md §8), and
 * while a new version is pending or rolling out (`updatingTo`) the status may describe the old
 * one. So a deployment with `updatingTo` is pending whatever its status, and one whose active
 * version is not the wanted commit has not switched yet, or has failed when it gives a reason.
 */
export function observationOf(deployment: Deployment, statusMap?: Partial<Record<number, DeploymentState>>, wantedCommit?: string): Observation {
  const state = deploymentStateOf(deployment.status, statusMap);
  const reason = failureReasonOf(deployment);
  if (state === 'failed' || state === 'stopped') return reason ? { state, reason } : { state };
  if (deployment.updatingTo) return { state: 'pending' };
  const active = versionMembersOf(deployment.activeVersion).commit;
  if (wantedCommit && active && active !== wantedCommit) return reason ? { state: 'failed', reason } : { state: 'pending' };
  return { state };
}
