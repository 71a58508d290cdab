/**
 * Graph benchmark: how much the `deeploy` inference plugin adds to every Nx command.
 *
 *   node -r ./tools/register-ts.js tools/bench/graph/run.ts [--sizes=1000,5000] [--runs=5]
 *
 * For each size, two workspaces over the same contract folders (see workspace.ts): A infers the
 * projects with the plugin, B declares them in hand-written project.json files. Each sample is a
 * cold `nx show projects --json` (no daemon, no graph cache, .nx/workspace-data deleted), runs
 * alternate A/B so drift on the machine hits both alike, and medians are compared. The plugin's own
 * share is Nx's `deeploy:createNodes` measure from NX_PERF_LOGGING. Needs `npm run build` first.
 * The last lines printed are the ratios.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_NX_BIN, REPO_TMP, cleanEnv, requireBuilt } from '../../support';
import { intArg, parseArgs } from '../shared/args';
import { measureRun, median, mb, seconds } from '../shared/measure';
import { machine, writeResults } from '../shared/results';
import { type GraphVariant, generateGraphWorkspace } from './workspace';

type VariantKey = 'A' | 'B';
const VARIANTS: Record<VariantKey, GraphVariant> = { A: 'plugin', B: 'handwritten' };
const TARGET_RATIO = 1.1;

/** `Time taken for 'name' 12.3ms` lines of NX_PERF_LOGGING, as name → ms (last one wins). */
function perfMeasures(text: string): Record<string, number> {
  const measures: Record<string, number> = {};
  for (const match of text.matchAll(/Time taken for '([^']+)' ([\d.]+)ms/g)) measures[match[1]] = Number(match[2]);
  return measures;
}

async function sample(dir: string, expectedCount: number) {
  // Nx keeps its file map and project-graph caches here: a cold start is what CI pays.
  fs.rmSync(path.join(dir, '.nx'), { recursive: true, force: true });
  const run = await measureRun(process.execPath, [REPO_NX_BIN, 'show', 'projects', '--json'], {
    cwd: dir,
    env: cleanEnv({ NX_CACHE_PROJECT_GRAPH: 'false', NX_PERF_LOGGING: 'true' }),
  });
  if (run.code !== 0) throw new Error(`nx show projects failed in ${dir} (exit ${run.code}):\n${run.stderr.slice(-2000)}`);
  const projects: string[] = JSON.parse(run.stdout.slice(run.stdout.indexOf('[')));
  if (projects.length !== expectedCount) throw new Error(`${dir}: expected ${expectedCount} projects, nx listed ${projects.length}`);
  const perf = perfMeasures(`${run.stdout}\n${run.stderr}`);
  // Isolated plugins run in workers started as `plugin-worker.js <socket> <plugin name or path>`.
  const workerCpu = (nameEnd: string): number =>
    run.processes.filter((p) => /plugin-worker\.js /.test(p.command) && p.command.endsWith(nameEnd)).reduce((sum, p) => sum + p.cpuMs, 0);
  return {
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    peakTreeRssBytes: run.peakTreeRssBytes,
    peakNxRssBytes: run.processes.find((p) => p.pid === run.pid)?.peakRssBytes ?? 0,
    peakProcesses: run.peakProcesses,
    graphMs: perf.createProjectGraphAsync ?? null,
    pluginWorkerCpuMs: workerCpu(' deeploy'),
    projectJsonWorkerCpuMs: workerCpu('/plugins/project-json/build-nodes/project-json'),
    pluginCreateNodesMs: perf['deeploy:createNodes'] ?? null,
    projectJsonCreateNodesMs: perf['nx/core/project-json:createNodes'] ?? null,
    loadPluginMs: perf['Load Nx Plugin: deeploy'] ?? null,
    projects,
  };
}

/** JSON with object keys sorted at every level, so key order cannot make two equal projects differ. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The same project, as Nx resolves it in both workspaces, must be identical: else the race is unfair. */
async function assertSameProject(dirs: string[], projectName: string): Promise<void> {
  const shown: string[] = [];
  for (const dir of dirs) {
    fs.rmSync(path.join(dir, '.nx'), { recursive: true, force: true });
    const run = await measureRun(process.execPath, [REPO_NX_BIN, 'show', 'project', projectName, '--json'], {
      cwd: dir,
      env: cleanEnv({ NX_CACHE_PROJECT_GRAPH: 'false' }),
    });
    if (run.code !== 0) throw new Error(`nx show project ${projectName} failed in ${dir}:\n${run.stderr.slice(-2000)}`);
    shown.push(canonicalJson(JSON.parse(run.stdout.slice(run.stdout.indexOf('{')))));
  }
  if (shown[0] !== shown[1]) throw new Error(`project ${projectName} differs between the plugin and the project.json workspace`);
}

const present = (values: Array<number | null>): number[] => values.filter((v): v is number => typeof v === 'number');
const medianOrNull = (values: Array<number | null>): number | null => (present(values).length ? Math.round(median(present(values))) : null);

type Sample = Awaited<ReturnType<typeof sample>>;

async function benchSize(count: number, runs: number) {
  const dirs = {} as Record<VariantKey, string>;
  for (const [key, variant] of Object.entries(VARIANTS) as Array<[VariantKey, GraphVariant]>) {
    dirs[key] = path.join(REPO_TMP, `bench-graph-${count}-${variant}`);
    await generateGraphWorkspace(dirs[key], count, variant);
  }
  await assertSameProject([dirs.A, dirs.B], 'models/g000/model-00001');
  // One unmeasured run each, so both start with warm file-system and module caches.
  await sample(dirs.A, count);
  await sample(dirs.B, count);

  const samples: Record<VariantKey, Sample[]> = { A: [], B: [] };
  for (let i = 0; i < runs; i += 1) {
    for (const key of i % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const result = await sample(dirs[key], count);
      samples[key].push(result);
      process.stderr.write(
        `  ${count} ${VARIANTS[key].padEnd(11)} run ${i + 1}/${runs}: ${seconds(result.wallMs)}, deeploy:createNodes ${result.pluginCreateNodesMs === null ? 'n/a' : `${Math.round(result.pluginCreateNodesMs)} ms`}\n`,
      );
    }
  }
  const sameProjects = JSON.stringify(samples.A[0].projects) === JSON.stringify(samples.B[0].projects);
  if (!sameProjects) throw new Error(`${count}: the two workspaces list different projects`);

  const summarize = (list: Sample[]) => ({
    wallMs: median(list.map((s) => s.wallMs)),
    wallRunsMs: list.map((s) => Math.round(s.wallMs)),
    cpuMs: median(list.map((s) => s.cpuMs)),
    cpuRunsMs: list.map((s) => Math.round(s.cpuMs)),
    graphMs: medianOrNull(list.map((s) => s.graphMs)),
    pluginCreateNodesMs: medianOrNull(list.map((s) => s.pluginCreateNodesMs)),
    projectJsonCreateNodesMs: medianOrNull(list.map((s) => s.projectJsonCreateNodesMs)),
    loadPluginMs: medianOrNull(list.map((s) => s.loadPluginMs)),
    pluginWorkerCpuMs: medianOrNull(list.map((s) => s.pluginWorkerCpuMs)),
    projectJsonWorkerCpuMs: medianOrNull(list.map((s) => s.projectJsonWorkerCpuMs)),
    peakTreeRssBytes: Math.max(...list.map((s) => s.peakTreeRssBytes)),
    peakNxRssBytes: Math.max(...list.map((s) => s.peakNxRssBytes)),
    peakProcesses: Math.max(...list.map((s) => s.peakProcesses)),
  });
  const A = summarize(samples.A);
  const B = summarize(samples.B);
  return {
    count,
    runs,
    plugin: A,
    handwritten: B,
    ratio: A.wallMs / B.wallMs,
    cpuRatio: A.cpuMs / B.cpuMs,
    pluginShareOfWall: A.pluginCreateNodesMs === null ? null : A.pluginCreateNodesMs / A.wallMs,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { sizes: '1000,5000', runs: '5' });
  requireBuilt('the benchmarks load the built plugin');
  const sizes = args.sizes.split(',').map((size) => intArg({ sizes: size }, 'sizes'));
  const runs = intArg(args, 'runs');
  const m = machine();
  console.log(
    `graph benchmark: ${m.nproc} cpus, node ${m.node}, nx ${m.nx}, load average ${m.loadAverage.join(' ')}; ${runs} cold runs per variant, alternating`,
  );

  const results: Array<Awaited<ReturnType<typeof benchSize>>> = [];
  for (const count of sizes) results.push(await benchSize(count, runs));

  for (const r of results) {
    const line = (label: string, s: (typeof results)[number]['plugin']): string =>
      `  ${label.padEnd(30)} wall median ${seconds(s.wallMs)} (runs ${s.wallRunsMs.join(', ')} ms), CPU median ${seconds(s.cpuMs)} (runs ${s.cpuRunsMs.join(', ')} ms)\n${' '.repeat(33)}createProjectGraphAsync ${s.graphMs === null ? 'n/a' : seconds(s.graphMs)}, peak RSS ${mb(s.peakTreeRssBytes)} summed over ${s.peakProcesses} processes (nx itself ${mb(s.peakNxRssBytes)})`;
    console.log(`${r.count} contract folders:`);
    console.log(line('A plugin infers (deeploy)', r.plugin));
    console.log(line('B hand-written project.json', r.handwritten));
    console.log(
      `  deeploy:createNodes median ${r.plugin.pluginCreateNodesMs ?? 'n/a'} ms; nx/core/project-json:createNodes in B median ${r.handwritten.projectJsonCreateNodesMs ?? 'n/a'} ms`,
    );
    console.log(
      `  the deeploy plugin worker process: ${r.plugin.loadPluginMs ?? 'n/a'} ms from start to plugin loaded, ${r.plugin.pluginWorkerCpuMs} ms CPU in all ` +
        `(B's project-json worker: ${r.handwritten.projectJsonWorkerCpuMs} ms CPU, A's: ${r.plugin.projectJsonWorkerCpuMs} ms)`,
    );
  }
  // Other sizes get their own file, so a side experiment never replaces the default run's.
  const file = writeResults(args.sizes === '1000,5000' ? 'graph' : `graph-sizes${sizes.join('-')}`, { loadAverageAtStart: m.loadAverage, runs, results });
  console.log(`results: ${path.relative(process.cwd(), file)}`);
  for (const r of results) {
    const share = r.pluginShareOfWall === null ? 'n/a' : `${(r.pluginShareOfWall * 100).toFixed(1)}%`;
    console.log(
      `graph ${r.count}: wall ratio plugin/project.json = ${r.ratio.toFixed(2)} (target ≤ ${TARGET_RATIO.toFixed(2)} at 5000: ${r.count < 5000 ? 'n/a' : r.ratio <= TARGET_RATIO ? 'met' : 'MISSED'}); CPU ratio = ${r.cpuRatio.toFixed(2)}; deeploy:createNodes = ${share} of wall`,
    );
  }
}

main().catch((error: Error) => {
  console.error(`graph benchmark failed: ${error.message}`);
  process.exitCode = 1;
});
