import type { CommandResult, CommandRunner } from './process-bridge';
import { runGuard, type GuardOptions } from './guard-command';

const OPTIONS: GuardOptions = { base: 'HEAD~1', head: 'HEAD', target: 'deeploy-deploy', allowAll: false };

/** nx as the guard sees it: `show projects` with or without --affected. */
function fakeNx(affected: CommandResult, all: CommandResult): CommandRunner & { calls: string[][] } {
  const calls: string[][] = [];
  const runner = async (args: readonly string[]) => {
    calls.push([...args]);
    return args.includes('--affected') ? affected : all;
  };
  return Object.assign(runner, { calls });
}
const ok = (value: unknown, before = ''): CommandResult => ({ code: 0, stdout: `${before}${JSON.stringify(value)}\n`, stderr: '' });
const gitDiff =
  (stdout: string): CommandRunner =>
  async () => ({ code: 0, stdout, stderr: '' });

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const summary: string[] = [];
  return { out, err, summary, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), appendJobSummary: (m: string) => summary.push(m) } };
}

describe('runGuard', () => {
  it('asks nx for the affected and for all projects with the target, and goes on for some', async () => {
    const nx = fakeNx(ok(['b']), ok(['a', 'b']));
    const { io, out, err } = capture();
    expect(await runGuard(OPTIONS, { ...io, nx, git: gitDiff('') })).toBe(0);
    expect(nx.calls).toEqual([
      ['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '-t', 'deeploy-deploy', '--json'],
      ['show', 'projects', '-t', 'deeploy-deploy', '--json'],
    ]);
    expect(out).toEqual(['deeploy-ci guard: 1 of 2 projects with deeploy-deploy affected between HEAD~1 and HEAD: b.']);
    expect(err).toEqual([]);
  });

  it('stops with exit 1 when all are affected, explaining on stderr and in the job summary', async () => {
    const { io, out, err, summary } = capture();
    const code = await runGuard(OPTIONS, { ...io, nx: fakeNx(ok(['a', 'b']), ok(['a', 'b'])), git: gitDiff('M\tnx.json\n') });
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(
      /^deeploy-ci guard: every one of the 2 projects with deeploy-deploy is affected .*stopped before deploying anything\.\n  Likely cause: changed nx\.json\./,
    );
    expect(summary[0]).toContain('### Deeploy: deploy stopped by the guard');
    expect(summary[0]).toContain('Likely cause: changed nx.json.');
  });

  it('goes on with DEEPLOY_ALLOW_ALL', async () => {
    const { io, out } = capture();
    expect(await runGuard({ ...OPTIONS, allowAll: true }, { ...io, nx: fakeNx(ok(['a', 'b']), ok(['a', 'b'])), git: gitDiff('') })).toBe(0);
    expect(out[0]).toContain('DEEPLOY_ALLOW_ALL=true, so all of them run.');
  });

  it('reads the list after notices nx prints first', async () => {
    const { io } = capture();
    const nx = fakeNx(ok(['a'], ' NX   Daemon is not running\n\n'), ok(['a', 'b'], 'note\n'));
    expect(await runGuard(OPTIONS, { ...io, nx, git: gitDiff('') })).toBe(0);
  });

  it("fails with exit 2 and nx's own last line when nx fails", async () => {
    const { io, err } = capture();
    const failing: CommandResult = { code: 1, stdout: '', stderr: 'NX   fatal: bad revision\n\nCommand failed: git merge-base abc HEAD\n' };
    expect(await runGuard(OPTIONS, { ...io, nx: fakeNx(failing, ok([])), git: gitDiff('') })).toBe(2);
    expect(err).toEqual([
      'deeploy-ci guard: `nx show projects --affected --base=HEAD~1 --head=HEAD -t deeploy-deploy --json` failed (exit 1): Command failed: git merge-base abc HEAD',
    ]);
  });

  it('fails with exit 2 when nx prints no project list', async () => {
    const { io, err } = capture();
    expect(await runGuard(OPTIONS, { ...io, nx: fakeNx(ok(['a']), { code: 0, stdout: 'something else\n', stderr: '' }), git: gitDiff('') })).toBe(2);
    expect(err[0]).toBe('deeploy-ci guard: `nx show projects -t deeploy-deploy --json` did not print a JSON list of project names: something else');
  });
});
