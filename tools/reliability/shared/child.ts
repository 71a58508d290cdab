/**
 * Child processes: run one, capture its output, and (for the crash test) kill it with SIGKILL
 * when a condition first holds. Asynchronous on purpose: the emulator runs in this process and
 * must keep answering while the child runs.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface ChildOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Polled every 2 ms with the output so far; the first time it returns true the child gets `signal`. */
  killWhen?: (output: string) => boolean;
  /** Default SIGKILL. */
  signal?: NodeJS.Signals;
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The child ended by the signal `killWhen` sent. */
  killed: boolean;
}

/** The repository's TypeScript hook: a child that runs a .ts file needs it, as the parent did. */
const REGISTER_TS = path.resolve(__dirname, '..', '..', 'register-ts.js');

/**
 * Starts `node <script> ...args` (with the TypeScript hook when `script` is a .ts file); resolves
 * when it ends.
 */
export function runNode(script: string, args: readonly string[], { cwd, env, killWhen, signal = 'SIGKILL' }: ChildOptions = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const hook = script.endsWith('.ts') ? ['-r', REGISTER_TS] : [];
    const child = spawn(process.execPath, [...hook, script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    let timer: NodeJS.Timeout | undefined;
    if (killWhen) {
      const poll = (): void => {
        if (killWhen(stdout + stderr)) {
          killed = true;
          child.kill(signal);
          return;
        }
        timer = setTimeout(poll, 2);
      };
      poll();
    }
    child.on('error', (error) => reject(new Error(`could not start ${script}: ${error.message}`)));
    child.on('close', (code, exitSignal) => {
      clearTimeout(timer);
      resolve({ code, signal: exitSignal, stdout, stderr, killed: killed && exitSignal === signal });
    });
  });
}

/** The parent's environment without what would steer a child away from a plain local run. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(CI|CI_.*|GITHUB_.*|GITLAB_.*|NX_.*|DEEPLOY_.*|GIT_.*|npm_.*)$/.test(key)) env[key] = value;
  }
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_INTERACTIVE: 'false', FORCE_COLOR: '0', ...extra };
}
