/**
 * What loading the plugin entry costs a plugin worker: `node -e` requires packages/deeploy/dist/index.js
 * (the `main` Nx loads for the `deeploy` entry of nx.json) in a fresh process, `--runs` times, and
 * reports the median CPU time (process.cpuUsage, user + system) and wall time of the require alone,
 * the number of modules it loaded, and whether zod or Nx's devkit was among them. Twice: in a bare
 * Node process, and after the modules an Nx plugin worker has loaded itself before it requires a
 * plugin (WORKER_MODULES), which is what the plugin adds to each worker.
 *
 *   node -r ./tools/register-ts.js tools/bench/graph/plugin-load.ts [--runs=5]
 *
 * Needs `npm run build` first. The last line printed is the figure other docs quote.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { PLUGIN_DIR, REPO_ROOT, requireBuilt } from '../../support';
import { intArg, parseArgs } from '../shared/args';
import { median } from '../shared/measure';
import { machine, writeResults } from '../shared/results';

interface LoadSample {
  cpuMs: number;
  wallMs: number;
  modules: number;
  zod: boolean;
  nxDevkit: boolean;
}

export interface PluginLoad {
  runs: number;
  cpuMs: number;
  wallMs: number;
  cpuRunsMs: number[];
  modules: number;
  loadsZod: boolean;
  loadsNxDevkit: boolean;
}

/** Nx modules the plugin worker (nx/src/project-graph/plugins/isolation/plugin-worker.js) loads before the plugin. */
const WORKER_MODULES = [
  'nx/src/project-graph/plugins/isolation/messaging',
  'nx/src/project-graph/plugins/load-resolved-plugin',
  'nx/src/analytics',
  'nx/src/utils/logger',
  'nx/src/daemon/client/daemon-environment',
];

// Runs in the child: argv[1] is the entry, argv[2] the modules to load first; those are not counted.
const PROBE = `
for (const name of JSON.parse(process.argv[2])) require(name);
const before = new Set(Object.keys(require.cache));
const cpu = process.cpuUsage();
const started = process.hrtime.bigint();
require(process.argv[1]);
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
const used = process.cpuUsage(cpu);
const loaded = Object.keys(require.cache).filter((file) => !before.has(file));
const has = (pattern) => loaded.some((file) => pattern.test(file.split(require('node:path').sep).join('/')));
process.stdout.write(JSON.stringify({
  cpuMs: (used.user + used.system) / 1000,
  wallMs,
  modules: loaded.length,
  zod: has(/\\/node_modules\\/zod\\//),
  nxDevkit: has(/\\/node_modules\\/(nx\\/(dist\\/)?src\\/devkit-exports|@nx\\/devkit\\/)/),
}));
`;

/** The plugin's entry file as Node resolves the package (its `main`): what Nx loads. Resolving loads nothing. */
function pluginEntry(): string {
  return require.resolve('nx-deeploy', { paths: [REPO_ROOT] });
}

function loadOnce(entry: string, preload: readonly string[]): LoadSample {
  return JSON.parse(execFileSync(process.execPath, ['-e', PROBE, entry, JSON.stringify(preload)], { cwd: REPO_ROOT, encoding: 'utf8' }));
}

/** Median CPU and wall of `runs` cold loads of the plugin entry, with what the last load pulled in. */
export function measurePluginLoad(runs: number, preload: readonly string[]): PluginLoad {
  const entry = pluginEntry();
  const samples = Array.from({ length: runs }, () => loadOnce(entry, preload));
  const last = samples[samples.length - 1];
  return {
    runs,
    cpuMs: median(samples.map((s) => s.cpuMs)),
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuRunsMs: samples.map((s) => Math.round(s.cpuMs)),
    modules: last.modules,
    loadsZod: last.zod,
    loadsNxDevkit: last.nxDevkit,
  };
}

export function describePluginLoad(r: PluginLoad, where: string): string {
  const heavy = [r.loadsZod && 'zod', r.loadsNxDevkit && "Nx's devkit"].filter((name): name is string => typeof name === 'string');
  return `plugin entry load (${where}): ${r.cpuMs.toFixed(0)} ms CPU, ${r.wallMs.toFixed(0)} ms wall (medians of ${r.runs}; runs ${r.cpuRunsMs.join(', ')} ms CPU), ${r.modules} modules, ${heavy.length ? `loads ${heavy.join(' and ')}` : 'neither zod nor the devkit'}`;
}

if (require.main === module) {
  try {
    const args = parseArgs(process.argv.slice(2), { runs: '5' });
    requireBuilt('the benchmark loads the built plugin', [PLUGIN_DIR]);
    const m = machine();
    const runs = intArg(args, 'runs');
    const bare = measurePluginLoad(runs, []);
    const worker = measurePluginLoad(runs, WORKER_MODULES);
    const file = writeResults('plugin-load', { loadAverageAtStart: m.loadAverage, bare, worker });
    console.log(`results: ${path.relative(process.cwd(), file)}`);
    console.log(describePluginLoad(bare, 'bare node'));
    console.log(describePluginLoad(worker, "after the plugin worker's own modules"));
  } catch (error) {
    console.error(`plugin load benchmark failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
