/** Benchmark results are also written as JSON under tmp/bench-results, for docs/benchmarks.md. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { benchTmp, nxVersion } = require('./paths');

function machine() {
  return {
    nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    nx: nxVersion(),
    platform: `${os.platform()} ${os.release()}`,
    // Other work on the machine skews every wall time: recorded (at the end; the scripts also keep
    // the value at the start) so a reader can judge the numbers.
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

function writeResults(name, value) {
  const dir = path.join(benchTmp, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), ...value }, null, 2)}\n`);
  return file;
}

module.exports = { machine, writeResults };
