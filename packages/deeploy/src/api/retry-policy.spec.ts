import { backoffMs, errorCodeOf, retryAfterMs, verdictOf } from './retry-policy';

describe('verdictOf', () => {
  it.each([
    ['GET', { kind: 'status', status: 429 }, 'retry'],
    ['GET', { kind: 'status', status: 503 }, 'retry'],
    ['PATCH', { kind: 'status', status: 504 }, 'retry'],
    ['GET', { kind: 'status', status: 500 }, 'fail'],
    ['GET', { kind: 'status', status: 404 }, 'fail'],
    ['POST', { kind: 'status', status: 429 }, 'retry'],
    ['POST', { kind: 'status', status: 502 }, 'outcome-unknown'],
    ['POST', { kind: 'status', status: 503 }, 'outcome-unknown'],
    ['POST', { kind: 'status', status: 409 }, 'fail'],
    ['GET', { kind: 'network', code: 'ECONNRESET', timedOut: false }, 'retry'],
    ['PATCH', { kind: 'network', code: 'UND_ERR_SOCKET', timedOut: false }, 'retry'],
    ['GET', { kind: 'network', timedOut: true }, 'retry'],
    ['POST', { kind: 'network', code: 'UND_ERR_SOCKET', timedOut: false }, 'outcome-unknown'],
    ['POST', { kind: 'network', timedOut: true }, 'outcome-unknown'],
    ['POST', { kind: 'network', code: 'ECONNREFUSED', timedOut: false }, 'retry'],
    ['GET', { kind: 'network', code: 'ERR_INVALID_ARG_TYPE', timedOut: false }, 'fail'],
  ] as const)('%s after %j → %s', (method, failure, verdict) => {
    expect(verdictOf(method, failure)).toBe(verdict);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-1', now)).toBeUndefined();
    expect(retryAfterMs('1.5', now)).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('draws up to base·2^attempt, capped', () => {
    expect(backoffMs(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoffMs(3, 100, 10_000, () => 0.5)).toBe(400);
    expect(backoffMs(10, 100, 2_000, () => 1)).toBe(2_000);
    expect(backoffMs(2, 100, 10_000, () => 0)).toBe(0);
  });
});

describe('errorCodeOf', () => {
  it('finds the code on the error or its cause', () => {
    expect(errorCodeOf(Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }))).toBe('UND_ERR_SOCKET');
    expect(errorCodeOf(new Error('x', { cause: Object.assign(new Error('y'), { code: 'ECONNRESET' }) }))).toBe('ECONNRESET');
    expect(errorCodeOf(new Error('x'))).toBeUndefined();
  });
});
