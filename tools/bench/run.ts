/**
 * `npm run bench`: the plugin entry's load, the graph benchmark, then the deploy benchmark, and at
 * the end the figure lines of all again, so the last lines printed are the ratios.
 * Each part's own output (and its JSON under tmp/bench-results) has the detail.
 *
 *   npm run bench [-- --sizes=40,200] [--runs=3] [--per-task=40]     (the flags go to the deploy part)
 *   npm run bench -- --sizes=40,200,1000                              (adds 1,000 contracts: opt-in, it is long)
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { tsNodeArgs } from '../support';
import { parseArgs } from './shared/args';

interface Part {
  name: string;
  script: string;
  /** The part's figure lines, repeated at the end. */
  ratioLine: RegExp;
}

const PARTS: Part[] = [
  { name: 'plugin load', script: path.join(__dirname, 'graph', 'plugin-load.ts'), ratioLine: /^plugin entry load: / },
  { name: 'graph', script: path.join(__dirname, 'graph', 'run.ts'), ratioLine: /^graph \d+: / },
  { name: 'deploy', script: path.join(__dirname, 'deploy', 'run.ts'), ratioLine: /^deploy (create|update|none changed|git)/ },
];

function runPart(part: Part, args: string[] = []): Promise<{ code: number; ratios: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tsNodeArgs(part.script, args), { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, ratios: output.split('\n').filter((line) => part.ratioLine.test(line)) }));
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { sizes: '40,200', runs: '3', 'per-task': '40' });
  const deployArgs = Object.entries(args).map(([key, value]) => `--${key}=${value}`);
  const ratios: string[] = [];
  let failed = false;
  for (const part of PARTS) {
    const result = await runPart(part, part.name === 'deploy' ? deployArgs : []);
    if (result.code !== 0) {
      failed = true;
      ratios.push(`${part.name}: the benchmark failed (exit ${result.code}); see its output above`);
    } else {
      ratios.push(...result.ratios);
    }
    process.stdout.write('\n');
  }
  console.log('ratios:');
  for (const line of ratios) console.log(line);
  if (failed) process.exitCode = 1;
}

main().catch((error: Error) => {
  console.error(`benchmark failed: ${error.message}`);
  process.exitCode = 1;
});
