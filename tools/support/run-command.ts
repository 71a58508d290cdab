/**
 * Runs a child process asynchronously and captures its output. Always async: the emulator usually
 * runs in the caller's own process, and a synchronous child would block the event loop so the
 * emulator could never answer the plugin's requests.
 * Redaction-safe: the command is named by its label and arguments, never by its environment (where
 * the keys are); failure messages replace the strings in `redact`. The captured output itself is
 * kept as it was, so a test can prove a secret never appears in it.
 */
import { spawn } from 'node:child_process';

export interface CommandResult {
  /** How messages name the command. */
  command: string;
  /** The exit code; 128 + nothing known when a signal ended it (see `signal`). */
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in arrival order: what a person would see in the terminal. */
  output: string;
  /** True when `killWhen` or the timeout ended the process. */
  killed: boolean;
  timedOut: boolean;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the process after this long (default 5 min), so a hung command fails instead of the CI job. */
  timeoutMs?: number;
  /** How messages name the command (`nx affected …` rather than node and nx's entry point). */
  label?: string;
  /** Polled every 2 ms with the output so far; the first time it returns true the process gets `killSignal`. */
  killWhen?: (output: string) => boolean;
  /** Default SIGKILL. */
  killSignal?: NodeJS.Signals;
  /** Strings (keys, tokens) replaced by `[redacted]` in failure messages. */
  redact?: readonly string[];
}

export const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export function runCommand(file: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  const command = options.label ?? [file, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let output = '';
    let killed = false;
    let timedOut = false;
    const killSignal = options.killSignal ?? 'SIGKILL';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      output += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    let poller: NodeJS.Timeout | undefined;
    const { killWhen } = options;
    if (killWhen) {
      const poll = (): void => {
        if (killWhen(output)) {
          killed = child.kill(killSignal);
          return;
        }
        poller = setTimeout(poll, 2);
      };
      poll();
    }
    const stopTimers = (): void => {
      clearTimeout(timer);
      clearTimeout(poller);
    };
    child.on('error', (error) => {
      stopTimers();
      reject(new Error(`could not start \`${command}\`: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      stopTimers();
      resolve({ command, code: code ?? (signal ? 128 : 1), signal, stdout, stderr, output, killed: killed || timedOut, timedOut });
    });
  });
}

/** A command that exited non-zero; `result` has its whole output, the message a redacted tail of it. */
export class CommandFailed extends Error {
  constructor(
    readonly result: CommandResult,
    redact: readonly string[] = [],
  ) {
    super(describeFailure(result, redact));
    this.name = 'CommandFailed';
  }

  get output(): string {
    return this.result.output;
  }
}

/** Like runCommand, but a non-zero exit throws CommandFailed. */
export async function runCommandOk(file: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  const result = await runCommand(file, args, options);
  if (result.code !== 0) throw new CommandFailed(result, options.redact);
  return result;
}

export function redactText(text: string, redact: readonly string[] = []): string {
  return redact.filter((secret) => secret !== '').reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

export function describeFailure(result: CommandResult, redact: readonly string[] = []): string {
  const how = result.timedOut ? 'timed out and was killed' : `exited with ${result.code}`;
  return redactText(`\`${result.command}\` ${how}:\n${result.output.trim()}`, redact);
}
