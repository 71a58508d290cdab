#!/usr/bin/env node
/**
 * `deeploy-ci`: the pipeline steps around `nx affected -t deeploy-deploy` that are not Nx
 * tasks: the guard before it, and the orphaned deployments and the run summary after it; and
 * `doctor`, a read-only check of a real Deeploy account (see cli-args.ts for the usage).
 * Exit codes: 0 go on, 1 stopped by the guard (or orphans with --fail-on-orphans, or an
 * assumption the doctor found failing), 2 bad arguments or a tool that failed.
 */
import { appendFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { createDeeployClient } from '../api/client';
import { openGitBridge } from '../git/git-bridge';
import { readJsonFile, type NxJsonConfiguration } from '../nx/devkit';
import { DEFAULT_REPORT_DIR } from '../report/report-schema';
import { currentRunId } from '../report/run-id';
import { parseCliArgs, USAGE, UsageError, type CliCommand } from './cli-args';
import { ALLOW_ALL_VARIABLE } from './guard-decision';
import { runDoctor } from './doctor-command';
import { runGuard } from './guard-command';
import { runOrphans } from './orphans-command';
import { gitRunner, nxRunner } from './process-bridge';
import { runSummary } from './summary-command';
import { findWorkspaceRoot } from './workspace-root';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string, io: CliIo): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    return 2;
  }
  if (command.command === 'help') {
    io.out(USAGE);
    return 0;
  }

  const workspaceRoot = findWorkspaceRoot(cwd);
  if (!workspaceRoot) {
    io.err(`deeploy-ci ${command.command}: no nx.json in ${cwd} or any folder above it; run it inside the Nx workspace.`);
    return 2;
  }

  if (command.command === 'summary') {
    // Relative paths are workspace-relative, like the report folder the executors write to.
    const reportsDir = resolve(workspaceRoot, command.reports ?? DEFAULT_REPORT_DIR);
    return runSummary(
      {
        reportsDir,
        reportsDisplay: displayPath(workspaceRoot, reportsDir),
        outFile: command.out === undefined ? undefined : resolve(workspaceRoot, command.out),
        print: command.print,
        runId: currentRunId(env),
      },
      {
        out: io.out,
        err: io.err,
        readFile: readText,
        writeFile: writeText,
      },
    );
  }

  if (command.command === 'orphans') {
    let nxJson: NxJsonConfiguration;
    try {
      nxJson = readJsonFile<NxJsonConfiguration>(resolve(workspaceRoot, 'nx.json'));
    } catch (error) {
      io.err(`deeploy-ci orphans: cannot read nx.json: ${(error as Error).message.split('\n')[0]}`);
      return 2;
    }
    return runOrphans(
      { branch: command.branch, outFile: command.out === undefined ? undefined : resolve(workspaceRoot, command.out), failOnOrphans: command.failOnOrphans },
      {
        workspaceRoot,
        env,
        nxJson,
        openGit: openGitBridge,
        createApi: createDeeployClient,
        out: io.out,
        err: io.err,
        readFile: readText,
        writeFile: writeText,
      },
    );
  }

  if (command.command === 'doctor') {
    return runDoctor(
      { workspaceRoot, outFile: command.out === undefined ? undefined : resolve(workspaceRoot, command.out) },
      {
        out: io.out,
        err: io.err,
        env,
        nxJson: await readFile(join(workspaceRoot, 'nx.json'), 'utf8').then(
          (text) => JSON.parse(text) as unknown,
          () => undefined,
        ),
        openGit: openGitBridge,
        writeFile: async (file, text) => {
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, text);
        },
      },
    );
  }

  let nx;
  try {
    nx = nxRunner(workspaceRoot);
  } catch (error) {
    io.err(`deeploy-ci guard: ${(error as Error).message}`);
    return 2;
  }
  const jobSummary = env.GITHUB_STEP_SUMMARY;
  return runGuard(
    { base: command.base, head: command.head, target: command.target, allowAll: env[ALLOW_ALL_VARIABLE]?.trim().toLowerCase() === 'true' },
    {
      nx,
      git: gitRunner(workspaceRoot),
      out: io.out,
      err: io.err,
      appendJobSummary: jobSummary ? (markdown) => appendFileSync(jobSummary, markdown) : undefined,
    },
  );
}

/** A file's text, or '' when it does not exist (a step summary file before the first write). */
function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '' : Promise.reject(error)));
}

async function writeText(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

/** Workspace-relative POSIX path when inside the workspace, else the absolute one. */
function displayPath(workspaceRoot: string, path: string): string {
  const rel = relative(workspaceRoot, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel.split('\\').join('/');
}

/** Runs the command line of this process; the package's bin launcher calls it. */
export function runFromProcess(): void {
  main(process.argv.slice(2), process.env, process.cwd(), {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`deeploy-ci: ${(error as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) runFromProcess();
