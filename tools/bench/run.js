#!/usr/bin/env node
/**
 * `npm run bench`: the graph benchmark, then the deploy benchmark, each with its defaults, and at
 * the end the ratio lines of both again, so the last lines printed are the ratios.
 * Each part's own output (and its JSON under tmp/bench-results) has the detail.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const PARTS = [
  { name: 'graph', script: path.join(__dirname, 'graph', 'run.js'), ratioLine: /^graph \d+: / },
  { name: 'deploy', script: path.join(__dirname, 'deploy', 'run.js'), ratioLine: /^deploy (create|update)/ },
];

function runPart(part) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [part.script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, ratios: output.split('\n').filter((line) => part.ratioLine.test(line)) }));
  });
}

async function main() {
  const ratios = [];
  let failed = false;
  for (const part of PARTS) {
    const result = await runPart(part);
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

main();
