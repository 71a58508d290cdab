#!/usr/bin/env node
/**
 * `npm run test:faults`: the reliability and security figures of the deeploy plugin, measured
 * against the built packages (packages/*\/dist) and the Deeploy emulator.
 *
 *   node tools/reliability/run.js [--only=soak,crash,corpus,canary,generators,hostile]
 *                                 [--runs=200] [--kills=12] [--seed=20261127] [--verbose]
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
const { runFaultSoak } = require('./soak/fault-soak');
const { runCrashTest } = require('./crash/crash-test');
const { runBadInputCorpus } = require('./corpus/bad-inputs');
const { runCanaryTest } = require('./canary/canary-test');
const { runGeneratorFaults } = require('./generators/generator-faults');
const { runHostileTest } = require('./hostile/hostile-test');

const SUITES = {
  generators: (o) => runGeneratorFaults(o),
  crash: (o) => runCrashTest({ ...o, kills: o.kills }),
  canary: (o) => runCanaryTest(o),
  corpus: (o) => runBadInputCorpus(o),
  soak: (o) => runFaultSoak({ ...o, runs: o.runs }),
  hostile: (o) => runHostileTest(o),
};
/** Printed in this order: the three figures of the first reliability issue, then the hostile server's. */
const FIGURE_ORDER = ['generators', 'crash', 'soak', 'corpus', 'canary', 'hostile'];

function parseArgs(argv) {
  const options = { runs: 200, kills: 12, seed: 20261127, verbose: false, only: Object.keys(SUITES) };
  for (const arg of argv) {
    const [, name, value] = /^--([a-z]+)(?:=(.*))?$/.exec(arg) ?? [];
    if (name === 'verbose') options.verbose = true;
    else if (name === 'only' && value) options.only = value.split(',');
    else if ((name === 'runs' || name === 'kills' || name === 'seed') && /^\d+$/.test(value ?? '')) options[name] = Number(value);
    else
      throw new Error(
        `unknown argument "${arg}"; usage: node tools/reliability/run.js [--only=${Object.keys(SUITES).join(',')}] [--runs=200] [--kills=12] [--seed=<n>] [--verbose]`,
      );
  }
  const unknown = options.only.filter((name) => !SUITES[name]);
  if (unknown.length > 0) throw new Error(`unknown suite "${unknown[0]}"; the suites are ${Object.keys(SUITES).join(', ')}`);
  return options;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const log = (line) => console.log(line);
  const results = {};
  const started = Date.now();
  for (const name of Object.keys(SUITES).filter((n) => options.only.includes(n))) {
    const t = Date.now();
    try {
      results[name] = await SUITES[name]({ seed: options.seed, runs: options.runs, kills: options.kills, verbose: options.verbose, log });
    } catch (error) {
      results[name] = { figure: `${name}: did not finish: ${error.message.split('\n')[0]}`, details: [], problems: [error.stack ?? String(error)], ok: false };
    }
    log(`reliability: ${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s${results[name].ok ? '' : ' (FAILED)'}`);
    for (const line of results[name].details) log(`  ${line}`);
  }
  const problems = Object.entries(results).flatMap(([name, result]) => result.problems.map((p) => `[${name}] ${p}`));
  if (problems.length > 0) {
    log(`\nreliability: ${problems.length} problem${problems.length === 1 ? '' : 's'} (seed ${options.seed}):`);
    for (const problem of problems) log(`  ${problem}`);
  }
  const ok = Object.values(results).every((result) => result.ok);
  log(`\nreliability: ${ok ? 'all figures as required' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${options.seed})`);
  for (const name of FIGURE_ORDER) if (results[name]) log(results[name].figure);
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
