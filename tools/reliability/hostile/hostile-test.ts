/**
 * The hostile section: deploy tasks of the built plugin against a server of its own on loopback
 * (hostile/server.ts) that echoes the secrets (whole, split, escaped, encoded, at the cut of the
 * message), sends huge, endless and malformed replies, redirects, and lets two runs race to
 * create the same deployments. Every case is bounded in time; the cases are listed in cases.ts.
 *
 * Counted, per case: leaks (8 characters of a secret in any usual decoding in the terminal lines,
 * the report files or the step summary, or any request reaching a redirect's target), crashes
 * (the task threw, printed a stack trace, a line over 1,000 characters or not exactly one clear
 * failure line, wrote no report, ended other than the case requires, or its memory grew by more
 * than 256 MB), duplicates (a contract with two deployments, or a create refused with 409) and
 * hangs (a case over its time).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { runDeeployTask } from 'nx-deeploy/dist/deploy/deeploy-task';
import { TEST_WORKSPACE_ID, createRepo, deploymentsOf, executorContext, executorOptions, startTestEmulator, tempDir, testSeed } from '../../support';
import { clientWithTiming } from '../shared/in-process';
import { CONTRACTS, contractFiles, workspaceFiles } from '../shared/fixtures';
import { unclearFailure, hasStackTrace } from '../shared/lines';
import type { SuiteOptions, SuiteResult } from '../suite';
import { findFragmentLeaks, selfCheck, type NamedText } from '../canary/scan';
import { startHostileServer, startTrap, type HostileHandler } from './server';
import { casesFor } from './cases';

/** One task of a case: its contract, whether it succeeded, its lines, and what it threw (a bug). */
interface HostileRun {
  contract: string;
  success: boolean;
  lines: string[];
  error?: unknown;
}

type ProblemKind = 'leaks' | 'crashes' | 'duplicates' | 'hangs';

/** The client's retry timing, scaled down as in the soak; the request timeout is the executor's option. */
const CLIENT = { retryBaseDelayMs: 20, deadlineMs: 6000, maxRetryAfterMs: 1000 };
const REQUEST_TIMEOUT_S = 1;
const CASE_MS = 15_000;
const WATCHDOG_MS = 60_000;
const MEMORY_LIMIT = 256 * 1024 * 1024;
/** A line a person can read: the failure line cuts the server's words to 200 characters. */
const MAX_LINE = 1000;
const SINGULAR: Record<ProblemKind, string> = { leaks: 'leak', crashes: 'crash', duplicates: 'duplicate', hangs: 'hang' };

function memoryInUse(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** One deploy task through the built task function, its lines captured per task (races run several at once). */
async function deployTask({
  root,
  contract,
  env,
  apiUrl,
  flags = {},
}: {
  root: string;
  contract: string;
  env: NodeJS.ProcessEnv;
  apiUrl: string;
  flags?: Record<string, unknown>;
}): Promise<HostileRun> {
  const lines: string[] = [];
  const sink = { info: (line: string) => lines.push(...String(line).split('\n')), error: (line: string) => lines.push(...String(line).split('\n')) };
  const context = executorContext({ root, projectRoot: contract, pluginOptions: { apiUrl, workspaceId: TEST_WORKSPACE_ID } });
  const options = executorOptions({ root, projectRoot: contract, flags: { requestTimeoutSeconds: REQUEST_TIMEOUT_S, ...flags } });
  try {
    const result = await runDeeployTask('deploy', options, context, { env, sink, createApi: clientWithTiming(CLIENT) });
    return { contract, success: result.success === true, lines };
  } catch (error) {
    return { contract, success: false, lines, error };
  }
}

function withWatchdog<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, watchdog]).finally(() => clearTimeout(timer));
}

/** Renames a create whose name was created before, as a server that allows duplicate names would store both. */
function allowingDuplicateNames(hostile: HostileHandler): HostileHandler {
  const names = new Map<string, number>();
  return async (req, body, res, ctx) => {
    if (req.method !== 'POST' || !/\/deployments$/.test(new URL(req.url ?? '/', 'http://x').pathname)) return hostile(req, body, res, ctx);
    const json = JSON.parse(body.toString('utf8')) as { name: string };
    const seen = names.get(json.name) ?? 0;
    names.set(json.name, seen + 1);
    if (seen > 0) json.name = `${json.name}-${seen + 1}`;
    const stored = await ctx.forward(Buffer.from(JSON.stringify(json)));
    res.writeHead(stored.status, { 'content-type': 'application/json' });
    res.end(stored.body);
    return true;
  };
}

export async function runHostileTest({ log, verbose }: SuiteOptions): Promise<SuiteResult> {
  selfCheck();
  const tag = crypto.randomBytes(4).toString('hex');
  // Characters that change under URL, HTML and JSON escaping, so every encoding is exercised.
  const access = `hostile-access-${tag}`;
  const secret = `Hx&<"/+=secret-${tag}`;
  const basic = Buffer.from(`${access}:${secret}`).toString('base64');
  const base = tempDir('deeploy-hostile-');
  const contracts = CONTRACTS.slice(0, 2);
  const files = workspaceFiles();
  for (const c of contracts) Object.assign(files, contractFiles(c, 1));
  const repo = createRepo(base, files);
  const trap = await startTrap();
  const cases = casesFor({ secret, basic, trapUrl: trap.url, contracts: contracts.map((c) => c.path) });
  const counts = { leaks: 0, crashes: 0, duplicates: 0, hangs: 0 };
  const problems: string[] = [];
  const slowest = { ms: 0, name: '' };
  let peakGrowth = 0;

  try {
    for (const c of cases) {
      const caseProblems: Record<ProblemKind, string[]> = { leaks: [], crashes: [], duplicates: [], hangs: [] };
      const emulator = await startTestEmulator(testSeed({ remotePath: repo.origin, accessKey: access, secretKey: secret }));
      const server = await startHostileServer(emulator.url, c.duplicateNames ? allowingDuplicateNames(c.hostile) : c.hostile);
      const reportDir = path.join(repo.dir, '.deeploy', 'reports');
      const summaryFile = path.join(base, 'step-summary.md');
      fs.rmSync(reportDir, { recursive: true, force: true });
      fs.rmSync(summaryFile, { force: true });
      const env = { DEEPLOY_ACCESS_KEY: access, DEEPLOY_SECRET_KEY: secret, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1' };
      const trapBefore = trap.requests.length;
      const before = memoryInUse();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, memoryInUse())), 10);
      const started = Date.now();
      const tasks = (c.contracts ?? [contracts[0].path]).flatMap((contract) => Array.from({ length: c.runsPerContract ?? 1 }, () => contract));
      const runs = await withWatchdog(
        Promise.all(tasks.map((contract) => deployTask({ root: repo.dir, contract, env, apiUrl: server.url, flags: c.flags }))),
        WATCHDOG_MS,
      );
      const ms = Date.now() - started;
      clearInterval(sampler);
      peak = Math.max(peak, memoryInUse());
      peakGrowth = Math.max(peakGrowth, peak - before);
      if (ms > slowest.ms) Object.assign(slowest, { ms, name: c.name });

      if (runs === undefined || ms > (c.maxMs ?? CASE_MS)) caseProblems.hangs.push(`took ${ms} ms, more than ${c.maxMs ?? CASE_MS} ms`);
      if (peak - before > MEMORY_LIMIT) caseProblems.crashes.push(`memory grew by ${Math.round((peak - before) / 1048576)} MB`);
      for (const run of runs ?? []) {
        const project = run.contract;
        const refusedAsDuplicate = run.lines.some((line) => / 409 Conflict/.test(line));
        if (refusedAsDuplicate) caseProblems.duplicates.push(`a create was refused as a duplicate (409): ${run.lines.join(' | ')}`);
        const long = run.lines.find((line) => line.length > MAX_LINE);
        if (long) caseProblems.crashes.push(`printed a line of ${long.length} characters: ${long.slice(0, 300)}…`);
        if (run.error) caseProblems.crashes.push(`the task threw: ${run.error instanceof Error ? (run.error.stack ?? run.error) : String(run.error)}`);
        else if (run.success !== (c.expect === 'succeed') && !refusedAsDuplicate)
          caseProblems.crashes.push(
            `${run.success ? 'succeeded' : 'failed'}, but should have ${c.expect === 'succeed' ? 'succeeded' : 'failed'}: ${run.lines.join(' | ')}`,
          );
        if (!run.success) {
          const expectedLine = c.line;
          const unclear = unclearFailure(run.lines, project);
          if (unclear) caseProblems.crashes.push(`${unclear}: ${run.lines.join(' | ')}`);
          else if (expectedLine && !run.lines.some((line) => expectedLine.test(line)))
            caseProblems.crashes.push(`the failure line does not say ${expectedLine}: ${run.lines.join(' | ')}`);
        } else if (hasStackTrace(run.lines)) caseProblems.crashes.push('printed a stack trace');
      }
      const reports: NamedText[] = fs.existsSync(reportDir)
        ? fs.readdirSync(reportDir).map((f) => ({ name: `report ${f}`, text: fs.readFileSync(path.join(reportDir, f), 'utf8') }))
        : [];
      if (runs && reports.length < new Set(tasks).size) caseProblems.crashes.push(`${reports.length} report files for ${new Set(tasks).size} contracts`);
      const texts = [...(runs ?? []).map((run, i) => ({ name: `terminal of task ${i + 1}`, text: run.lines.join('\n') })), ...reports];
      if (fs.existsSync(summaryFile)) texts.push({ name: 'step summary', text: fs.readFileSync(summaryFile, 'utf8') });
      for (const leak of findFragmentLeaks(texts, [access, secret, basic])) caseProblems.leaks.push(`"${leak.piece}" in the ${leak.name}`);
      for (const request of trap.requests.slice(trapBefore))
        caseProblems.leaks.push(`a redirect was followed: ${request.method} ${request.path}${request.authorization ? ' with the Authorization header' : ''}`);
      const byContract = new Map<string, number>();
      for (const d of deploymentsOf(emulator.state())) {
        const key = d.activeVersion?.contractPath ?? d.name;
        byContract.set(key, (byContract.get(key) ?? 0) + 1);
      }
      for (const [contract, n] of byContract) if (n > 1) caseProblems.duplicates.push(`${contract} has ${n} deployments`);

      await server.close();
      await emulator.stop();
      for (const [kind, list] of Object.entries(caseProblems) as [ProblemKind, string[]][]) {
        if (list.length === 0) continue;
        counts[kind] += 1;
        for (const problem of list) problems.push(`hostile case "${c.name}": ${SINGULAR[kind]}: ${problem}`.slice(0, 2000));
      }
      if (verbose) log(`  hostile: ${c.name}: ${(runs ?? []).map((r) => (r.success ? 'ok' : 'failed')).join(', ')} in ${ms} ms`);
    }
  } finally {
    await trap.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
  const kinds = [...new Set(cases.map((c) => c.kind))].map((kind) => `${cases.filter((c) => c.kind === kind).length} ${kind}`);
  return {
    figure: `hostile: ${cases.length} cases, ${counts.leaks} leaks, ${counts.crashes} crashes, ${counts.duplicates} duplicates, ${counts.hangs} hangs`,
    details: [
      `hostile cases: ${kinds.join(', ')}; slowest ${(slowest.ms / 1000).toFixed(1)} s (${slowest.name}); memory grew by at most ${Math.round(peakGrowth / 1048576)} MB`,
    ],
    problems,
    ok: problems.length === 0,
  };
}
