/**
 * Deploy benchmark: `nx affected -t deeploy-deploy` over many contracts against the Deeploy emulator
 * with a fixed latency per request, compared side by side with a sequential loop doing what
 * Deeploy's Python client sends for the same work (baseline.js), at several workspace sizes.
 *
 *   node -r ./tools/register-ts.js tools/bench/deploy/run.ts [--sizes=40,200] [--runs=3] [--per-task=40] [--latency=50] [--parallel=8] [--docs=true]
 *
 * Each run, per size: a fresh workspace and emulator; the create run (every contract new); every
 * contract changed, committed and pushed, and the update run (the steady state); then an nx.json
 * change that makes every contract affected while none changed, and the same command again; then
 * `nx show projects --affected` on that same change, the floor the last run is held against.
 * Requests are counted from the emulator's request log, git processes by a `git` shim on the
 * command's PATH (shared/git-counter.ts), peak RSS of the whole process tree from /proc; each
 * task's own time comes from its report file, so process start-up is the rest of the task
 * process's life. Batch mode (NX_BATCH_MODE=true, the default with `preferBatch`) is measured at
 * every size; one process per task (NX_BATCH_MODE=false) at the `--per-task` sizes only.
 * `--sizes=40,200,1000` adds the 1,000-contract run (opt-in: see docs/benchmarks.md for how long
 * each size takes). With the default latency and parallelism, the figures and the chart are written
 * to docs/benchmarks.md and docs/bench-curve.svg (`--docs=false` leaves them alone).
 * Needs `npm run build` first. The last lines printed are the ratios.
 */
import type { EmulatorSeed, LoggedRequest, RunningEmulator } from 'deeploy-emulator';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PLUGIN_DIR, REPO_NX_BIN, REPO_TMP, cleanEnv, deeployEnvFor, deploymentsOf, requireBuilt, startTestEmulator, testSeed } from '../../support';
import { intArg, parseArgs } from '../shared/args';
import { type GitCounter, installGitCounter } from '../shared/git-counter';
import { type MeasuredRun, type SeenProcess, measureRun, median, mb, seconds } from '../shared/measure';
import { machine, writeResults } from '../shared/results';
import { runBaseline } from './baseline';
import { writeCurveDocs } from './docs';
import { type DeployWorkspace, changeAllContracts, createDeployWorkspace, touchNxJson } from './workspace';

export type Phase = 'create' | 'update' | 'none';
export type Mode = 'batch' | 'perTask';

// Issue 15's targets (issue 13's ≤ 2 requests per deployment still holds).
const TARGET_REQUESTS_PER_DEPLOYMENT = 2;
const TARGET_WALL_RATIO = { create: 0.25, update: 0.15 };
const TARGET_NONE_CHANGED_RATIO = 1.5;
const TARGET_NONE_CHANGED_REQUESTS = 2;
const TARGET_PEAK_TREE_RSS_BYTES = 450 * 2 ** 20;
/** Git processes a batch may start: 10 + 2 per distinct deployed commit (0 for create, 1 otherwise). */
const gitTarget = (phase: Phase): number => 10 + 2 * (phase === 'create' ? 0 : 1);
const PHASES: readonly Phase[] = ['create', 'update', 'none'];
const PHASE_LABELS: Record<Phase, string> = {
  create: 'create run (every contract new)',
  update: 'update run (every contract changed; steady state)',
  none: 'all affected, none changed (an nx.json change)',
};
const REPORT_DIR = '.deeploy/reports';

/** `GET /workspaces/{ws}/deployments/{id}` → `GET deployments/{id}`: the request kinds, for the breakdown. */
function requestKind(entry: LoggedRequest): string {
  const route = entry.path.replace(/^.*\/workspaces\/[^/]+\/?/, '').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}');
  return `${entry.method} ${route || 'workspace'}`;
}

function countKinds(log: readonly LoggedRequest[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const entry of log) kinds[requestKind(entry)] = (kinds[requestKind(entry)] ?? 0) + 1;
  return kinds;
}

function hasBatchImplementation(): boolean {
  const manifest = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, 'executors.json'), 'utf8'));
  return Boolean(manifest.executors?.deploy?.batchImplementation);
}

/** The fields of a task's report file (.deeploy/reports/*.json) the benchmark reads. */
interface TaskReport {
  action: string;
  durationMs: number;
}

function readReports(root: string): TaskReport[] {
  const dir = path.join(root, ...REPORT_DIR.split('/'));
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')));
}

/**
 * Task processes: Nx forks run-executor.js per task, or run-batch.js per batch. Their own children
 * (git) can show the same command line for a moment after fork, so those are left out.
 */
function taskProcessesOf(processes: SeenProcess[]): SeenProcess[] {
  const looksLikeTask = (p: SeenProcess): boolean => /run-executor\.js|run-batch\.js/.test(p.command);
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  return processes.filter((p) => looksLikeTask(p) && !(byPid.has(p.ppid) && looksLikeTask(byPid.get(p.ppid) as SeenProcess)));
}

/** One `nx affected -t deeploy-deploy`, checked: every contract must end at `commit`. */
interface RunContext {
  ws: DeployWorkspace;
  emulator: RunningEmulator;
  seed: EmulatorSeed;
  parallel: number;
  batch: boolean;
  gitCounter: GitCounter;
}

async function deployRun({
  ws,
  emulator,
  seed,
  parallel,
  base,
  commit,
  batch,
  phase,
  gitCounter,
}: RunContext & { base: string; commit: string; phase: Phase }) {
  fs.rmSync(path.join(ws.root, '.nx'), { recursive: true, force: true });
  fs.rmSync(path.join(ws.root, '.deeploy'), { recursive: true, force: true });
  emulator.clearLog();
  gitCounter.reset();
  const env = cleanEnv({
    ...gitCounter.env,
    ...deeployEnvFor(emulator, seed),
    // Both ways explicitly: with `preferBatch` in executors.json, Nx batches unless told not to.
    NX_BATCH_MODE: batch ? 'true' : 'false',
    // As the generated pipelines set it (nx-set-shas): Nx does not hand `--base` to the tasks, and
    // the deploy task reads the run's base commit from here (docs/executors.md).
    NX_BASE: base,
  });
  const args = [REPO_NX_BIN, 'affected', '-t', 'deeploy-deploy', `--parallel=${parallel}`, `--base=${base}`, '--head=HEAD', '--outputStyle=static'];
  const run = await measureRun(process.execPath, args, { cwd: ws.root, env });
  const output = `${run.stdout}\n${run.stderr}`;
  if (run.code !== 0) throw new Error(`${phase}: nx affected -t deeploy-deploy exited with ${run.code}:\n${output.slice(-3000)}`);

  const deployments = deploymentsOf(emulator.state(), seed.workspaces[0].id);
  const atCommit = deployments.filter((d) => d.activeVersion?.commit === commit && ws.contracts.includes(d.activeVersion.contractPath));
  if (atCommit.length !== ws.contracts.length || deployments.length !== ws.contracts.length) {
    throw new Error(
      `${phase}: expected ${ws.contracts.length} deployments at ${commit.slice(0, 7)}, the emulator has ${deployments.length}, ${atCommit.length} at that commit`,
    );
  }
  const log = emulator.requestLog();
  const reports = readReports(ws.root);
  if (reports.length !== ws.contracts.length)
    throw new Error(`${phase}: expected ${ws.contracts.length} report files in ${REPORT_DIR}, found ${reports.length}`);
  const actions: Record<string, number> = {};
  for (const report of reports) actions[report.action] = (actions[report.action] ?? 0) + 1;

  const root = run.processes.find((p) => p.pid === run.pid);
  return {
    phase,
    batch,
    git: gitCounter.read(),
    wallMs: run.wallMs,
    requests: log.length,
    requestsPerDeployment: log.length / ws.contracts.length,
    requestKinds: countKinds(log),
    actions,
    reportCount: reports.length,
    peakNxRssBytes: root?.peakRssBytes ?? null,
    peakTreeRssBytes: run.peakTreeRssBytes,
    cpuMs: run.cpuMs,
    nxCpuMs: root?.cpuMs ?? null,
    ...taskProcessStats(run, reports),
  };
}

/**
 * How the task processes spent the run: their memory, CPU, lives, and the executors' own time (from
 * the report files), so that start-up and exit = a process's life minus its executor's time.
 */
function taskProcessStats(run: MeasuredRun, reports: TaskReport[]) {
  const tasks = taskProcessesOf(run.processes);
  const taskPids = new Set(tasks.map((p) => p.pid));
  // What the tasks start (git, ssh…), and their children: counted apart from the task processes.
  // Most live a few ms, so the count is a lower bound and their CPU time is not sampled at all.
  const underTasks = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of run.processes) {
      if (!taskPids.has(p.pid) && !underTasks.has(p.pid) && (taskPids.has(p.ppid) || underTasks.has(p.ppid))) {
        underTasks.add(p.pid);
        grew = true;
      }
    }
  }
  const lifetimes = tasks.map((p) => p.lastSeenMs - p.firstSeenMs);
  const executorMs = reports.map((r) => r.durationMs);
  const medianOrNull = (values: number[]): number | null => (values.length ? median(values) : null);
  const firstTaskAt = tasks.length ? Math.min(...tasks.map((p) => p.firstSeenMs)) : null;
  const lastTaskEnd = tasks.length ? Math.max(...tasks.map((p) => p.lastSeenMs)) : null;
  return {
    taskProcesses: tasks.length,
    peakTaskRssBytes: tasks.length ? Math.max(...tasks.map((p) => p.peakRssBytes)) : null,
    medianTaskRssBytes: medianOrNull(tasks.map((p) => p.peakRssBytes)),
    taskCpuMedianMs: medianOrNull(tasks.map((p) => p.cpuMs)),
    taskCpuSumMs: tasks.reduce((sum, p) => sum + p.cpuMs, 0),
    taskChildren: underTasks.size,
    beforeFirstTaskMs: firstTaskAt,
    afterLastTaskMs: lastTaskEnd === null ? null : run.wallMs - lastTaskEnd,
    taskProcessLifetimeMedianMs: medianOrNull(lifetimes),
    taskProcessLifetimeSumMs: lifetimes.reduce((a, b) => a + b, 0),
    executorMedianMs: medianOrNull(executorMs),
    executorSumMs: executorMs.reduce((a, b) => a + b, 0),
    // When each task process lived (ms after nx started) and its peak RSS (MB), to read the schedule.
    timeline: tasks.map((p) => [Math.round(p.firstSeenMs), Math.round(p.lastSeenMs), Math.round(p.peakRssBytes / 2 ** 20)]).sort((a, b) => a[0] - b[0]),
  };
}

async function baselineRuns({
  seed,
  latencyMs,
  ws,
  commits,
}: {
  seed: EmulatorSeed;
  latencyMs: number;
  ws: DeployWorkspace;
  commits: { created: string; updated: string };
}) {
  const emulator = await startTestEmulator(seed, { faults: { latencyMs } });
  try {
    const common = {
      baseUrl: emulator.url,
      workspaceId: seed.workspaces[0].id,
      accessKey: seed.credentials.accessKey,
      secretKey: seed.credentials.secretKey,
      remotePath: ws.originPath,
      branch: 'main',
    };
    const models = ws.contracts.map((contractPath) => ({ name: contractPath.replace(/\//g, '-'), contractPath }));
    const create = await runBaseline({ ...common, commit: commits.created, models, phase: 'create' });
    const update = await runBaseline({ ...common, commit: commits.updated, models: models.map((m) => ({ ...m, id: create.ids[m.name] })), phase: 'update' });
    const logged = emulator.requestLog().length;
    if (logged !== create.requests + update.requests)
      throw new Error(`baseline: sent ${create.requests + update.requests} requests, the emulator logged ${logged}`);
    return { create: { wallMs: create.wallMs, requests: create.requests }, update: { wallMs: update.wallMs, requests: update.requests } };
  } finally {
    await emulator.stop();
  }
}

/**
 * `nx show projects --affected` on the same workspace and change, cold as the deploy runs are (no
 * .nx/): the least any `nx affected` command costs there. Checked: it must list every contract.
 */
async function showAffectedRun({ ws, base, gitCounter }: { ws: DeployWorkspace; base: string; gitCounter: GitCounter }) {
  fs.rmSync(path.join(ws.root, '.nx'), { recursive: true, force: true });
  gitCounter.reset();
  const args = [REPO_NX_BIN, 'show', 'projects', '--affected', `--base=${base}`, '--head=HEAD'];
  const run = await measureRun(process.execPath, args, { cwd: ws.root, env: cleanEnv(gitCounter.env) });
  if (run.code !== 0) throw new Error(`nx show projects --affected exited with ${run.code}:\n${`${run.stdout}\n${run.stderr}`.slice(-3000)}`);
  const listed = run.stdout.split('\n').filter((line) => ws.contracts.includes(line.trim())).length;
  if (listed !== ws.contracts.length)
    throw new Error(`nx show projects --affected listed ${listed} of the ${ws.contracts.length} contracts after the nx.json change`);
  return { wallMs: run.wallMs, cpuMs: run.cpuMs, peakTreeRssBytes: run.peakTreeRssBytes, git: gitCounter.read() };
}

/**
 * One full cycle: fresh workspace and emulator, create run, change everything, update run, nx.json
 * change, none-changed run, `nx show projects --affected`, and the baseline.
 */
async function cycle({ count, parallel, latencyMs, batch, index }: { count: number; parallel: number; latencyMs: number; batch: boolean; index: number }) {
  const dir = path.join(REPO_TMP, `bench-deploy${batch ? '-batch' : ''}`);
  const ws = createDeployWorkspace(dir, count);
  const gitCounter = installGitCounter(path.join(dir, 'git-counter'));
  const seed = testSeed({ remotePath: ws.originPath });
  const emulator = await startTestEmulator(seed, { faults: { latencyMs } });
  const common: RunContext = { ws, emulator, seed, parallel, batch, gitCounter };
  let create: PhaseRun;
  let update: PhaseRun;
  let none: PhaseRun;
  let updated: string;
  try {
    create = await deployRun({ ...common, base: ws.base, commit: ws.created, phase: 'create' });
    updated = changeAllContracts(ws, '2.0.0');
    update = await deployRun({ ...common, base: ws.created, commit: updated, phase: 'update' });
    touchNxJson(ws);
    // Every deployment must stay at `updated`: nothing in a contract changed.
    none = await deployRun({ ...common, base: updated, commit: updated, phase: 'none' });
  } finally {
    await emulator.stop();
  }
  const showAffected = await showAffectedRun({ ws, base: updated, gitCounter });
  const baseline = await baselineRuns({ seed, latencyMs, ws, commits: { created: ws.created, updated } });
  process.stderr.write(
    `  ${count} contracts, run ${index + 1}${batch ? ' (batch)' : ' (one process per task)'}: create ${seconds(create.wallMs)} (baseline ${seconds(baseline.create.wallMs)}), ` +
      `update ${seconds(update.wallMs)} (baseline ${seconds(baseline.update.wallMs)}), none changed ${seconds(none.wallMs)} (nx show projects --affected ${seconds(showAffected.wallMs)}); ` +
      `git processes by the tasks ${create.git.task} / ${update.git.task} / ${none.git.task}; load average ${machine().loadAverage.join(' ')}\n`,
  );
  return { create, update, none, showAffected, baseline, loadAverage: machine().loadAverage[0] };
}

type PhaseRun = Awaited<ReturnType<typeof deployRun>>;
type Cycle = Awaited<ReturnType<typeof cycle>>;

function summarize(cycles: Cycle[]) {
  const showAffected = {
    wallMs: median(cycles.map((c) => c.showAffected.wallMs)),
    wallRunsMs: cycles.map((c) => Math.round(c.showAffected.wallMs)),
    cpuMs: median(cycles.map((c) => c.showAffected.cpuMs)),
    peakTreeRssBytes: Math.max(...cycles.map((c) => c.showAffected.peakTreeRssBytes)),
    gitProcesses: median(cycles.map((c) => c.showAffected.git.total)),
  };
  const pick = (phase: Phase) => {
    const runs = cycles.map((c) => c[phase]);
    // create and update are held against the Python-client loop; none-changed against `nx show projects --affected`.
    const reference: Array<{ wallMs: number }> = phase === 'none' ? cycles.map((c) => c.showAffected) : cycles.map((c) => c.baseline[phase]);
    const baselineMs = median(reference.map((r) => r.wallMs));
    const wallMs = median(runs.map((r) => r.wallMs));
    type Figure = { [K in keyof PhaseRun]: PhaseRun[K] extends number ? K : never }[keyof PhaseRun];
    type NullableFigure = { [K in keyof PhaseRun]: PhaseRun[K] extends number | null ? K : never }[keyof PhaseRun];
    const med = (key: Figure): number => median(runs.map((r) => r[key]));
    const m = (key: NullableFigure): number | null => (runs[0][key] === null ? null : median(runs.map((r) => r[key] as number)));
    return {
      wallMs,
      wallRunsMs: runs.map((r) => Math.round(r.wallMs)),
      baselineMs,
      baselineRunsMs: reference.map((r) => Math.round(r.wallMs)),
      baselineRequests: phase === 'none' ? 0 : cycles[0].baseline[phase].requests,
      ratio: wallMs / baselineMs,
      gitProcesses: median(runs.map((r) => r.git.total)),
      taskGitProcesses: median(runs.map((r) => r.git.task)),
      taskGitBySubcommand: runs[0].git.taskBySubcommand,
      nxGitBySubcommand: runs[0].git.nxBySubcommand,
      requests: runs[0].requests,
      requestsPerDeployment: runs[0].requestsPerDeployment,
      requestKinds: runs[0].requestKinds,
      actions: runs[0].actions,
      reportCount: runs[0].reportCount,
      taskProcesses: runs[0].taskProcesses,
      peakTaskRssBytes: Math.max(...runs.map((r) => r.peakTaskRssBytes ?? 0)),
      medianTaskRssBytes: m('medianTaskRssBytes'),
      peakNxRssBytes: Math.max(...runs.map((r) => r.peakNxRssBytes ?? 0)),
      peakTreeRssBytes: Math.max(...runs.map((r) => r.peakTreeRssBytes)),
      cpuMs: med('cpuMs'),
      nxCpuMs: m('nxCpuMs'),
      taskCpuMedianMs: m('taskCpuMedianMs'),
      taskCpuSumMs: med('taskCpuSumMs'),
      taskChildren: runs[0].taskChildren,
      beforeFirstTaskMs: m('beforeFirstTaskMs'),
      afterLastTaskMs: m('afterLastTaskMs'),
      taskProcessLifetimeMedianMs: m('taskProcessLifetimeMedianMs'),
      taskProcessLifetimeSumMs: med('taskProcessLifetimeSumMs'),
      executorMedianMs: m('executorMedianMs'),
      executorSumMs: med('executorSumMs'),
      timelines: runs.map((r) => r.timeline),
    };
  };
  return { create: pick('create'), update: pick('update'), none: pick('none'), showAffected, loadAverages: cycles.map((c) => c.loadAverage) };
}

export type Summary = ReturnType<typeof summarize>;
type PhaseSummary = Summary['create'];

/** One size's results, as written to JSON and docs/benchmarks.md. */
export interface SizeEntry {
  results: Partial<Record<Mode, Summary>>;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
  tookMs: number;
}

function describe(label: string, s: PhaseSummary, { count, latencyMs, parallel, cpus }: { count: number; latencyMs: number; parallel: number; cpus: number }) {
  const ms = (v: number | null): string => (v === null ? 'n/a' : `${Math.round(v)} ms`);
  // In batch mode one process runs many executors at once: their times overlap, so no subtraction.
  const startup = s.taskProcesses >= s.reportCount ? s.taskProcessLifetimeSumMs - s.executorSumMs : null;
  const startupText =
    startup === null
      ? 'tasks share processes, so start-up is not separable'
      : `so start-up and exit ≈ ${seconds(startup)} (${Math.round((100 * startup) / s.taskProcessLifetimeSumMs)}%)`;
  const lines = [
    `  ${label}: median ${seconds(s.wallMs)} (runs ${s.wallRunsMs.join(', ')} ms) vs ${s.baselineRequests ? 'baseline' : 'nx show projects --affected'} ${seconds(s.baselineMs)} (runs ${s.baselineRunsMs.join(', ')} ms${s.baselineRequests ? `, ${s.baselineRequests} requests` : ''})`,
    `    git processes: ${s.gitProcesses} in all, ${s.taskGitProcesses} started by the tasks (${
      Object.entries(s.taskGitBySubcommand)
        .map(([k, n]) => `${n}× ${k}`)
        .join(', ') || 'none'
    })`,
    `    requests: ${s.requests} = ${s.requestsPerDeployment.toFixed(2)} per deployment (${Object.entries(s.requestKinds)
      .map(([k, n]) => `${n}× ${k}`)
      .join(', ')}); actions ${JSON.stringify(s.actions)}`,
    `    nx before the first task starts: ${ms(s.beforeFirstTaskMs)}; after the last task ends: ${ms(s.afterLastTaskMs)}`,
    `    ${s.taskProcesses} task processes; each lives ${ms(s.taskProcessLifetimeMedianMs)} (median), of which the executor itself ${ms(s.executorMedianMs)}; ` +
      `summed over tasks: ${seconds(s.taskProcessLifetimeSumMs)} of process life, ${seconds(s.executorSumMs)} in executors, ${startupText}`,
    `    CPU: ${seconds(s.cpuMs)} in all (nx ${seconds(s.nxCpuMs ?? 0)}; task processes ${seconds(s.taskCpuSumMs)}, ${ms(s.taskCpuMedianMs)} each (median); ` +
      `the ${s.taskGitProcesses} git processes the tasks started are too short-lived to sample); on ${cpus} cores that is ≥ ${seconds(s.cpuMs / cpus)} of wall`,
    `    network floor at --parallel=${parallel}: ${count} deployments × ${s.requestsPerDeployment.toFixed(2)} requests × ${latencyMs} ms / ${parallel} = ${seconds((count * s.requestsPerDeployment * latencyMs) / parallel)}`,
    `    peak RSS: one task process ${mb(s.peakTaskRssBytes)} (median ${mb(s.medianTaskRssBytes ?? 0)}), nx ${mb(s.peakNxRssBytes)}, whole tree ${mb(s.peakTreeRssBytes)}`,
  ];
  return lines.join('\n');
}

/** `--sizes=40,200`: whole numbers ≥ 1, or one line saying what to pass instead. */
function sizesArg(value: string, flag: string): number[] {
  if (value === '') return [];
  const sizes = value.split(',').map((part) => part.trim());
  if (!sizes.every((size) => /^\d+$/.test(size) && Number(size) >= 1))
    throw new Error(`--${flag}=${value} must list whole numbers, 1 or more, separated by commas (e.g. --${flag}=40,200)`);
  return [...new Set(sizes.map(Number))].sort((a, b) => a - b);
}

/** The figure lines `npm run bench` repeats at the end (other docs quote them): the 40-contract ones keep their old form. */
function ratioLines(size: number, mode: Mode, r: Summary): string[] {
  const parts = [mode === 'batch' && 'batch', size !== 40 && `${size} contracts`].filter((part): part is string => typeof part === 'string');
  const tag = parts.length ? ` (${parts.join(', ')})` : '';
  const lines: string[] = [];
  for (const phase of ['create', 'update'] as const) {
    const s = r[phase];
    const reqOk = s.requestsPerDeployment <= TARGET_REQUESTS_PER_DEPLOYMENT;
    const wallOk = s.ratio <= TARGET_WALL_RATIO[phase];
    lines.push(
      `deploy ${phase}${tag}: ${s.requestsPerDeployment.toFixed(2)} requests per deployment (target ≤ ${TARGET_REQUESTS_PER_DEPLOYMENT}${phase === 'update' ? `: ${reqOk ? 'met' : 'MISSED'}` : ''}); wall ratio nx/baseline = ${s.ratio.toFixed(2)} (target ≤ ${TARGET_WALL_RATIO[phase]}: ${wallOk ? 'met' : 'MISSED'})`,
    );
  }
  const none = r.none;
  lines.push(
    `deploy none changed${tag}: ${seconds(none.wallMs)} = ${none.ratio.toFixed(2)}× nx show projects --affected (${seconds(none.baselineMs)}; target ≤ ${TARGET_NONE_CHANGED_RATIO}: ${none.ratio <= TARGET_NONE_CHANGED_RATIO ? 'met' : 'MISSED'}), ` +
      `${none.requests} requests (target ≤ ${TARGET_NONE_CHANGED_REQUESTS}: ${none.requests <= TARGET_NONE_CHANGED_REQUESTS ? 'met' : 'MISSED'})`,
  );
  if (mode === 'batch') {
    const gitOk = PHASES.every((phase) => r[phase].taskGitProcesses <= gitTarget(phase));
    const peak = Math.max(...PHASES.map((phase) => r[phase].peakTreeRssBytes));
    lines.push(
      `deploy git${tag}: ${PHASES.map((phase) => `${phase} ${r[phase].taskGitProcesses}`).join(', ')} git processes started by the batch (target ≤ 10 + 2 per deployed commit: ${gitOk ? 'met' : 'MISSED'}); ` +
        `peak RSS of the whole tree ${mb(peak)} (target < ${mb(TARGET_PEAK_TREE_RSS_BYTES)}: ${peak < TARGET_PEAK_TREE_RSS_BYTES ? 'met' : 'MISSED'})`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { sizes: '40,200', contracts: '', 'per-task': '40', parallel: '8', latency: '50', runs: '3', docs: 'true' });
  requireBuilt('the benchmarks load the built plugin and emulator');
  // --contracts=N, the older flag, is one size.
  const sizes = args.contracts === '' ? sizesArg(args.sizes, 'sizes') : sizesArg(args.contracts, 'contracts');
  if (!sizes.length) throw new Error('--sizes= is empty: give at least one size (e.g. --sizes=40,200)');
  const perTaskSizes = hasBatchImplementation() ? sizesArg(args['per-task'], 'per-task').filter((size) => sizes.includes(size)) : sizes;
  const parallel = intArg(args, 'parallel');
  const latencyMs = intArg(args, 'latency', 0);
  const runs = intArg(args, 'runs');
  if (!['true', 'false'].includes(args.docs)) throw new Error(`--docs=${args.docs} must be true or false`);
  const m = machine();
  console.log(
    `deploy benchmark: ${m.nproc} cpus, node ${m.node}, nx ${m.nx}, load average ${m.loadAverage.join(' ')}; ${sizes.join(', ')} contracts, --parallel=${parallel}, ${latencyMs} ms per request, ${runs} run${runs === 1 ? '' : 's'} each` +
      `; one process per task also at ${perTaskSizes.length ? perTaskSizes.join(', ') : 'no size'}`,
  );
  const bySize: Record<number, SizeEntry> = {};
  for (const size of sizes) {
    const started = Date.now();
    const loadAverageAtStart = machine().loadAverage;
    const modes = [...(perTaskSizes.includes(size) ? [false] : []), ...(hasBatchImplementation() ? [true] : [])];
    const results: Partial<Record<Mode, Summary>> = {};
    for (const batch of modes) {
      const cycles = [];
      for (let i = 0; i < runs; i += 1) cycles.push(await cycle({ count: size, parallel, latencyMs, batch, index: i }));
      results[batch ? 'batch' : 'perTask'] = summarize(cycles);
    }
    bySize[size] = { results, loadAverageAtStart, loadAverageAtEnd: machine().loadAverage, tookMs: Date.now() - started };
  }
  for (const size of sizes) {
    for (const [mode, r] of Object.entries(bySize[size].results) as Array<[Mode, Summary]>) {
      console.log(`${size} contracts, ${mode === 'batch' ? 'batch mode (NX_BATCH_MODE=true)' : 'one process per task (NX_BATCH_MODE=false)'}:`);
      for (const phase of PHASES) console.log(describe(PHASE_LABELS[phase], r[phase], { count: size, latencyMs, parallel, cpus: m.nproc }));
      const sa = r.showAffected;
      console.log(
        `  nx show projects --affected (same workspace and nx.json change): median ${seconds(sa.wallMs)} (runs ${sa.wallRunsMs.join(', ')} ms), CPU ${seconds(sa.cpuMs)}, ${sa.gitProcesses} git processes, peak RSS ${mb(sa.peakTreeRssBytes)}`,
      );
    }
  }
  // Non-default settings get their own file, so a side experiment never replaces the default run's.
  const defaults = { parallel: 8, latency: 50 };
  const suffix = Object.entries(defaults)
    .filter(([key, value]) => Number(args[key as keyof typeof defaults]) !== value)
    .map(([key]) => `-${key}${args[key as keyof typeof defaults]}`)
    .join('');
  const settings = { sizes, perTaskSizes, parallel, latencyMs, runs };
  const file = writeResults(`deploy${suffix}`, { loadAverageAtStart: m.loadAverage, ...settings, batchImplementation: hasBatchImplementation(), bySize });
  console.log(`results: ${path.relative(process.cwd(), file)}`);
  if (args.docs === 'true' && suffix === '') {
    const written = writeCurveDocs({
      bySize,
      settings,
      machine: machine(),
      targets: { wall: TARGET_WALL_RATIO, noneChanged: TARGET_NONE_CHANGED_RATIO, git: gitTarget },
    });
    console.log(`figures and chart: ${written.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
  } else {
    console.log(`docs/benchmarks.md left alone (${args.docs === 'true' ? 'non-default latency or parallelism' : '--docs=false'})`);
  }
  for (const size of sizes) {
    for (const [mode, r] of Object.entries(bySize[size].results) as Array<[Mode, Summary]>) for (const line of ratioLines(size, mode, r)) console.log(line);
  }
}

main().catch((error: Error) => {
  console.error(`deploy benchmark failed: ${error.message}`);
  process.exitCode = 1;
});
