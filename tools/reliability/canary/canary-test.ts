/**
 * Canary secrets: a whole deploy/update flow run with unique canary values for every secret
 * (DEEPLOY_ACCESS_KEY, DEEPLOY_SECRET_KEY, DEEPLOY_TOKEN), each task in its own process as Nx
 * runs it, including the paths most likely to leak: --verbose stack traces, keys Deeploy
 * rejects, a server whose error page echoes the request's key and Authorization header, a
 * secret passed as an option, route 3 (upload, commit, push), --wait, and GitHub's step summary.
 * Then every place a secret could end up is scanned: each process's stdout and stderr, the
 * report files, the step summary, the `deeploy-ci summary` output, the emulator's request log
 * (bodies and headers) and state file, every file of the workspace, and the git history of the
 * workspace and of its remote.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FaultPlan } from 'deeploy-emulator';
import { cleanEnv, createRepo, deeployEnvFor, git, runCommand, startTestEmulator, tempDir, testSeed, tsNodeArgs, type TaskKind } from '../../support';
import { DEPLOY_CHILD } from '../crash/crash-test';
import { CONTRACTS, contractFiles, workspaceFiles } from '../shared/fixtures';
import type { SuiteOptions, SuiteResult } from '../suite';
import { canaryForms, findLeaks, selfCheck, type NamedText } from './scan';

/** The `deeploy-ci` command of the built plugin. */
const DEEPLOY_CI = require.resolve('nx-deeploy/dist/cli/deeploy-ci.js');

/** One task of the flow: its flags, the contract version committed first, the server's faults, and whether it must fail. */
interface CanaryStep {
  name: string;
  kind?: TaskKind;
  flags: Record<string, unknown>;
  change?: number;
  artifact?: boolean;
  faults?: FaultPlan;
  env?: NodeJS.ProcessEnv;
  fails?: boolean;
}

function filesUnder(dir: string, skip = new Set(['.git'])): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, skip));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

export async function runCanaryTest({ log, verbose }: SuiteOptions): Promise<SuiteResult> {
  selfCheck();
  const tag = crypto.randomBytes(4).toString('hex');
  const canary = { access: `canary-access-${tag}`, secret: `canary-secret-${tag}`, token: `canary-token-${tag}`, wrong: `canary-wrong-${tag}` };
  const base = tempDir('deeploy-canary-');
  const churn = CONTRACTS[0];
  const repo = createRepo(base, { ...workspaceFiles(), ...contractFiles(churn, 1), 'artifacts/.gitkeep': '' });
  fs.writeFileSync(path.join(repo.dir, '.gitignore'), '.deeploy/\nnode_modules/\n.nx/\nartifacts/\n');
  repo.commitAndPush('ignore artifacts');
  const dataFile = path.join(base, 'emulator-state.json');
  const seed = testSeed({ remotePath: repo.origin, accessKey: canary.access, secretKey: canary.secret });
  seed.credentials.tokens = [canary.token];
  const emulator = await startTestEmulator(seed, { dataFile, readyDelayMs: 50 });
  const summaryFile = path.join(base, 'step-summary.md');
  const outputs = path.join(base, 'outputs');
  fs.mkdirSync(outputs);
  const env = cleanEnv({
    ...deeployEnvFor(emulator, seed),
    DEEPLOY_TOKEN: canary.token,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
  });
  const problems: string[] = [];
  const echo = `<html><body>400 bad request: key=${canary.secret} access=${canary.access} token=${canary.token} authorization: Basic ${Buffer.from(`${canary.access}:${canary.secret}`).toString('base64')}</body></html>`;
  const steps: CanaryStep[] = [
    { name: 'dry run', flags: { dryRun: true } },
    { name: 'create and wait', flags: { wait: true, waitIntervalSeconds: 0.05 } },
    { name: 'unchanged (skip)', flags: { verbose: true } },
    { name: 'update', change: 2, kind: 'update', flags: {} },
    {
      name: 'server echoing the key in an error, verbose',
      change: 3,
      faults: { serverErrors: { count: 1, status: 500, method: 'PATCH', body: echo } },
      flags: { verbose: true },
      fails: true,
    },
    {
      name: 'server echoing the key in 503s that are retried',
      faults: { serverErrors: { count: 2, status: 503, body: echo } },
      flags: { verbose: true, force: true },
    },
    { name: 'keys Deeploy rejects, verbose', env: { DEEPLOY_SECRET_KEY: canary.wrong }, flags: { verbose: true, force: true }, fails: true },
    { name: 'secret passed as an option', flags: { secretKey: canary.secret, verbose: true }, fails: true },
    {
      name: 'keys put into DEEPLOY_API_URL, verbose',
      env: { DEEPLOY_API_URL: emulator.url.replace('//', `//${canary.access}:${canary.secret}@`) },
      flags: { verbose: true },
      fails: true,
    },
    {
      name: 'route 3: upload, commit, push',
      artifact: true,
      flags: { modelArtifact: 'artifacts/churn/model.joblib', push: true, wait: true, waitIntervalSeconds: 0.05 },
    },
    { name: 'after route 3', kind: 'update', flags: { force: true } },
  ];
  let n = 0;
  try {
    for (const step of steps) {
      if (step.change) {
        for (const [file, content] of Object.entries(contractFiles(churn, step.change))) repo.write(file, content);
        repo.commitAndPush(`churn v${step.change}`);
      }
      if (step.artifact) {
        fs.mkdirSync(path.join(repo.dir, 'artifacts', 'churn'), { recursive: true });
        fs.writeFileSync(path.join(repo.dir, 'artifacts', 'churn', 'model.joblib'), `weights ${tag}`);
      }
      emulator.setFaults(step.faults ?? {});
      const kind = step.kind ?? 'deploy';
      const result = await runCommand(process.execPath, tsNodeArgs(DEPLOY_CHILD, [repo.dir, churn.path, kind, JSON.stringify(step.flags)]), {
        cwd: repo.dir,
        env: { ...env, ...step.env },
        label: `${kind} ${churn.path} (${step.name})`,
      });
      emulator.setFaults({});
      n++;
      fs.writeFileSync(path.join(outputs, `${n}-${kind}.stdout`), result.stdout);
      fs.writeFileSync(path.join(outputs, `${n}-${kind}.stderr`), result.stderr);
      if (process.env.RELIABILITY_SHOW_CANARY_OUTPUT) log(`--- ${step.name}\n${result.stdout}${result.stderr}`);
      const ok = result.code === 0;
      if (ok === Boolean(step.fails))
        problems.push(`canary step "${step.name}" ${ok ? 'succeeded' : 'failed'} unexpectedly:\n${result.stdout}${result.stderr}`);
      if (verbose) log(`  canary step ${n} (${step.name}): exit ${result.code}`);
    }
    const summary = await runCommand(process.execPath, [DEEPLOY_CI, 'summary', '--print'], { cwd: repo.dir, env, label: 'deeploy-ci summary --print' });
    fs.writeFileSync(path.join(outputs, 'deeploy-ci-summary.stdout'), summary.stdout);
    fs.writeFileSync(path.join(outputs, 'deeploy-ci-summary.stderr'), summary.stderr);
    fs.writeFileSync(path.join(outputs, 'emulator-request-log.json'), JSON.stringify(emulator.requestLog(), null, 2));
    await emulator.stop();

    const texts: NamedText[] = [];
    const add = (name: string, text: string) => texts.push({ name, text });
    for (const file of filesUnder(outputs)) add(path.relative(base, file), fs.readFileSync(file, 'utf8'));
    if (fs.existsSync(summaryFile)) add('step summary', fs.readFileSync(summaryFile, 'utf8'));
    else problems.push('canary: the step summary was not written, so it could not be checked');
    add('emulator state file', fs.readFileSync(dataFile, 'utf8'));
    const reports = path.join(repo.dir, '.deeploy', 'reports');
    if (!fs.existsSync(reports) || fs.readdirSync(reports).length === 0) problems.push('canary: no report files were written, so they could not be checked');
    for (const file of filesUnder(repo.dir)) add(`workspace: ${path.relative(repo.dir, file)}`, fs.readFileSync(file, 'utf8'));
    add('git history of the workspace', git(repo.dir, ['log', '--all', '-p', '--format=fuller']));
    add('git history of the remote', git(repo.origin, ['log', '--all', '-p', '--format=fuller']));
    add('git config of the workspace', fs.readFileSync(path.join(repo.dir, '.git', 'config'), 'utf8'));

    const forms = canaryForms({
      values: [canary.access, canary.secret, canary.token, canary.wrong],
      keyPairs: [
        [canary.access, canary.secret],
        [canary.access, canary.wrong],
      ],
    });
    const leaks = findLeaks(texts, forms);
    for (const leak of leaks) problems.push(`canary leak in ${leak.name}: …${leak.context}…`);
    // The flow must have reached the places scanned: a deployment updated by route 3's commit.
    const routeCommit = git(repo.dir, ['log', '-1', '--format=%s']);
    if (!/deeploy: upload artifacts/.test(routeCommit)) problems.push(`canary: route 3 made no commit (HEAD is "${routeCommit}")`);
    return {
      figure: `canary: ${leaks.length} leaks in ${texts.length} files`,
      details: [
        `canary flow: ${n} task processes (${steps.filter((s) => s.fails).length} failing on purpose), deeploy-ci summary, emulator log and state, workspace files, git history`,
      ],
      problems,
      ok: problems.length === 0,
    };
  } finally {
    await emulator.stop().catch(() => undefined);
    fs.rmSync(base, { recursive: true, force: true });
  }
}
