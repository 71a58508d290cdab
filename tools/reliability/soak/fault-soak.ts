/**
 * The fault soak: seeded-random deploy and update runs of several contracts against the emulator
 * with injected faults (429 with Retry-After, 5xx bursts and outages, connections dropped before
 * a write is stored, replies lost after it is stored, replies slower than the timeout, a server
 * restart with the same state file). Between runs the contracts change, as a team's commits
 * would. After every run the server's state is checked (soak/invariants.ts), and every failed run
 * must have printed one clear line and finished within its deadline.
 *
 * Runs are in-process (the built executor's task function) so that hundreds fit in CI: the API
 * client keeps its retry policy, with the backoff scaled down (retryBaseDelayMs) and a short
 * per-request timeout set through the executor's own `requestTimeoutSeconds` (reads) and
 * `writeTimeoutSeconds` (creates, updates, uploads) options.
 */
import fs from 'node:fs';
import path from 'node:path';
import { reportFileName } from 'nx-deeploy/dist/report/report-schema';
import {
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
  TEST_WORKSPACE_ID,
  createRepo,
  deploymentsOf,
  startTestEmulator,
  tempDir,
  testSeed,
  type GitRepo,
  type TaskKind,
} from '../../support';
import { runTask, type TaskRun } from '../shared/in-process';
import { CONTRACTS, contractFiles, workspaceFiles, type Contract } from '../shared/fixtures';
import { seededRandom } from '../shared/random';
import { unclearFailure } from '../shared/lines';
import type { SuiteOptions, SuiteResult } from '../suite';
import { drawFaults, type DrawnFaults } from './fault-plans';
import { checkInvariants, selfCheck, type ExpectedContract, type InvariantInput } from './invariants';

/** The fields of a task's report file the soak reads. */
interface TaskReport {
  outcome: string;
  commit?: string;
  message?: string;
}

const REQUEST_TIMEOUT_S = 0.4;
/** The API client's timing in the soak: same policy as by default, scaled down. */
const CLIENT = { retryBaseDelayMs: 20, deadlineMs: 6000, maxRetryAfterMs: 3000 };
/** A run taking longer than this is a hang: every call has a 6 s deadline and a run makes a few. */
const RUN_DEADLINE_MS = 30_000;
/** A run still going after this is abandoned and the soak stops (its state can no longer be trusted). */
const WATCHDOG_MS = 90_000;
const MEMORY_LIMITS = [256, 512, 1024, 2048];

function deployOptionsAt(repo: GitRepo, commit: string, contractPath: string): { modelMemLimit?: number } {
  try {
    const projectJson = JSON.parse(repo.git('show', `${commit}:${contractPath}/project.json`)) as {
      targets?: Record<string, { options?: { modelMemLimit?: number } }>;
    };
    return projectJson.targets?.['deeploy-deploy']?.options ?? {};
  } catch {
    return {};
  }
}

function withWatchdog<T>(promise: Promise<T>, ms: number): Promise<T | { hung: true }> {
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<{ hung: true }>((resolve) => {
    timer = setTimeout(() => resolve({ hung: true }), ms);
  });
  return Promise.race([promise, watchdog]).finally(() => clearTimeout(timer));
}

function readReport(repo: GitRepo, contractPath: string): TaskReport {
  return JSON.parse(fs.readFileSync(path.join(repo.dir, '.deeploy', 'reports', reportFileName(contractPath)), 'utf8')) as TaskReport;
}

export async function runFaultSoak({ runs, seed, log, verbose }: SuiteOptions): Promise<SuiteResult> {
  selfCheck();
  const r = seededRandom(seed);
  const base = tempDir('deeploy-soak-');
  const dataFile = path.join(base, 'emulator-state.json');

  // The pool grows: a team adds contracts over time, so creates (not only updates) meet faults.
  const contracts = [...CONTRACTS];
  const versions: Record<string, { v: number; mem: number }> = Object.fromEntries(CONTRACTS.map((c) => [c.path, { v: 1, mem: 512 }]));
  const files = workspaceFiles();
  for (const c of CONTRACTS) Object.assign(files, contractFiles(c, 1, { modelMemLimit: 512 }));
  const repo = createRepo(base, files);
  const startServer = () => startTestEmulator(testSeed({ remotePath: repo.origin }), { dataFile, readyDelayMs: 20 });
  let emulator = await startServer();

  const env = { DEEPLOY_ACCESS_KEY: TEST_ACCESS_KEY, DEEPLOY_SECRET_KEY: TEST_SECRET_KEY };
  const expected: Record<string, ExpectedContract> = Object.fromEntries(CONTRACTS.map((c) => [c.path, { lastSuccessTree: undefined, failedTreesSince: [] }]));
  const addContract = (): Contract => {
    const contract: Contract = { ...CONTRACTS[contracts.length % CONTRACTS.length], path: `models/added-${String(contracts.length).padStart(3, '0')}` };
    contracts.push(contract);
    versions[contract.path] = { v: 1, mem: 512 };
    expected[contract.path] = { lastSuccessTree: undefined, failedTreesSince: [] };
    return contract;
  };
  const treeCache = new Map<string, string>();
  const treeAt = (commit: string, contractPath: string): string => {
    const key = `${commit}:${contractPath}`;
    let tree = treeCache.get(key);
    if (tree === undefined) treeCache.set(key, (tree = repo.treeAt(commit, contractPath)));
    return tree;
  };
  const optionsCache = new Map<string, { modelMemLimit?: number }>();
  const optionsAt = (commit: string, contractPath: string): { modelMemLimit?: number } => {
    const key = `${commit}:${contractPath}`;
    let options = optionsCache.get(key);
    if (options === undefined) optionsCache.set(key, (options = deployOptionsAt(repo, commit, contractPath)));
    return options;
  };
  const writeContract = (c: Contract): void => {
    const { v, mem } = versions[c.path];
    for (const [file, content] of Object.entries(contractFiles(c, v, { modelMemLimit: mem }))) repo.write(file, content);
  };

  const tally = { runs: 0, failed: 0, unclear: 0, hangs: 0, slowestMs: 0, recovered: 0 };
  const duplicateIds = new Set<string>();
  const duplicateAttempts: string[] = [];
  const lostUpdates: string[] = [];
  const violating = new Set<string>();
  const problems: string[] = [];
  const byFault: Record<string, { runs: number; failed: number }> = {};

  function observe(): InvariantInput['observed'] {
    const observed: InvariantInput['observed'] = {};
    for (const d of deploymentsOf(emulator.state())) {
      const contractPath = d.activeVersion.contractPath;
      const commit = d.activeVersion.commit;
      const options = commit ? optionsAt(commit, contractPath) : {};
      (observed[contractPath] ??= { deployments: [] }).deployments.push({
        id: d.id,
        tree: commit ? treeAt(commit, contractPath) : undefined,
        settingsMatch: (d.activeVersion.modelMemLimit ?? undefined) === (options.modelMemLimit ?? undefined),
      });
    }
    return observed;
  }

  async function oneRun(
    index: number | 'final',
    {
      contract,
      kind,
      faults,
      flags,
      label,
      counted = true,
    }: { contract: Contract; kind: TaskKind; faults: DrawnFaults; flags: Record<string, unknown>; label: string; counted?: boolean },
  ): Promise<boolean> {
    if (faults.restart) {
      await emulator.stop();
      emulator = await startServer();
    }
    emulator.setFaults(faults.plan);
    emulator.clearLog();
    const outcome: TaskRun | { hung: true } = await withWatchdog(
      runTask({
        root: repo.dir,
        projectRoot: contract.path,
        kind,
        env,
        flags: { requestTimeoutSeconds: REQUEST_TIMEOUT_S, writeTimeoutSeconds: REQUEST_TIMEOUT_S, ...flags },
        pluginOptions: { apiUrl: emulator.url, workspaceId: TEST_WORKSPACE_ID },
        client: CLIENT,
      }),
      WATCHDOG_MS,
    );
    emulator.setFaults({});
    const requests = emulator.requestLog();
    const where = `run ${index} (${label}; ${kind} ${contract.path}; ${faults.name})`;
    if ('hung' in outcome) {
      tally.hangs++;
      problems.push(`${where}: still running after ${WATCHDOG_MS / 1000} s; the soak stopped there`);
      return false;
    }
    if (counted) tally.runs++;
    tally.slowestMs = Math.max(tally.slowestMs, outcome.ms);
    if (outcome.ms > RUN_DEADLINE_MS) {
      tally.hangs++;
      problems.push(`${where}: took ${(outcome.ms / 1000).toFixed(1)} s, over its ${RUN_DEADLINE_MS / 1000} s deadline`);
    }
    if (outcome.error) {
      const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      problems.push(`${where}: the executor threw instead of returning { success: false }: ${message}`);
    }
    const stat = counted ? (byFault[faults.name.startsWith('mixed') ? 'mixed' : faults.name] ??= { runs: 0, failed: 0 }) : { runs: 0, failed: 0 };
    stat.runs++;
    if (outcome.lines.some((line) => line.includes('reply was lost; found it'))) tally.recovered++;

    const report = readReport(repo, contract.path);
    const exp = expected[contract.path];
    if (outcome.success) {
      if (report.outcome !== 'success' || !report.commit) problems.push(`${where}: succeeded but its report says ${report.outcome} at ${report.commit}`);
      else {
        exp.lastSuccessTree = treeAt(report.commit, contract.path);
        exp.failedTreesSince = [];
      }
      const failureLines = outcome.lines.filter((line) => / failed: /.test(line));
      if (failureLines.length > 0) problems.push(`${where}: succeeded but printed "${failureLines[0]}"`);
    } else {
      if (counted) tally.failed++;
      stat.failed++;
      exp.failedTreesSince.push(treeAt(report.commit ?? repo.head(), contract.path));
      const why = unclearFailure(outcome.lines, contract.path);
      if (why) {
        if (counted) tally.unclear++;
        problems.push(`${where}: failed but ${why}:\n      ${outcome.lines.join('\n      ')}`);
      }
    }
    // A create Deeploy refused as a second deployment of the same name: the task tried to duplicate.
    for (const entry of requests) {
      if (entry.method === 'POST' && /\/deployments$/.test(entry.path) && entry.status === 409) {
        duplicateAttempts.push(where);
        problems.push(`${where}: sent a second create for a contract that already had a deployment (409)`);
      }
    }
    const result = checkInvariants({ observed: observe(), expected });
    for (const dup of result.duplicates) {
      for (const id of dup.ids.slice(1)) {
        if (!duplicateIds.has(id)) problems.push(`${where}: ${dup.path} has ${dup.ids.length} deployments (${dup.ids.join(', ')})`);
        duplicateIds.add(id);
      }
    }
    const now = new Set<string>();
    for (const lost of result.lostUpdates) {
      const key = `${lost.path}: ${lost.why}`;
      now.add(key);
      if (!violating.has(key)) {
        lostUpdates.push(key);
        problems.push(`${where}: lost update: ${key}`);
      }
    }
    violating.clear();
    for (const key of now) violating.add(key);
    if (verbose) log(`  ${where}: ${outcome.success ? 'ok' : 'failed'} in ${outcome.ms} ms${outcome.success ? '' : `: ${outcome.lines.at(-1)}`}`);
    return true;
  }

  try {
    for (let index = 1; index <= runs; index++) {
      const change = r.weighted([
        [8, 'new contract'],
        [40, 'content'],
        [10, 'settings'],
        [10, 'other contract'],
        [32, 'none'],
      ]);
      const contract = change === 'new contract' ? addContract() : r.pick(contracts);
      if (change === 'new contract') {
        writeContract(contract);
        repo.commitAndPush(`${contract.path}: new contract`);
      } else if (change === 'content') {
        versions[contract.path].v++;
        writeContract(contract);
        repo.commitAndPush(`${contract.path}: version ${versions[contract.path].v}`);
      } else if (change === 'settings') {
        versions[contract.path].mem = r.pick(MEMORY_LIMITS.filter((m) => m !== versions[contract.path].mem));
        writeContract(contract);
        repo.commitAndPush(`${contract.path}: ${versions[contract.path].mem} MB`);
      } else if (change === 'other contract') {
        const other = r.pick(contracts.filter((c) => c !== contract));
        versions[other.path].v++;
        writeContract(other);
        repo.commitAndPush(`${other.path}: version ${versions[other.path].v}`);
      }
      // A new contract is deployed (update would only say "deploy it first").
      const kind: TaskKind = change !== 'new contract' && r.chance(0.2) ? 'update' : 'deploy';
      const flags = r.chance(0.2) ? { wait: true, waitIntervalSeconds: 0.02, waitTimeoutSeconds: 3 } : {};
      const faults = drawFaults(r, { timeoutMs: REQUEST_TIMEOUT_S * 1000, write: change === 'new contract' ? 'POST' : 'PATCH' });
      if (!(await oneRun(index, { contract, kind, faults, flags, label: `change: ${change}` }))) break;
    }
    // The end state must be reachable: one fault-free deploy per contract brings each to HEAD.
    if (tally.hangs === 0) {
      const head = repo.head();
      for (const contract of contracts) {
        const before = problems.length;
        await oneRun('final', {
          contract,
          kind: 'deploy',
          faults: { name: 'no fault', plan: {}, restart: false },
          flags: {},
          label: 'convergence',
          counted: false,
        });
        const report = readReport(repo, contract.path);
        if (report.outcome !== 'success') problems.push(`convergence: a fault-free deploy of ${contract.path} failed: ${report.message}`);
        else if (expected[contract.path].lastSuccessTree !== treeAt(head, contract.path) && problems.length === before) {
          problems.push(`convergence: ${contract.path} is not at HEAD after a fault-free deploy`);
        }
      }
    }
  } finally {
    await emulator.stop();
    fs.rmSync(base, { recursive: true, force: true });
  }

  const breakdown = Object.entries(byFault)
    .sort(([, a], [, b]) => b.runs - a.runs)
    .map(([name, s]) => `${name} ${s.runs}${s.failed ? ` (${s.failed} failed)` : ''}`)
    .join(', ');
  const duplicates = duplicateIds.size + duplicateAttempts.length;
  const figure =
    `faults: ${tally.runs} runs (${tally.failed - tally.unclear} failed with a clear reason, ${tally.unclear} without), ` +
    `${duplicates} duplicates, ${lostUpdates.length} lost updates, ${tally.hangs} hangs, slowest ${(tally.slowestMs / 1000).toFixed(1)} s`;
  return {
    figure,
    details: [`fault soak (seed ${seed}, ${contracts.length} contracts): ${breakdown}; ${tally.recovered} creates recovered after a lost reply`],
    problems,
    ok: problems.length === 0 && tally.runs >= runs,
  };
}
