/**
 * The fault plan in force: which fault (if any) shapes the next request, with counted faults used
 * up as they match. Pure apart from the plan it holds, so the matching rules are easy to test.
 */
import type { FaultPlan, RequestMatch } from './types';

type FaultName = Exclude<keyof FaultPlan, 'latencyMs'>;
const COUNTED: FaultName[] = ['dropConnection', 'rateLimit', 'serverErrors', 'loseReply', 'slowReply'];

/** One line saying what is wrong with a fault plan (e.g. from PUT /__emulator/faults), or undefined. */
export function faultPlanProblem(plan: unknown): string | undefined {
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) return 'the fault plan must be a JSON object';
  for (const [key, value] of Object.entries(plan)) {
    if (key === 'latencyMs') {
      if (!isNonNegative(value)) return 'latencyMs must be a number of milliseconds, 0 or more';
      continue;
    }
    if (!COUNTED.includes(key as FaultName)) return `unknown fault "${key}"; known faults are latencyMs, ${COUNTED.join(', ')}`;
    if (value === undefined || value === null) continue;
    if (typeof value !== 'object' || Array.isArray(value)) return `${key} must be an object`;
    const fault = value as Record<string, unknown>;
    if (key === 'slowReply') {
      if (!isNonNegative(fault.delayMs)) return 'slowReply.delayMs must be a number of milliseconds, 0 or more';
      if (fault.count !== undefined && !isCount(fault.count)) return 'slowReply.count must be a whole number, 0 or more';
    } else if (!isCount(fault.count)) {
      return `${key}.count must be a whole number, 0 or more`;
    }
    if (fault.path !== undefined) {
      if (typeof fault.path !== 'string') return `${key}.path must be a regular expression string`;
      try {
        new RegExp(fault.path);
      } catch {
        return `${key}.path is not a valid regular expression`;
      }
    }
    if (fault.method !== undefined && typeof fault.method !== 'string') return `${key}.method must be a string`;
    if (key === 'rateLimit' && fault.retryAfterAs !== undefined && fault.retryAfterAs !== 'seconds' && fault.retryAfterAs !== 'date') {
      return 'rateLimit.retryAfterAs must be "seconds" or "date"';
    }
    if (
      key === 'serverErrors' &&
      fault.status !== undefined &&
      !(Number.isInteger(fault.status) && (fault.status as number) >= 500 && (fault.status as number) <= 599)
    ) {
      return 'serverErrors.status must be an integer from 500 to 599';
    }
  }
  return undefined;
}

function isNonNegative(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isCount(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0;
}

function matches(match: RequestMatch, method: string, path: string): boolean {
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path && !new RegExp(match.path).test(path)) return false;
  return true;
}

export class Faults {
  private plan: FaultPlan = {};

  constructor(plan: FaultPlan = {}) {
    this.set(plan);
  }

  /** Replaces the plan (a copy is kept, so counts are the emulator's own). */
  set(plan: FaultPlan): void {
    const problem = faultPlanProblem(plan);
    if (problem) throw new Error(`fault plan: ${problem}`);
    this.plan = JSON.parse(JSON.stringify(plan)) as FaultPlan;
  }

  /** The plan with the counts left. */
  current(): FaultPlan {
    return JSON.parse(JSON.stringify(this.plan)) as FaultPlan;
  }

  latencyMs(): number {
    return this.plan.latencyMs ?? 0;
  }

  /** The named fault when it applies to this request, using up one of its count. */
  take<K extends FaultName>(name: K, method: string, path: string): NonNullable<FaultPlan[K]> | undefined {
    const fault = this.plan[name];
    if (!fault || !matches(fault, method, path)) return undefined;
    if (fault.count === undefined) return fault as NonNullable<FaultPlan[K]>;
    if (fault.count <= 0) return undefined;
    fault.count -= 1;
    return fault as NonNullable<FaultPlan[K]>;
  }
}
