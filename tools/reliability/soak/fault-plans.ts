/**
 * The faults a soak run meets, drawn from a seeded random source: the emulator's fault plan
 * (see packages/deeploy-emulator/README.md) plus whether the server restarts before the run.
 * Counts are kept small enough that most runs recover through retries, and some large enough
 * (an outage longer than the retries, two lost creates) that runs must fail, clearly.
 * Pure: the plan is data.
 */
import type { FaultPlan, RequestMatch } from 'deeploy-emulator';
import type { Random } from '../shared/random';

/** What a plan is drawn for: the client's per-request timeout and the write the run will make. */
export interface FaultContext {
  timeoutMs: number;
  write: 'POST' | 'PATCH';
}

interface FaultKind {
  weight: number;
  restart?: true;
  plan(r: Random, ctx: FaultContext): FaultPlan;
}

/** One run's faults. */
export interface DrawnFaults {
  name: string;
  plan: FaultPlan;
  restart: boolean;
}

/**
 * Each kind: how often it is drawn, and how to draw its plan. `ctx.timeoutMs` is the client's
 * per-request timeout; `ctx.write` the write the run will make if any (POST for a new contract,
 * PATCH otherwise), so that faults aimed at writes meet one.
 */
export const KINDS: Record<string, FaultKind> = {
  'no fault': { weight: 8, plan: () => ({}) },
  '429 with Retry-After': {
    weight: 14,
    plan: (r, ctx) => ({
      rateLimit: {
        count: r.int(1, 3),
        retryAfterSeconds: r.weighted([
          [3, 0],
          [1, 1],
        ] as const),
        retryAfterAs: r.pick(['seconds', 'date'] as const),
        ...methodOf(r, [undefined, 'GET', ctx.write]),
      },
    }),
  },
  '5xx burst': {
    weight: 14,
    plan: (r, ctx) => ({
      serverErrors: {
        count: r.int(1, 3),
        status: r.pick([502, 503, 504]),
        ...(r.chance(0.3) ? { body: '<html><body>502 Bad Gateway</body></html>' } : {}),
        ...(r.chance(0.2) ? { retryAfterSeconds: 0 } : {}),
        ...methodOf(r, [undefined, 'GET', ctx.write]),
      },
    }),
  },
  '5xx outage longer than the retries': { weight: 5, plan: (r) => ({ serverErrors: { count: r.int(6, 9), status: 503 } }) },
  '500 on a write': { weight: 4, plan: (r, ctx) => ({ serverErrors: { count: 1, status: 500, method: ctx.write } }) },
  'connection dropped before a write is stored': {
    weight: 10,
    plan: (r, ctx) => ({ dropConnection: { count: r.int(1, 2), method: ctx.write } }),
  },
  'connection dropped on a read': { weight: 5, plan: (r) => ({ dropConnection: { count: r.int(1, 3), method: 'GET' } }) },
  'reply lost after a write is stored': {
    weight: 12,
    plan: (r, ctx) => ({ loseReply: { count: r.int(1, 2), method: ctx.write } }),
  },
  'reply slower than the timeout': {
    weight: 10,
    plan: (r, ctx) => ({
      slowReply: { count: r.int(1, 2), delayMs: Math.round(ctx.timeoutMs * (1.5 + r.next())), ...methodOf(r, [undefined, 'GET', ctx.write]) },
    }),
  },
  'server restart before the run': { weight: 8, restart: true, plan: () => ({}) },
  latency: { weight: 3, plan: (r) => ({ latencyMs: r.int(20, 120) }) },
};

function methodOf(r: Random, methods: readonly (string | undefined)[]): RequestMatch {
  const method = r.pick(methods);
  return method ? { method } : {};
}

const MIXABLE = Object.keys(KINDS).filter((k) => k !== 'no fault' && k !== 'server restart before the run');

/**
 * One run's faults: `{ name, plan, restart }`. About one run in ten mixes two faults (and may
 * restart the server too).
 */
export function drawFaults(r: Random, ctx: FaultContext): DrawnFaults {
  if (r.chance(0.1)) {
    const [a, b] = [r.pick(MIXABLE), r.pick(MIXABLE)];
    const restart = r.chance(0.3);
    const plan = { ...KINDS[b].plan(r, ctx), ...KINDS[a].plan(r, ctx) };
    return { name: `mixed: ${a} + ${b}${restart ? ' + restart' : ''}`, plan, restart };
  }
  const name = r.weighted(Object.entries(KINDS).map(([kind, spec]) => [spec.weight, kind] as const));
  const spec = KINDS[name];
  return { name, plan: spec.plan(r, ctx), restart: spec.restart === true };
}
