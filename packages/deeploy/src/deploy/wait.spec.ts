import { deploymentSchema } from '../api/schemas';
import { observationOf, waitForDeployment, type Observation } from './wait';

/** A fake clock: sleeping advances it; each poll returns the next observation (the last repeats). */
function fakeIo(observations: Observation[]) {
  let now = 0;
  const lines: string[] = [];
  const polledAt: number[] = [];
  return {
    lines,
    polledAt,
    io: {
      poll: async () => {
        polledAt.push(now);
        return observations.length > 1 ? (observations.shift() as Observation) : observations[0];
      },
      progress: (line: string) => lines.push(`${now / 1000}: ${line}`),
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
    },
  };
}

const settings = { timeoutSeconds: 60, intervalSeconds: 5, progressIntervalSeconds: 15 };

describe('waitForDeployment', () => {
  it('returns when the deployment runs', async () => {
    const { io, lines } = fakeIo([{ state: 'pending' }, { state: 'pending' }, { state: 'running' }]);
    expect(await waitForDeployment(settings, io)).toEqual({ state: 'running', seconds: 10 });
    expect(lines).toEqual([]);
  });

  it('returns the server’s reason when it fails', async () => {
    const { io } = fakeIo([{ state: 'pending' }, { state: 'failed', reason: 'invalid contract' }]);
    expect(await waitForDeployment(settings, io)).toEqual({ state: 'failed', reason: 'invalid contract', seconds: 5 });
  });

  it('prints progress every 15 s and stops at the deadline with the last state', async () => {
    const { io, lines, polledAt } = fakeIo([{ state: 'pending' }]);
    expect(await waitForDeployment(settings, io)).toEqual({ state: 'timeout', lastState: 'pending', seconds: 60 });
    expect(lines).toEqual([
      '15: still pending after 15 s (deadline 60 s)',
      '30: still pending after 30 s (deadline 60 s)',
      '45: still pending after 45 s (deadline 60 s)',
    ]);
    expect(polledAt[polledAt.length - 1]).toBe(60_000);
  });

  it('never lets progress lines be further apart than 15 s, even with a slower poll interval', async () => {
    const { io, lines } = fakeIo([{ state: 'unknown' }]);
    await waitForDeployment({ timeoutSeconds: 40, intervalSeconds: 60, progressIntervalSeconds: 100 }, io);
    expect(lines).toEqual(['15: still unknown after 15 s (deadline 40 s)', '30: still unknown after 30 s (deadline 40 s)']);
  });
});

describe('observationOf', () => {
  const parse = (fields: Record<string, unknown>) => deploymentSchema.parse({ id: 'd', ...fields });
  const A = 'a'.repeat(40);
  const B = 'b'.repeat(40);

  it('reads a deployment with a version rolling out as pending, whatever its status says', () => {
    expect(observationOf(parse({ status: 1, activeVersion: { commit: A }, updatingTo: 'v-2' }), undefined, B)).toEqual({ state: 'pending' });
    expect(observationOf(parse({ status: 1, activeVersion: { commit: B }, updatingTo: null }), undefined, B)).toEqual({ state: 'running' });
  });

  it('reads the old version still active as not switched yet, or as failed when Deeploy gives a reason', () => {
    expect(observationOf(parse({ status: 1, activeVersion: { commit: A } }), undefined, B)).toEqual({ state: 'pending' });
    expect(observationOf(parse({ status: 1, activeVersion: { commit: A }, errorDetails: [{ message: 'image pull failed' }] }), undefined, B)).toEqual({
      state: 'failed',
      reason: 'image pull failed',
    });
  });

  it('gives the reason of a failed status from errorDetails', () => {
    expect(observationOf(parse({ status: 2, errorDetails: [{ message: 'no model file' }] }))).toEqual({ state: 'failed', reason: 'no model file' });
    expect(observationOf(parse({ status: 5 }), { 5: 'failed' })).toEqual({ state: 'failed' });
  });
});
