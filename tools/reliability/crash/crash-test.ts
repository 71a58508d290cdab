/**
 * The crash test: deploy and update tasks, each in its own process, killed with SIGKILL at a
 * random point (while starting, while a read is in flight, once the write has reached the
 * server, while the server holds the write's reply, while --wait polls), then run again. The
 * next run must adopt what the killed one left (a deployment it created or updated) or finish
 * the work, never duplicating: after it, the contract has exactly one deployment, running HEAD.
 *
 * The server delays every request a little (latency), so that "a request is in flight" is a
 * state the parent can see in the emulator's request log and kill in.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FaultPlan, LoggedRequest } from 'deeploy-emulator';
import {
  cleanEnv,
  createRepo,
  deeployEnvFor,
  deploymentsOf,
  isWriteRequest as isWrite,
  runCommand,
  startTestEmulator,
  tempDir,
  testSeed,
  tsNodeArgs,
  type TaskKind,
} from '../../support';
import { CONTRACTS, contractFiles, workspaceFiles, type Contract } from '../shared/fixtures';
import { seededRandom, type Random } from '../shared/random';
import type { SuiteOptions, SuiteResult } from '../suite';

/** One deploy or update task in its own process, as Nx runs it (see deploy-child.ts). */
export const DEPLOY_CHILD = path.join(__dirname, 'deploy-child.ts');
const LATENCY_MS = 60;

/** Where to kill: the condition, and the faults and flags the killed run meets (on a create; `patchFaults` on an update). */
interface KillPoint {
  when(log: LoggedRequest[]): boolean;
  faults?: FaultPlan;
  patchFaults?: FaultPlan;
  flags?: Record<string, unknown>;
}

/** A contract of the crash test, with its current content version. */
type CrashContract = Contract & { v: number };

/**
 * Where to kill, as a condition on the emulator's request log (polled while the child runs).
 * `flags` are the task's flags, `faults` the emulator's plan for the killed run.
 */
const KILL_POINTS: Record<string, (r: Random) => KillPoint> = {
  'while starting': (r) => {
    const at = Date.now() + r.int(50, 700);
    return { when: () => Date.now() >= at };
  },
  'while a read is in flight': (r) => {
    const k = r.int(1, 2);
    return { when: (log) => log.filter((e) => !isWrite(e)).length >= k && !log.some(isWrite) };
  },
  'once the write reached the server': () => ({ when: (log) => log.some(isWrite) }),
  'while the server holds the reply to the write': () => {
    let seenAt: number | undefined;
    return {
      faults: { slowReply: { delayMs: 2000, method: 'POST' }, latencyMs: LATENCY_MS },
      patchFaults: { slowReply: { delayMs: 2000, method: 'PATCH' }, latencyMs: LATENCY_MS },
      when: (log) => {
        if (log.some(isWrite)) seenAt ??= Date.now();
        return seenAt !== undefined && Date.now() - seenAt > LATENCY_MS + 40;
      },
    };
  },
  'while --wait polls': () => ({
    flags: { wait: true, waitIntervalSeconds: 0.05, waitTimeoutSeconds: 20 },
    when: (log) => {
      const write = log.findIndex(isWrite);
      return write >= 0 && log.slice(write + 1).some((e) => !isWrite(e));
    },
  }),
};

export async function runCrashTest({ kills, seed, log, verbose }: SuiteOptions): Promise<SuiteResult> {
  const r = seededRandom(seed);
  const base = tempDir('deeploy-crash-');
  const files = workspaceFiles();
  const repo = createRepo(base, files);
  const emulatorSeed = testSeed({ remotePath: repo.origin });
  const emulator = await startTestEmulator(emulatorSeed, { dataFile: path.join(base, 'emulator-state.json'), readyDelayMs: 300 });
  const env = cleanEnv(deeployEnvFor(emulator, emulatorSeed));
  const problems: string[] = [];
  const tally = { kills: 0, createKills: 0, updateKills: 0, adopted: 0, finished: 0, duplicates: 0, notKilled: 0 };
  const deployed: CrashContract[] = [];
  let added = 0;

  const child = async (contract: CrashContract, kind: TaskKind, flags: Record<string, unknown>, killWhen?: () => boolean) => {
    const result = await runCommand(process.execPath, tsNodeArgs(DEPLOY_CHILD, [repo.dir, contract.path, kind, JSON.stringify(flags)]), {
      cwd: repo.dir,
      env,
      label: `${kind} ${contract.path}`,
      killWhen,
    });
    // Killed at the kill point: the SIGKILL was sent and is what ended it (not an exit just before).
    return { ...result, killed: result.killed && !result.timedOut && result.signal === 'SIGKILL' };
  };

  try {
    for (let i = 0; i < kills; i++) {
      // Alternate: a kill during a create (a new contract), then during an update (a new version).
      const creating = i % 2 === 0 || deployed.length === 0;
      let contract: CrashContract;
      if (creating) {
        contract = { ...CONTRACTS[added % CONTRACTS.length], path: `crash/model-${String(added++).padStart(2, '0')}`, v: 1 };
      } else {
        contract = r.pick(deployed);
        contract.v++;
      }
      for (const [file, content] of Object.entries(contractFiles(contract, contract.v))) repo.write(file, content);
      const head = repo.commitAndPush(`${contract.path}: version ${contract.v}`);
      const kind: TaskKind = creating || r.chance(0.5) ? 'deploy' : 'update';
      const pointName = r.pick(Object.keys(KILL_POINTS));
      const point = KILL_POINTS[pointName](r);
      const where = `kill ${i + 1} (${kind} ${creating ? 'creating' : 'updating'} ${contract.path}, ${pointName})`;

      emulator.setFaults((creating ? point.faults : point.patchFaults) ?? { latencyMs: LATENCY_MS });
      emulator.clearLog();
      const killed = await child(contract, kind, point.flags ?? {}, () => point.when(emulator.requestLog()));
      const wrote = emulator.requestLog().some(isWrite);
      if (!killed.killed) {
        tally.notKilled++;
        problems.push(`${where}: the task ended (exit ${killed.code}) before the kill point:\n${killed.stdout}${killed.stderr}`);
      } else {
        tally.kills++;
        if (creating) tally.createKills++;
        else tally.updateKills++;
      }

      // The next run: no faults, nothing killed. It must adopt or finish the work.
      emulator.setFaults({});
      emulator.clearLog();
      const next = await child(contract, creating ? 'deploy' : kind, {});
      const output = `${next.stdout}${next.stderr}`.trim();
      const mine = deploymentsOf(emulator.state()).filter((d) => d.activeVersion.contractPath === contract.path);
      if (next.code !== 0) problems.push(`${where}: the next run failed (exit ${next.code}):\n${output}`);
      if (mine.length > 1) {
        tally.duplicates += mine.length - 1;
        problems.push(`${where}: ${mine.length} deployments of ${contract.path} after the next run`);
      }
      const deployedCommit = mine[0]?.activeVersion.commit;
      if (mine.length === 0) problems.push(`${where}: no deployment of ${contract.path} after the next run`);
      else if (!deployedCommit || repo.treeAt(deployedCommit, contract.path) !== repo.treeAt(head, contract.path)) {
        problems.push(`${where}: the deployment does not run HEAD's contract after the next run`);
      }
      // Adopted: the killed task's write had landed and the next run found the work done; finished: the next run wrote.
      const nextWrote = emulator.requestLog().some(isWrite);
      if (nextWrote) tally.finished++;
      else tally.adopted++;
      if (mine.length === 1 && !deployed.includes(contract)) deployed.push(contract);
      if (verbose)
        log(
          `  ${where}: killed: ${killed.killed ? 'yes' : 'no'}; killed task's write reached the server: ${wrote}; next run: ${nextWrote ? 'wrote' : 'no write'}: ${output.split('\n').at(-1)}`,
        );
    }
  } finally {
    await emulator.stop();
    fs.rmSync(base, { recursive: true, force: true });
  }
  const figure =
    `crash: ${tally.kills} SIGKILLs (${tally.createKills} during create, ${tally.updateKills} during update), ` +
    `next run adopted ${tally.adopted} and finished ${tally.finished}, ${tally.duplicates} duplicates`;
  return { figure, details: [], problems, ok: problems.length === 0 && tally.kills >= kills };
}
