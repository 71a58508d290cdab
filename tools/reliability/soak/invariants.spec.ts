import { describe, expect, it } from '@jest/globals';
import { checkInvariants, selfCheck, type ExpectedContract, type ObservedDeployment } from './invariants';

const deployment = (id: string, tree: string | undefined, settingsMatch = true): ObservedDeployment => ({ id, tree, settingsMatch });
const succeededAt = (tree: string, failedTreesSince: string[] = []): ExpectedContract => ({ lastSuccessTree: tree, failedTreesSince });

describe('the soak invariants', () => {
  it('accept one deployment running the content of the last successful run', () => {
    const result = checkInvariants({ observed: { a: { deployments: [deployment('1', 't2')] } }, expected: { a: succeededAt('t2') } });
    expect(result).toEqual({ duplicates: [], lostUpdates: [] });
  });

  it('accept the content of a failed run since (its write may have landed: outcome unknown)', () => {
    const result = checkInvariants({ observed: { a: { deployments: [deployment('1', 't3')] } }, expected: { a: succeededAt('t2', ['t3']) } });
    expect(result.lostUpdates).toEqual([]);
  });

  it('name a contract with two deployments, even before any run succeeded', () => {
    const result = checkInvariants({
      observed: { a: { deployments: [deployment('1', 't1'), deployment('2', 't1')] } },
      expected: { a: { failedTreesSince: ['t1'] } },
    });
    expect(result.duplicates).toEqual([{ path: 'a', ids: ['1', '2'] }]);
  });

  it('call older content, missing settings and a missing deployment lost updates', () => {
    const result = checkInvariants({
      observed: { stale: { deployments: [deployment('1', 't1')] }, settings: { deployments: [deployment('2', 't2', false)] } },
      expected: { stale: succeededAt('t2'), settings: succeededAt('t2'), gone: succeededAt('t1') },
    });
    expect(result.lostUpdates.map((l) => l.path)).toEqual(['stale', 'settings', 'gone']);
    expect(result.lostUpdates[0].why).toMatch(/runs older content/);
    expect(result.lostUpdates[1].why).toMatch(/does not carry the deploy settings/);
    expect(result.lostUpdates[2].why).toMatch(/no deployment exists/);
  });

  it('ignore a contract no run has succeeded for yet', () => {
    const result = checkInvariants({ observed: {}, expected: { a: { failedTreesSince: ['t1'] } } });
    expect(result).toEqual({ duplicates: [], lostUpdates: [] });
  });

  it('pass their own check (the one the soak runs before it starts)', () => {
    expect(() => selfCheck()).not.toThrow();
  });
});
