/**
 * Test helper: runs the `run:` steps of a GitHub Actions job locally, in order, the way the runner
 * does: each with `bash -eo pipefail`, its own $GITHUB_STEP_SUMMARY file, the job's and the step's
 * `env:` (with `${{ secrets.X }}` / `${{ vars.X }}` filled from the given maps, empty when unset, as
 * GitHub does), and after a failure only the steps marked `if: always()`.
 * `uses:` steps are not run: the caller names the actions it stands in for (checkout, setup-node,
 * nx-set-shas); any other action fails the run, so the test notices a new one.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GithubStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string | number | boolean>;
  with?: Record<string, unknown>;
}

export interface GithubJob {
  env?: Record<string, string>;
  steps: GithubStep[];
}

export interface JobRunOptions {
  cwd: string;
  /** The runner's environment (CI variables, PATH, what earlier actions exported). */
  env: NodeJS.ProcessEnv;
  secrets: Record<string, string>;
  vars: Record<string, string>;
  /** A folder for the per-step summary files. */
  runnerTemp: string;
  /** The `uses:` actions the caller has done by hand, by name without version (`actions/checkout`). */
  emulatedActions: readonly string[];
  /** A reason to leave a `run:` step out (e.g. `npm ci`), or undefined to run it. */
  leaveOut?: (step: GithubStep) => string | undefined;
}

export interface StepRun {
  name: string;
  /** Exit code, or why it did not run. */
  outcome: number | 'skipped after a failure' | `left out: ${string}`;
  output: string;
  /** What the step wrote to its $GITHUB_STEP_SUMMARY. */
  summary: string;
}

export async function runGithubJob(job: GithubJob, options: JobRunOptions): Promise<StepRun[]> {
  const runs: StepRun[] = [];
  let failed = false;
  for (const [index, step] of job.steps.entries()) {
    const name = step.name ?? step.run ?? step.uses ?? `step ${index}`;
    if (step.uses !== undefined) {
      const action = step.uses.replace(/@.*$/, '');
      if (!options.emulatedActions.includes(action)) throw new Error(`the job uses ${step.uses}, which this test does not stand in for`);
      continue;
    }
    if (step.run === undefined) throw new Error(`step "${name}" has neither run nor uses`);
    const condition = step.if ?? 'success()';
    if (condition !== 'success()' && condition !== 'always()') throw new Error(`step "${name}": unsupported if: ${condition}`);

    const reason = options.leaveOut?.(step);
    if (reason) {
      runs.push({ name, outcome: `left out: ${reason}`, output: '', summary: '' });
      continue;
    }
    if (failed && condition !== 'always()') {
      runs.push({ name, outcome: 'skipped after a failure', output: '', summary: '' });
      continue;
    }

    const summaryFile = join(options.runnerTemp, `step_summary_${index}`);
    writeFileSync(summaryFile, '');
    const env = {
      ...options.env,
      ...expandEnv(job.env, options),
      ...expandEnv(step.env, options),
      GITHUB_STEP_SUMMARY: summaryFile,
    };
    const { code, output } = await bash(step.run, options.cwd, env);
    runs.push({ name, outcome: code, output, summary: readFileSync(summaryFile, 'utf8') });
    if (code !== 0) failed = true;
  }
  return runs;
}

/** The job's summary page: the steps' summaries, in order, as GitHub shows them. */
export function jobSummaryOf(runs: readonly StepRun[]): string {
  return runs.map((run) => run.summary).join('');
}

function expandEnv(env: GithubStep['env'], options: JobRunOptions): Record<string, string> {
  const expanded: Record<string, string> = {};
  for (const [key, value] of Object.entries(env ?? {})) {
    expanded[key] = String(value).replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
      const match = /^(secrets|vars)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
      if (!match) throw new Error(`env ${key}: unsupported expression \${{ ${expression} }}`);
      return (match[1] === 'secrets' ? options.secrets : options.vars)[match[2]] ?? '';
    });
  }
  return expanded;
}

/** Asynchronous on purpose: the emulator answering the deploy runs in this same process. */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script],
      { cwd, env, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}
