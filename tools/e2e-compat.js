#!/usr/bin/env node
/**
 * The compatibility run (`npm run e2e:compat`): the core e2e flow (e2e/compat/) once per Nx
 * version, each in its own fresh workspace, then a Markdown table of Nx version × result.
 *
 *   npm run e2e:compat                    # the default versions, found on the registry
 *   npm run e2e:compat -- 22.7.8 23.3.2   # exactly these versions
 *
 * Default versions: the pinned one (root package.json), the newest patch of the oldest and of the
 * newest minor in the plugin's `nx` peer range, and the newest release of every later major.
 * Versions outside the peer range are installed with --legacy-peer-deps (npm refuses them
 * otherwise) and marked so in the table: they show whether widening the range would work.
 * Exits non-zero when a version inside the peer range fails.
 */
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const pluginPackage = require(path.join(ROOT, 'packages', 'deeploy', 'package.json'));
const PEER_RANGE = pluginPackage.peerDependencies.nx;
const PINNED = require(path.join(ROOT, 'package.json')).devDependencies.nx;

/** `npm view <spec> version --json` as an array of versions (npm gives a string for one match). */
function versionsMatching(spec) {
  let out;
  try {
    out = execFileSync('npm', ['view', spec, 'version', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return [];
  }
  const parsed = out.trim() === '' ? [] : JSON.parse(out);
  return (Array.isArray(parsed) ? parsed : [parsed]).sort(compareVersions);
}

/** Ascending x.y.z order (ranges exclude prereleases, so numbers suffice); npm lists by publish time. */
function compareVersions(a, b) {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

const majorOf = (v) => Number(v.split('.')[0]);
const minorLineOf = (v) => v.split('.').slice(0, 2).join('.');
const newestOf = (list) => list[list.length - 1];

function defaultVersions(inRange) {
  if (inRange.length === 0) throw new Error(`the registry lists no nx version in the peer range ${PEER_RANGE}`);
  const oldestLine = minorLineOf(inRange[0]);
  const later = versionsMatching(`nx@>${newestOf(inRange)}`);
  const newestPerMajor = [...new Set(later.map(majorOf))].map((major) => newestOf(later.filter((v) => majorOf(v) === major)));
  const picked = [newestOf(inRange.filter((v) => minorLineOf(v) === oldestLine)), PINNED, newestOf(inRange), ...newestPerMajor];
  return [...new Set(picked)];
}

/** The @nx/devkit to pin beside nx: the same version, else the newest of the same major (devkit lags nx at times). */
function devkitFor(nxVersion) {
  if (versionsMatching(`@nx/devkit@${nxVersion}`).length > 0) return nxVersion;
  return newestOf(versionsMatching(`@nx/devkit@^${majorOf(nxVersion)}.0.0`)) ?? nxVersion;
}

function runJest(env, outputFile) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [require.resolve('jest/bin/jest', { paths: [ROOT] }), '--config', 'e2e/jest.compat.config.js', '--runInBand', '--json', `--outputFile=${outputFile}`],
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** "5/5 passed", or the first failing step and the first line of its error. */
function summarise(outputFile, exitCode) {
  let results;
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

/** The line that says why: for a failed command, its first output line (Nx's ` NX   …` error) rather than the command itself. */
function reasonOf(text) {
  const lines = String(text)
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/exited with \d+:$/.test(l) && !/^(Error|thrown):?$/.test(l));
  return (lines[0] ?? '').replace(/^NX\s+/, '').replace(/\|/g, '\\|').slice(0, 160);
}

async function main() {
  const requested = process.argv.slice(2);
  const inRange = versionsMatching(`nx@${PEER_RANGE}`);
  const versions = requested.length > 0 ? requested : defaultVersions(inRange);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deeploy-compat-results-'));
  const rows = [];
  try {
    for (const version of versions) {
      const supported = inRange.includes(version);
      const devkit = devkitFor(version);
      process.stdout.write(`\n=== Nx ${version} (@nx/devkit ${devkit})${supported ? '' : ', outside the peer range: --legacy-peer-deps'} ===\n`);
      const started = Date.now();
      const outputFile = path.join(outDir, `${version}.json`);
      const code = await runJest(
        {
          DEEPLOY_COMPAT_NX_VERSION: version,
          DEEPLOY_COMPAT_DEVKIT_VERSION: devkit,
          DEEPLOY_COMPAT_LEGACY_PEER_DEPS: String(!supported),
        },
        outputFile,
      );
      rows.push({ version, inRange: supported, ...summarise(outputFile, code), seconds: Math.round((Date.now() - started) / 1000) });
    }
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }

  const lines = [
    `Nx compatibility of deeploy ${pluginPackage.version} (peer nx ${PEER_RANGE}) on Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
    '',
    '| Nx | in peer range | result | details | time |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.version} | ${r.inRange ? 'yes' : 'no (installed with --legacy-peer-deps)'} | ${r.ok ? '✔ works' : '✖ fails'} | ${r.text} | ${r.seconds} s |`),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
  process.exitCode = rows.some((r) => r.inRange && !r.ok) ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`e2e:compat: ${error.message}\n`);
  process.exitCode = 1;
});
