import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../shared/random';
import { drawFaults, KINDS } from './fault-plans';

const CONTEXT = { timeoutMs: 400, write: 'PATCH' } as const;
const draws = (seed: number, n: number) => {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => drawFaults(r, CONTEXT));
};

describe('the soak fault plans', () => {
  it('are the same for the same seed, so a failing soak can be replayed with --seed', () => {
    expect(draws(7, 50)).toEqual(draws(7, 50));
    expect(draws(7, 50)).not.toEqual(draws(8, 50));
  });

  it('draw every kind over a few hundred runs, and some mixes of two', () => {
    const names = new Set(draws(20261127, 400).map((d) => (d.name.startsWith('mixed: ') ? 'mixed' : d.name)));
    expect([...names].sort()).toEqual([...Object.keys(KINDS), 'mixed'].sort());
  });

  it('aim the write faults at the write the run makes, and make outages outlast the retries', () => {
    for (const { name, plan } of draws(3, 400)) {
      if (name === '500 on a write') expect(plan.serverErrors).toMatchObject({ count: 1, status: 500, method: 'PATCH' });
      if (name === 'reply lost after a write is stored') expect(plan.loseReply?.method).toBe('PATCH');
      if (name === '5xx outage longer than the retries') expect(plan.serverErrors?.count).toBeGreaterThanOrEqual(6);
      if (name === 'reply slower than the timeout') expect(plan.slowReply?.delayMs).toBeGreaterThan(CONTEXT.timeoutMs);
    }
  });
});
