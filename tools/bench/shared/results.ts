/** Benchmark results are also written as JSON under tmp/bench-results, for docs/benchmarks.md. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, REPO_TMP, nxVersionOf } from '../../support';

export interface Machine {
  nproc: number;
  cpu: string;
  memoryGb: number;
  node: string;
  nx: string;
  platform: string;
  loadAverage: number[];
}

export function machine(): Machine {
  return {
    nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    nx: nxVersionOf(REPO_ROOT),
    platform: `${os.platform()} ${os.release()}`,
    // Other work on the machine skews every wall time: recorded (at the end; the scripts also keep
    // the value at the start) so a reader can judge the numbers.
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

export function writeResults(name: string, value: object): string {
  const dir = path.join(REPO_TMP, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), ...value }, null, 2)}\n`);
  return file;
}
