#!/usr/bin/env node
/**
 * Deploy benchmark: `nx affected -t deeploy-deploy` over many changed contracts against the Deeploy
 * emulator with a fixed latency per request, compared with a sequential loop doing what Deeploy's
 * Python client sends for the same work (baseline.js).
 *
 *   node tools/bench/deploy/run.js [--contracts=40] [--parallel=8] [--latency=50] [--runs=1]
 *
 * Each run: a fresh workspace and emulator; the create run (every contract new), then every
 * contract changed, committed and pushed, and the update run (the steady state). Requests are
 * counted from the emulator's request log; peak RSS per process is sampled from /proc; each task's
 * own time comes from its report file, so process start-up is the rest of the task process's life.
 * When the deploy executor declares a `batchImplementation`, batch mode (NX_BATCH_MODE=true) is
 * measured too, and the one-process-per-task runs set NX_BATCH_MODE=false. Needs `npm run build` first. The last lines printed are the ratios.
 */
const fs = require('node:fs');
const path = require('node:path');
const { measureRun, median, mb, seconds } = require('../shared/measure');
const { benchTmp, nxBin, nxEnv, repoRoot, requireBuilt } = require('../shared/paths');
const { intArg, parseArgs } = require('../shared/args');
const { machine, writeResults } = require('../shared/results');
const { runBaseline } = require('./baseline');
const { createDeployWorkspace, changeAllContracts } = require('./workspace');

const TARGET_REQUESTS_PER_DEPLOYMENT = 2;
const TARGET_WALL_RATIO = 0.3;
const REPORT_DIR = '.deeploy/reports';

const emulatorPackage = path.join(repoRoot, 'packages', 'deeploy-emulator', 'dist', 'index.js');

/** `GET /workspaces/{ws}/deployments/{id}` → `GET deployments/{id}`: the request kinds, for the breakdown. */
function requestKind(entry) {
  const route = entry.path
    .replace(/^.*\/workspaces\/[^/]+\/?/, '')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}');
  return `${entry.method} ${route || 'workspace'}`;
}

function countKinds(log) {
  const kinds = {};
  for (const entry of log) kinds[requestKind(entry)] = (kinds[requestKind(entry)] ?? 0) + 1;
  return kinds;
}

function hasBatchImplementation() {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'packages', 'deeploy', 'executors.json'), 'utf8'));
  return Boolean(manifest.executors?.deploy?.batchImplementation);
}

function readReports(root) {
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
function taskProcessesOf(processes) {
  const looksLikeTask = (p) => /run-executor\.js|run-batch\.js/.test(p.command);
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  return processes.filter((p) => looksLikeTask(p) && !(byPid.has(p.ppid) && looksLikeTask(byPid.get(p.ppid))));
}

/** One `nx affected -t deeploy-deploy`, checked: every contract must end at `commit`. */
async function deployRun({ ws, emulator, workspaceId, credentials, parallel, base, commit, batch, phase }) {
  fs.rmSync(path.join(ws.root, '.nx'), { recursive: true, force: true });
  fs.rmSync(path.join(ws.root, '.deeploy'), { recursive: true, force: true });
  emulator.clearLog();
  const env = nxEnv({
    DEEPLOY_API_URL: emulator.url,
    DEEPLOY_WORKSPACE_ID: workspaceId,
    DEEPLOY_ACCESS_KEY: credentials.accessKey,
    DEEPLOY_SECRET_KEY: credentials.secretKey,
    // Both ways explicitly: with `preferBatch` in executors.json, Nx batches unless told not to.
    NX_BATCH_MODE: batch ? 'true' : 'false',
  });
  const args = [nxBin, 'affected', '-t', 'deeploy-deploy', `--parallel=${parallel}`, `--base=${base}`, '--head=HEAD', '--outputStyle=static'];
  const run = await measureRun(process.execPath, args, { cwd: ws.root, env });
  const output = `${run.stdout}\n${run.stderr}`;
  if (run.code !== 0) throw new Error(`${phase}: nx affected -t deeploy-deploy exited with ${run.code}:\n${output.slice(-3000)}`);

  const deployments = emulator.state().workspaces.find((w) => w.id === workspaceId).deployments;
  const atCommit = deployments.filter((d) => d.activeVersion?.commit === commit && ws.contracts.includes(d.activeVersion.contractPath));
  if (atCommit.length !== ws.contracts.length || deployments.length !== ws.contracts.length) {
    throw new Error(`${phase}: expected ${ws.contracts.length} deployments at ${commit.slice(0, 7)}, the emulator has ${deployments.length}, ${atCommit.length} at that commit`);
  }
  const log = emulator.requestLog();
  const reports = readReports(ws.root);
  if (reports.length !== ws.contracts.length) throw new Error(`${phase}: expected ${ws.contracts.length} report files in ${REPORT_DIR}, found ${reports.length}`);
  const actions = {};
  for (const report of reports) actions[report.action] = (actions[report.action] ?? 0) + 1;

  const root = run.processes.find((p) => p.pid === run.pid);
  return {
    phase,
    batch,
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
function taskProcessStats(run, reports) {
  const tasks = taskProcessesOf(run.processes);
  const taskPids = new Set(tasks.map((p) => p.pid));
  // What the tasks start (git, ssh…), and their children: counted apart from the task processes.
  // Most live a few ms, so the count is a lower bound and their CPU time is not sampled at all.
  const underTasks = new Set();
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
  const medianOrNull = (values) => (values.length ? median(values) : null);
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

async function baselineRuns({ startEmulator, seed, latencyMs, ws, workspaceId, commits }) {
  const emulator = await startEmulator({ port: 0, readyDelayMs: 0, seed, faults: { latencyMs } });
  try {
    const common = {
      baseUrl: emulator.url,
      workspaceId,
      accessKey: seed.credentials.accessKey,
      secretKey: seed.credentials.secretKey,
      remotePath: ws.originPath,
      branch: 'main',
    };
    const models = ws.contracts.map((contractPath) => ({ name: contractPath.replace(/\//g, '-'), contractPath }));
    const create = await runBaseline({ ...common, commit: commits.created, models, phase: 'create' });
    const update = await runBaseline({ ...common, commit: commits.updated, models: models.map((m) => ({ ...m, id: create.ids[m.name] })), phase: 'update' });
    const logged = emulator.requestLog().length;
    if (logged !== create.requests + update.requests) throw new Error(`baseline: sent ${create.requests + update.requests} requests, the emulator logged ${logged}`);
    return { create: { wallMs: create.wallMs, requests: create.requests }, update: { wallMs: update.wallMs, requests: update.requests } };
  } finally {
    await emulator.stop();
  }
}

/** One full cycle: fresh workspace and emulator, create run, change everything, update run, baseline. */
async function cycle({ count, parallel, latencyMs, batch, index }) {
  const { startEmulator, defaultSeed } = require(emulatorPackage);
  const dir = path.join(benchTmp, `bench-deploy${batch ? '-batch' : ''}`);
  const ws = createDeployWorkspace(dir, count);
  const seed = defaultSeed(ws.originPath);
  const workspaceId = seed.workspaces[0].id;
  const emulator = await startEmulator({ port: 0, readyDelayMs: 0, seed, faults: { latencyMs } });
  const common = { ws, emulator, workspaceId, credentials: seed.credentials, parallel, batch };
  let create;
  let update;
  let updated;
  try {
    create = await deployRun({ ...common, base: ws.base, commit: ws.created, phase: 'create' });
    updated = changeAllContracts(ws, '2.0.0');
    update = await deployRun({ ...common, base: ws.created, commit: updated, phase: 'update' });
  } finally {
    await emulator.stop();
  }
  const baseline = await baselineRuns({ startEmulator, seed, latencyMs, ws, workspaceId, commits: { created: ws.created, updated } });
  process.stderr.write(
    `  run ${index + 1}${batch ? ' (batch)' : ''}: create ${seconds(create.wallMs)} (baseline ${seconds(baseline.create.wallMs)}), update ${seconds(update.wallMs)} (baseline ${seconds(baseline.update.wallMs)})\n`,
  );
  return { create, update, baseline };
}

function summarize(cycles) {
  const pick = (phase) => {
    const runs = cycles.map((c) => c[phase]);
    const baselineMs = median(cycles.map((c) => c.baseline[phase].wallMs));
    const wallMs = median(runs.map((r) => r.wallMs));
    const m = (key) => (runs[0][key] === null ? null : median(runs.map((r) => r[key])));
    return {
      wallMs,
      wallRunsMs: runs.map((r) => Math.round(r.wallMs)),
      baselineMs,
      baselineRunsMs: cycles.map((c) => Math.round(c.baseline[phase].wallMs)),
      baselineRequests: cycles[0].baseline[phase].requests,
      ratio: wallMs / baselineMs,
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
      cpuMs: m('cpuMs'),
      nxCpuMs: m('nxCpuMs'),
      taskCpuMedianMs: m('taskCpuMedianMs'),
      taskCpuSumMs: m('taskCpuSumMs'),
      taskChildren: runs[0].taskChildren,
      beforeFirstTaskMs: m('beforeFirstTaskMs'),
      afterLastTaskMs: m('afterLastTaskMs'),
      taskProcessLifetimeMedianMs: m('taskProcessLifetimeMedianMs'),
      taskProcessLifetimeSumMs: m('taskProcessLifetimeSumMs'),
      executorMedianMs: m('executorMedianMs'),
      executorSumMs: m('executorSumMs'),
      timelines: runs.map((r) => r.timeline),
    };
  };
  return { create: pick('create'), update: pick('update') };
}

function describe(label, s, { count, latencyMs, parallel, cpus }) {
  const ms = (v) => (v === null ? 'n/a' : `${Math.round(v)} ms`);
  // In batch mode one process runs many executors at once: their times overlap, so no subtraction.
  const startup = s.taskProcesses >= s.reportCount ? s.taskProcessLifetimeSumMs - s.executorSumMs : null;
  const startupText = startup === null ? 'tasks share processes, so start-up is not separable' : `so start-up and exit ≈ ${seconds(startup)} (${Math.round((100 * startup) / s.taskProcessLifetimeSumMs)}%)`;
  const lines = [
    `  ${label}: median ${seconds(s.wallMs)} (runs ${s.wallRunsMs.join(', ')} ms) vs baseline ${seconds(s.baselineMs)} (runs ${s.baselineRunsMs.join(', ')} ms, ${s.baselineRequests} requests)`,
    `    requests: ${s.requests} = ${s.requestsPerDeployment.toFixed(2)} per deployment (${Object.entries(s.requestKinds).map(([k, n]) => `${n}× ${k}`).join(', ')}); actions ${JSON.stringify(s.actions)}`,
    `    nx before the first task starts: ${ms(s.beforeFirstTaskMs)}; after the last task ends: ${ms(s.afterLastTaskMs)}`,
    `    ${s.taskProcesses} task processes; each lives ${ms(s.taskProcessLifetimeMedianMs)} (median), of which the executor itself ${ms(s.executorMedianMs)}; ` +
      `summed over tasks: ${seconds(s.taskProcessLifetimeSumMs)} of process life, ${seconds(s.executorSumMs)} in executors, ${startupText}`,
    `    CPU: ${seconds(s.cpuMs)} in all (nx ${seconds(s.nxCpuMs)}; task processes ${seconds(s.taskCpuSumMs)}, ${ms(s.taskCpuMedianMs)} each (median); ` +
      `plus ≥ ${s.taskChildren} short git processes the tasks started, too short-lived to sample); on ${cpus} cores that is ≥ ${seconds(s.cpuMs / cpus)} of wall`,
    `    network floor at --parallel=${parallel}: ${count} deployments × ${(s.requestsPerDeployment).toFixed(2)} requests × ${latencyMs} ms / ${parallel} = ${seconds((count * s.requestsPerDeployment * latencyMs) / parallel)}`,
    `    peak RSS: one task process ${mb(s.peakTaskRssBytes)} (median ${mb(s.medianTaskRssBytes ?? 0)}), nx ${mb(s.peakNxRssBytes)}, whole tree ${mb(s.peakTreeRssBytes)}`,
  ];
  return lines.join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2), { contracts: '40', parallel: '8', latency: '50', runs: '1' });
  requireBuilt();
  if (!fs.existsSync(emulatorPackage)) throw new Error('packages/deeploy-emulator/dist is missing: run `npm run build` first');
  const count = intArg(args, 'contracts');
  const parallel = intArg(args, 'parallel');
  const latencyMs = intArg(args, 'latency', 0);
  const runs = intArg(args, 'runs');
  const m = machine();
  console.log(
    `deploy benchmark: ${m.nproc} cpus, node ${m.node}, nx ${m.nx}, load average ${m.loadAverage.join(' ')}; ${count} contracts, --parallel=${parallel}, ${latencyMs} ms per request, ${runs} run${runs === 1 ? '' : 's'}`,
  );
  const modes = hasBatchImplementation() ? [false, true] : [false];
  const results = {};
  for (const batch of modes) {
    const cycles = [];
    for (let i = 0; i < runs; i += 1) cycles.push(await cycle({ count, parallel, latencyMs, batch, index: i }));
    results[batch ? 'batch' : 'perTask'] = summarize(cycles);
  }
  for (const [mode, r] of Object.entries(results)) {
    console.log(mode === 'batch' ? 'batch mode (NX_BATCH_MODE=true):' : 'one process per task (NX_BATCH_MODE=false):');
    console.log(describe('create run (every contract new)', r.create, { count, latencyMs, parallel, cpus: m.nproc }));
    console.log(describe('update run (every contract changed; steady state)', r.update, { count, latencyMs, parallel, cpus: m.nproc }));
  }
  // Non-default settings get their own file, so a side experiment never replaces the default run's.
  const defaults = { contracts: 40, parallel: 8, latency: 50 };
  const suffix = Object.entries(defaults)
    .filter(([key, value]) => Number(args[key]) !== value)
    .map(([key]) => `-${key}${args[key]}`)
    .join('');
  const file = writeResults(`deploy${suffix}`, {
    loadAverageAtStart: m.loadAverage, contracts: count, parallel, latencyMs, runs, batchImplementation: modes.length > 1, results });
  console.log(`results: ${path.relative(process.cwd(), file)}`);
  for (const [mode, r] of Object.entries(results)) {
    const tag = mode === 'batch' ? ' (batch)' : '';
    for (const phase of ['create', 'update']) {
      const s = r[phase];
      const reqOk = s.requestsPerDeployment <= TARGET_REQUESTS_PER_DEPLOYMENT;
      const wallOk = s.ratio <= TARGET_WALL_RATIO;
      console.log(
        `deploy ${phase}${tag}: ${s.requestsPerDeployment.toFixed(2)} requests per deployment (target ≤ ${TARGET_REQUESTS_PER_DEPLOYMENT}${phase === 'update' ? `: ${reqOk ? 'met' : 'MISSED'}` : ''}); wall ratio nx/baseline = ${s.ratio.toFixed(2)} (target ≤ ${TARGET_WALL_RATIO}: ${wallOk ? 'met' : 'MISSED'})`,
      );
    }
  }
}

main().catch((error) => {
  console.error(`deploy benchmark failed: ${error.message}`);
  process.exitCode = 1;
});
