/**
 * Generators under faults, through the real `nx g` command line in a real Nx workspace (under the
 * repository's tmp/, so Node resolves nx and the workspace-linked, built `deeploy` plugin):
 *   - a generator that fails late in its validation (a bad flag checked last; a bad flag with
 *     --overwrite over an existing contract) exits non-zero with one clear line and leaves every
 *     file as it was;
 *   - a generator killed (SIGKILL) or interrupted (SIGINT, Ctrl-C) at a random point, before or
 *     while it runs, leaves the tree as it was or, when it had already finished, complete: never
 *     a partial contract.
 * "As it was" is checked with git: `git status --porcelain` clean and the same tree id of every
 * tracked file and untracked file (`git add -A` into a temporary index).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_NX_BIN, cleanEnv, createRepo, git, linkPluginAsAlias, repoTempDir, runCommand, type RunOptions } from '../../support';
import { CONTRACTS, contractFiles } from '../shared/fixtures';
import { seededRandom } from '../shared/random';
import { hasStackTrace } from '../shared/lines';
import type { SuiteOptions, SuiteResult } from '../suite';

const NEW_CONTRACT_FLAGS = [
  '--modelType=SKLEARN',
  '--blobUrl=s3://acme-models/fraud/v1',
  '--blobRegion=eu-west-1',
  '--explainerType=SHAP_KERNEL',
  '--explainerBlobUrl=s3://acme-models/fraud/explainer',
  '--problemType=classification',
  '--features=age,income',
];

/** The id of everything in the working tree (tracked and untracked, ignored files aside). */
function worktreeId(dir: string): string {
  const index = path.join(dir, '.git', 'reliability-index');
  const env = cleanEnv({ GIT_INDEX_FILE: index });
  try {
    execFileSync('git', ['add', '-A'], { cwd: dir, env, stdio: 'ignore' });
    return execFileSync('git', ['write-tree'], { cwd: dir, env, encoding: 'utf8' }).trim();
  } finally {
    fs.rmSync(index, { force: true });
  }
}

/** The plugin's lines in Nx's output: `deeploy:<generator>: …` (Nx's own banner and hints aside). */
function pluginLines(output: string): string[] {
  return (
    output
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .map((line) => line.replace(/^\s*NX\s+/, '').trim())
      .filter((line) => /^deeploy:\w+: /.test(line))
  );
}

export async function runGeneratorFaults({ seed, log, verbose }: SuiteOptions): Promise<SuiteResult> {
  const r = seededRandom(seed);
  const base = repoTempDir('reliability-generators-');
  const churn = CONTRACTS[0];
  const repo = createRepo(base, {
    'package.json': { name: 'reliability-generators', version: '0.0.0', private: true },
    'nx.json': { plugins: ['deeploy'] },
    '.gitignore': 'node_modules/\n.nx/\n.deeploy/\n',
    ...contractFiles(churn, 1),
  });
  linkPluginAsAlias(repo.dir);
  const env = cleanEnv();
  const nx = async (args: string[], options: Pick<RunOptions, 'killWhen' | 'killSignal'> = {}) => {
    const result = await runCommand(process.execPath, [REPO_NX_BIN, ...args], { cwd: repo.dir, env, label: `nx ${args.join(' ')}`, ...options });
    // Stopped by the signal sent (nx may instead catch SIGINT and exit on its own: that is "finished first").
    return { ...result, killed: result.killed && !result.timedOut && result.signal === (options.killSignal ?? 'SIGKILL') };
  };
  const problems: string[] = [];
  const tally = { failures: 0, interrupted: 0, asItWas: 0, complete: 0, partial: 0 };
  const reset = () => {
    git(repo.dir, ['reset', '--quiet', '--hard', 'HEAD']);
    git(repo.dir, ['clean', '--quiet', '-fd']);
  };

  try {
    const pristine = worktreeId(repo.dir);

    // A complete run, to know what "finished" looks like.
    const done = await nx(['g', 'deeploy:contract', 'models/fraud', ...NEW_CONTRACT_FLAGS, '--no-interactive']);
    if (done.code !== 0) throw new Error(`nx g deeploy:contract failed in the reference run:\n${done.stdout}${done.stderr}`);
    const complete = worktreeId(repo.dir);
    reset();

    // Failing late in validation.
    const failing = [
      {
        name: 'contract: a bad flag checked late (metadata: a feature named twice)',
        args: [
          'g',
          'deeploy:contract',
          'models/fraud',
          ...NEW_CONTRACT_FLAGS.filter((f) => !f.startsWith('--features=')),
          '--features=age,income,age',
          '--no-interactive',
        ],
        expect: /^deeploy:contract: --features: lists "age" twice/,
      },
      {
        name: 'contract --overwrite over an existing contract, with a bad explainer URL',
        args: [
          'g',
          'deeploy:contract',
          churn.path,
          '--modelType=SKLEARN',
          '--blobUrl=s3://acme-models/churn/v9',
          '--explainerType=SHAP_KERNEL',
          '--explainerBlobUrl=s3://Acme_Models/explainer',
          '--overwrite',
          '--no-interactive',
        ],
        expect: /^deeploy:contract: --explainerBlobUrl: has an invalid S3 bucket/,
      },
      {
        name: 'reference --overwrite with an invalid docker port',
        args: [
          'g',
          'deeploy:reference',
          churn.path,
          '--dockerImage=docker.io/acme/churn:2',
          '--dockerUri=/predict',
          '--dockerPort=70000',
          '--overwrite',
          '--no-interactive',
        ],
        expect: /^deeploy:reference: --dockerPort: must be a whole number from 1 to 65535/,
      },
    ];
    for (const c of failing) {
      const result = await nx(c.args);
      const output = `${result.stdout}${result.stderr}`;
      const lines = pluginLines(output);
      tally.failures++;
      const after = worktreeId(repo.dir);
      if (result.code === 0) problems.push(`generators: "${c.name}" succeeded`);
      else if (lines.length !== 1 || !c.expect.test(lines[0])) problems.push(`generators: "${c.name}" did not give one clear line:\n${output}`);
      else if (hasStackTrace(output.split('\n'))) problems.push(`generators: "${c.name}" printed a stack trace`);
      if (after !== pristine || git(repo.dir, ['status', '--porcelain']))
        problems.push(`generators: "${c.name}" changed the tree:\n${git(repo.dir, ['status', '--porcelain'])}`);
      else tally.asItWas++;
      if (verbose) log(`  ${c.name}: exit ${result.code}: ${lines.join(' | ')}`);
      reset();
    }

    // Killed or interrupted at a random point: before the generator runs (Nx starting up) or
    // once Nx has announced it ("Generating deeploy:contract"), while it plans and writes.
    const kills: [NodeJS.Signals, string][] = [
      ['SIGKILL', 'while nx starts'],
      ['SIGKILL', 'while the generator runs'],
      ['SIGKILL', 'while the generator runs'],
      ['SIGINT', 'while nx starts'],
      ['SIGINT', 'while the generator runs'],
    ];
    for (const [signal, when] of kills) {
      const delay = when === 'while nx starts' ? r.int(100, 1500) : r.int(0, 250);
      const started = Date.now();
      let announcedAt: number | undefined;
      const result = await nx(['g', 'deeploy:contract', 'models/fraud', ...NEW_CONTRACT_FLAGS, '--no-interactive'], {
        killSignal: signal,
        killWhen: (output) => {
          if (when === 'while nx starts') return Date.now() - started >= delay;
          if (announcedAt === undefined && /Generating deeploy:contract/.test(output)) announcedAt = Date.now();
          return announcedAt !== undefined && Date.now() - announcedAt >= delay;
        },
      });
      const sent = result.killed;
      const after = worktreeId(repo.dir);
      const state = after === pristine ? 'as it was' : after === complete ? 'complete' : 'partial';
      if (sent) tally.interrupted++;
      if (state === 'as it was') tally.asItWas++;
      else if (state === 'complete') tally.complete++;
      else {
        tally.partial++;
        problems.push(
          `generators: ${signal} ${when} (${delay} ms) left a partial contract:\n${git(repo.dir, ['status', '--porcelain', '--untracked-files=all'])}`,
        );
      }
      if (verbose)
        log(`  ${signal} ${when} after ${delay} ms: ${sent ? `stopped by ${result.signal}` : `finished first (exit ${result.code})`}; tree ${state}`);
      reset();
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  return {
    figure:
      `generators: ${tally.failures} late failures and ${tally.interrupted} interrupted runs (SIGKILL, SIGINT) of nx g; ` +
      `tree as it was ${tally.asItWas}, complete ${tally.complete}, partial ${tally.partial}`,
    details: [],
    problems,
    ok: problems.length === 0,
  };
}
