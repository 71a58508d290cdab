import { deploymentStateOf } from './deployment-state';

describe('deploymentStateOf', () => {
  it('maps the known integers, and anything else to unknown', () => {
    expect([0, 1, 2, 3, 4, -1, undefined].map((status) => deploymentStateOf(status))).toEqual([
      'pending',
      'running',
      'failed',
      'stopped',
      'unknown',
      'unknown',
      'unknown',
    ]);
  });

  it('lets a status map replace or add meanings', () => {
    const map = { 2: 'pending', 7: 'failed' } as const;
    expect([1, 2, 7].map((status) => deploymentStateOf(status, map))).toEqual(['running', 'pending', 'failed']);
  });
});
