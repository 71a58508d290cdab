/**
 * The CLI's edge to other programs (nx, git): run one, collect its output. Tests of the commands
 * swap this for plain values; the guard's real runs are covered by the pipeline-steps spec.
 */
import { execFile } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type CommandRunner = (args: readonly string[]) => Promise<CommandResult>;

/** Runs `file args…` in `cwd` without a shell (arguments are never re-parsed). */
export function runCommand(file: string, args: readonly string[], cwd: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(file, [...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (error && typeof error.code !== 'number' ? error.message : '') });
    });
  });
}

/**
 * The workspace's own nx, run with this Node: the same nx `npx nx` would run, without npx's
 * registry fallback.
 */
export function nxRunner(workspaceRoot: string): CommandRunner {
  let nxBin: string;
  try {
    nxBin = require.resolve('nx/bin/nx', { paths: [workspaceRoot] });
  } catch {
    throw new Error(`nx is not installed in ${workspaceRoot}; install the dependencies first (npm ci).`);
  }
  return (args) => runCommand(process.execPath, [nxBin, ...args], workspaceRoot);
}

export function gitRunner(workspaceRoot: string): CommandRunner {
  return (args) => runCommand('git', args, workspaceRoot);
}
