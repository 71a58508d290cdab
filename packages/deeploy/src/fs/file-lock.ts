/**
 * A lock between processes of one machine: a file created exclusively (`wx`) holding the host and
 * pid of its holder. A lock whose holder process is gone (killed with SIGKILL) is taken over at
 * once; one older than `staleMs` (a holder on another host, or whose pid could not be read) too.
 * The wait is longer than the stale age, so a waiter always outlives an abandoned lock.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { UserError } from '../user-error';

export interface FileLockTiming {
  staleMs: number;
  waitMs: number;
}

/** Whether the lock names a process on this host that no longer exists. */
function lockHolderIsGone(lock: string): boolean {
  try {
    const [host, pidText] = readFileSync(lock, 'utf8').split(' ');
    const pid = Number(pidText);
    if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The lock stayed held past the wait. */
export class FileLockTimeoutError extends UserError {
  constructor(readonly lock: string) {
    super(`the lock ${lock} is held too long; remove it if no deploy is running`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` holding the lock file `lock` (its folder must exist); throws when it stays held past `waitMs`. */
export async function withFileLock<T>(lock: string, timing: FileLockTiming, work: () => T | Promise<T>): Promise<T> {
  const deadline = Date.now() + timing.waitMs;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, `${hostname()} ${process.pid}`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (lockHolderIsGone(lock) || Date.now() - statSync(lock).mtimeMs > timing.staleMs) rmSync(lock, { force: true });
      } catch {
        // Released meanwhile: try again.
      }
      if (Date.now() > deadline) throw new FileLockTimeoutError(lock);
      await sleep(10 + Math.random() * 40);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}
