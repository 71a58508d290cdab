/**
 * Counts the git processes a benchmarked command starts: a `git` shim on the PATH of that command
 * only, which appends one line per invocation to a file, then runs the real git. Each line says
 * who started it (`task` when the parent is an Nx task or batch process, else `nx`) and the git
 * subcommand, so the count splits into the executors' git work and Nx's own.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SHIM = `#!/bin/bash
# Written by tools/bench/shared/git-counter.ts: one line per git process, then the real git.
who=nx
if [ -r "/proc/$PPID/cmdline" ]; then
  mapfile -d '' parent < "/proc/$PPID/cmdline"
  case "\${parent[*]}" in *run-batch.js*|*run-executor.js*) who=task ;; esac
fi
sub='?'
skip=
for arg in "$@"; do
  if [ -n "$skip" ]; then skip=; continue; fi
  case "$arg" in
    -c|-C|--git-dir|--work-tree|--namespace) skip=1 ;;
    -*) ;;
    *) sub=$arg; break ;;
  esac
done
printf '%s %s\\n' "$who" "$sub" >> "$BENCH_GIT_COUNT_FILE"
exec "$BENCH_REAL_GIT" "$@"
`;

/** Writes the shim into `dir` and returns what to merge into the benchmarked command's environment. */
export interface GitSummary {
  total: number;
  /** Started by a task or batch process (the executors' git work). */
  task: number;
  /** Started by anything else (Nx's own). */
  nx: number;
  taskBySubcommand: Record<string, number>;
  nxBySubcommand: Record<string, number>;
}

export interface GitCounter {
  countFile: string;
  /** What to merge into the benchmarked command's environment. */
  env: Record<string, string>;
  /** Starts a new count. */
  reset(): void;
  /** The count since the last reset. */
  read(): GitSummary;
}

export function installGitCounter(dir: string, basePath = process.env.PATH ?? ''): GitCounter {
  const realGit = execFileSync('bash', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  if (!realGit) throw new Error('git is not on PATH: the benchmarks need it');
  const binDir = path.join(dir, 'bin');
  fs.mkdirSync(binDir, { recursive: true });
  fs.writeFileSync(path.join(binDir, 'git'), SHIM, { mode: 0o755 });
  const countFile = path.join(dir, 'git-processes.log');
  return {
    countFile,
    env: { PATH: `${binDir}${path.delimiter}${basePath}`, BENCH_GIT_COUNT_FILE: countFile, BENCH_REAL_GIT: realGit },
    reset: () => fs.writeFileSync(countFile, ''),
    read: () => summarizeGitLog(fs.existsSync(countFile) ? fs.readFileSync(countFile, 'utf8') : ''),
  };
}

export function summarizeGitLog(text: string): GitSummary {
  const lines = text.split('\n').filter(Boolean);
  const summary: GitSummary = { total: lines.length, task: 0, nx: 0, taskBySubcommand: {}, nxBySubcommand: {} };
  for (const line of lines) {
    const [who, sub] = line.split(' ');
    const byKey = who === 'task' ? 'taskBySubcommand' : 'nxBySubcommand';
    summary[who === 'task' ? 'task' : 'nx'] += 1;
    summary[byKey][sub] = (summary[byKey][sub] ?? 0) + 1;
  }
  return summary;
}
