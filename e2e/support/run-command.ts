/**
 * Runs a child process asynchronously and captures its output. Always async: the emulator runs in
 * the test's own process, so a synchronous child (execSync) would block the event loop and the
 * emulator could never answer the plugin's requests.
 */
import { spawn } from 'node:child_process';

export interface CommandResult {
  command: string;
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in arrival order: what a person would see in the terminal. */
  output: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the process after this long, so a hung command fails the test instead of the CI job. */
  timeoutMs?: number;
  /** How messages name the command (`nx affected …` rather than node and nx's entry point). */
  label?: string;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export function runCommand(file: string, args: string[], options: RunOptions): Promise<CommandResult> {
  const command = options.label ?? [file, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start \`${command}\`: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ command, code: code ?? (signal ? 128 : 1), stdout, stderr, output });
    });
  });
}

/** Like runCommand, but a non-zero exit is an error that carries the command's whole output. */
export async function runCommandOk(file: string, args: string[], options: RunOptions): Promise<CommandResult> {
  const result = await runCommand(file, args, options);
  if (result.code !== 0) throw new Error(describeFailure(result));
  return result;
}

export function describeFailure(result: CommandResult): string {
  return `\`${result.command}\` exited with ${result.code}:\n${result.output.trim()}`;
}
