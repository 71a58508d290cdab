/**
 * `deeploy-ci guard --base <sha> --head <sha> [--target deeploy-deploy]`: asks nx which projects
 * the deploy would touch and which exist, and stops the pipeline (exit 1) when that is every one
 * of them, unless DEEPLOY_ALLOW_ALL=true. Exit 2 when nx cannot answer.
 */
import type { CommandRunner } from './process-bridge';
import { decideGuard, parseNameStatus, type ChangedFile } from './guard-decision';

export interface GuardOptions {
  base: string;
  head: string;
  target: string;
  allowAll: boolean;
}

export interface GuardIo {
  nx: CommandRunner;
  git: CommandRunner;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Appends Markdown to the CI's job summary, when there is one (GitHub's $GITHUB_STEP_SUMMARY). */
  appendJobSummary?: (markdown: string) => void;
}

export const GUARD_EXIT = { proceed: 0, stopped: 1, failed: 2 } as const;

export async function runGuard(options: GuardOptions, io: GuardIo): Promise<number> {
  const range = [`--base=${options.base}`, `--head=${options.head}`];
  let affected: string[];
  let all: string[];
  try {
    affected = await projectList(io.nx, ['show', 'projects', '--affected', ...range, '-t', options.target, '--json']);
    all = await projectList(io.nx, ['show', 'projects', '-t', options.target, '--json']);
  } catch (error) {
    io.err(`deeploy-ci guard: ${(error as Error).message}`);
    return GUARD_EXIT.failed;
  }

  const verdict = decideGuard({ ...options, affected, all, changes: affected.length > 1 ? await changedFiles(io.git, options) : [] });
  if (verdict.proceed) {
    io.out(verdict.message);
    return GUARD_EXIT.proceed;
  }
  io.err(verdict.message);
  io.appendJobSummary?.(`### Deeploy: deploy stopped by the guard\n\n\`\`\`text\n${verdict.message}\n\`\`\`\n`);
  return GUARD_EXIT.stopped;
}

/** Runs one `nx show projects … --json` and reads its list, or throws one line saying why not. */
async function projectList(nx: CommandRunner, args: string[]): Promise<string[]> {
  const command = `nx ${args.join(' ')}`;
  const result = await nx(args);
  if (result.code !== 0) {
    throw new Error(`\`${command}\` failed (exit ${result.code}): ${lastLine(result.stderr || result.stdout) || 'no output'}`);
  }
  const list = parseJsonList(result.stdout);
  if (!list) throw new Error(`\`${command}\` did not print a JSON list of project names: ${lastLine(result.stdout) || 'no output'}`);
  return list;
}

/** nx may print notices before the JSON: take the last line that parses as a list of strings. */
function parseJsonList(stdout: string): string[] | undefined {
  const candidates = [
    stdout.trim(),
    ...stdout
      .split('\n')
      .reverse()
      .map((line) => line.trim()),
  ];
  for (const text of candidates) {
    if (!text.startsWith('[')) continue;
    try {
      const value: unknown = JSON.parse(text);
      if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
    } catch {
      // not this line
    }
  }
  return undefined;
}

/** Files changed the way nx compares (from the merge base); none when git cannot tell. */
async function changedFiles(git: CommandRunner, options: GuardOptions): Promise<ChangedFile[]> {
  const result = await git(['diff', '--name-status', '--no-renames', `${options.base}...${options.head}`]);
  return result.code === 0 ? parseNameStatus(result.stdout) : [];
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? '';
}
