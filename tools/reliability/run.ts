/**
 * `npm run test:faults`: the reliability and security figures of the deeploy plugin, measured
 * against the built packages (`nx-deeploy/dist`, `deeploy-emulator`) and the Deeploy emulator.
 *
 *   node -r ./tools/register-ts.js tools/reliability/run.ts
 *        [--only=soak,crash,corpus,canary,generators,hostile] [--runs=200] [--kills=12] [--seed=20261127] [--verbose]
 *
 * Suites (see docs/reliability.md):
 *   generators  nx g failing late, killed and interrupted: the tree is as it was, never partial
 *   crash       deploy/update processes SIGKILLed at random points; the next run adopts or finishes
 *   canary      a whole flow with canary secrets; every output, file, log and git history scanned
 *   corpus      the bad-input corpus: refused with one clear line, nothing written or sent
 *   soak        seeded-random deploy/update runs against injected faults and server restarts
 *   hostile     a server of its own that echoes secrets, sends huge, endless, malformed and
 *               redirecting replies, and lets two runs race to create the same deployments
 * The last lines are the figures (faults, bad inputs, canary last). The exit code is 1 when a
 * figure that must be zero is not, or a suite falls short of its size; the problems are listed
 * above the figures with what is needed to replay them (the seed).
 */
import { requireBuilt } from '../support';
import type { SuiteOptions, SuiteResult } from './suite';

// Each suite is loaded when it runs: the built packages are checked first (one line, not a
// module-resolution stack trace), and --only loads no more than it runs.
const SUITES = {
  generators: async (o: SuiteOptions) => (await import('./generators/generator-faults')).runGeneratorFaults(o),
  crash: async (o: SuiteOptions) => (await import('./crash/crash-test')).runCrashTest(o),
  canary: async (o: SuiteOptions) => (await import('./canary/canary-test')).runCanaryTest(o),
  corpus: async (o: SuiteOptions) => (await import('./corpus/bad-inputs')).runBadInputCorpus(o),
  soak: async (o: SuiteOptions) => (await import('./soak/fault-soak')).runFaultSoak(o),
  hostile: async (o: SuiteOptions) => (await import('./hostile/hostile-test')).runHostileTest(o),
};
type SuiteName = keyof typeof SUITES;
const SUITE_NAMES = Object.keys(SUITES) as SuiteName[];
const isSuiteName = (name: string): name is SuiteName => Object.hasOwn(SUITES, name);
/** Printed in this order: the three figures of the first reliability issue, then the hostile server's. */
const FIGURE_ORDER: readonly SuiteName[] = ['generators', 'crash', 'soak', 'corpus', 'canary', 'hostile'];

interface RunOptions {
  runs: number;
  kills: number;
  seed: number;
  verbose: boolean;
  only: SuiteName[];
}

function parseArgs(argv: readonly string[]): RunOptions {
  const options: RunOptions = { runs: 200, kills: 12, seed: 20261127, verbose: false, only: SUITE_NAMES };
  for (const arg of argv) {
    const [, name, value] = /^--([a-z]+)(?:=(.*))?$/.exec(arg) ?? [];
    if (name === 'verbose') options.verbose = true;
    else if (name === 'only' && value) {
      const only = value.split(',');
      const unknown = only.find((suite) => !isSuiteName(suite));
      if (unknown !== undefined) throw new Error(`unknown suite "${unknown}"; the suites are ${SUITE_NAMES.join(', ')}`);
      options.only = only.filter(isSuiteName);
    } else if ((name === 'runs' || name === 'kills' || name === 'seed') && /^\d+$/.test(value ?? '')) options[name] = Number(value);
    else
      throw new Error(
        `unknown argument "${arg}"; usage: node -r ./tools/register-ts.js tools/reliability/run.ts [--only=${SUITE_NAMES.join(',')}] [--runs=200] [--kills=12] [--seed=<n>] [--verbose]`,
      );
  }
  return options;
}

async function main(): Promise<number> {
  let options: RunOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  try {
    requireBuilt('the reliability tests load the built packages');
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const log = (line: string) => console.log(line);
  const results: Partial<Record<SuiteName, SuiteResult>> = {};
  const started = Date.now();
  for (const name of SUITE_NAMES.filter((n) => options.only.includes(n))) {
    const t = Date.now();
    let result: SuiteResult;
    try {
      result = await SUITES[name]({ seed: options.seed, runs: options.runs, kills: options.kills, verbose: options.verbose, log });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const stack = error instanceof Error ? (error.stack ?? message) : message;
      result = { figure: `${name}: did not finish: ${message.split('\n')[0]}`, details: [], problems: [stack], ok: false };
    }
    results[name] = result;
    log(`reliability: ${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s${result.ok ? '' : ' (FAILED)'}`);
    for (const line of result.details) log(`  ${line}`);
  }
  const problems = Object.entries(results).flatMap(([name, result]) => result.problems.map((p) => `[${name}] ${p}`));
  if (problems.length > 0) {
    log(`\nreliability: ${problems.length} problem${problems.length === 1 ? '' : 's'} (seed ${options.seed}):`);
    for (const problem of problems) log(`  ${problem}`);
  }
  const ok = Object.values(results).every((result) => result.ok);
  log(`\nreliability: ${ok ? 'all figures as required' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${options.seed})`);
  for (const name of FIGURE_ORDER) {
    const result = results[name];
    if (result) log(result.figure);
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
