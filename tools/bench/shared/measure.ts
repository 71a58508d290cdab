/**
 * Runs one child process and measures it: wall time, CPU time and peak RSS of its whole process tree.
 * The tree matters because Nx runs each plugin in its own worker process (plugin isolation) and
 * each task in a forked process: the largest single process would hide most of the memory.
 * The tree is sampled from /proc every `sampleMs`; a process that lives shorter than that can be
 * missed, so the figures are lower bounds (good to a few MB and a few ms per process at the
 * default 20 ms). CPU time (user + system) is what a loaded machine distorts least: wall time on a
 * busy 2-core machine mostly measures the other work.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

interface ProcEntry {
  ppid: number;
  rss: number;
  cpuMs: number;
}

export interface TreeMember extends ProcEntry {
  pid: number;
}

/** A process seen in the measured tree. */
export interface SeenProcess {
  pid: number;
  ppid: number;
  command: string;
  peakRssBytes: number;
  cpuMs: number;
  firstSeenMs: number;
  lastSeenMs: number;
}

export interface MeasuredRun {
  code: number;
  pid: number | undefined;
  stdout: string;
  stderr: string;
  wallMs: number;
  cpuMs: number;
  peakTreeRssBytes: number;
  peakProcesses: number;
  processes: SeenProcess[];
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Parent pid, resident set size (bytes) and CPU time (ms) of every live process, from /proc. */
function readProcessTable(): Map<number, ProcEntry> {
  const table = new Map<number, ProcEntry>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: parse after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      const rssPages = Number(fields[21]);
      const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
      table.set(Number(entry), { ppid, rss: rssPages * 4096, cpuMs });
    } catch {
      // The process ended between readdir and read: it no longer counts.
    }
  }
  return table;
}

/** Sum of RSS of `rootPid` and all its descendants, how many processes that is, and each one's RSS. */
export function treeRss(rootPid: number | undefined): { total: number; count: number; members: TreeMember[] } {
  const table = readProcessTable();
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)?.push(pid);
  }
  let total = 0;
  let count = 0;
  const members: TreeMember[] = [];
  const stack = rootPid === undefined ? [] : [rootPid];
  while (stack.length) {
    const pid = stack.pop() as number;
    const proc = table.get(pid);
    if (!proc) continue;
    total += proc.rss;
    count += 1;
    members.push({ pid, ppid: proc.ppid, rss: proc.rss, cpuMs: proc.cpuMs });
    stack.push(...(children.get(pid) ?? []));
  }
  return { total, count, members };
}

function commandLineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/**
 * Spawns `file args`, resolves with { code, pid, stdout, stderr, wallMs, cpuMs, peakTreeRssBytes,
 * peakProcesses, processes }, where `processes` lists every process seen in the tree with its
 * parent pid, command line, own peak RSS, CPU time as last seen, and when it was first and last
 * seen (ms after the start, to the sampling interval). `cpuMs` sums the processes' CPU times.
 * Never rejects on a non-zero exit: callers decide what a failure means.
 */
export function measureRun(
  file: string,
  args: readonly string[],
  { cwd, env, sampleMs = 20 }: { cwd?: string; env?: NodeJS.ProcessEnv; sampleMs?: number } = {},
): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    let peakProcesses = 0;
    const processes = new Map<number, SeenProcess>();
    const sample = (): void => {
      const { total, count, members } = treeRss(child.pid);
      if (total > peak) peak = total;
      if (count > peakProcesses) peakProcesses = count;
      const atMs = Number(process.hrtime.bigint() - started) / 1e6;
      for (const { pid, ppid, rss, cpuMs } of members) {
        const seen: SeenProcess = processes.get(pid) ?? { pid, ppid, command: '', peakRssBytes: 0, cpuMs: 0, firstSeenMs: atMs, lastSeenMs: atMs };
        seen.cpuMs = Math.max(seen.cpuMs, cpuMs);
        // Re-read each time: a forked child shows its parent's command line until it execs.
        seen.command = commandLineOf(pid) || seen.command;
        if (rss > seen.peakRssBytes) seen.peakRssBytes = rss;
        seen.lastSeenMs = atMs;
        processes.set(pid, seen);
      }
    };
    const timer = setInterval(sample, sampleMs);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => {
      clearInterval(timer);
      reject(new Error(`could not start ${file}: ${error.message}`));
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const all = [...processes.values()];
      const cpuMs = all.reduce((sum, p) => sum + p.cpuMs, 0);
      resolve({ code: code ?? 1, pid: child.pid, stdout, stderr, wallMs, cpuMs, peakTreeRssBytes: peak, peakProcesses, processes: all });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
