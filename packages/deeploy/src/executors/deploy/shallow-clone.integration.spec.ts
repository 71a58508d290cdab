/**
 * CI checks out with `fetch-depth: 1` by default: the commit a deployment runs is then not in the
 * clone, and "cannot tell" used to count as "changed", redeploying (restarting) every unchanged
 * model on every run (issue 12, item 12). A real shallow clone of the harness's remote.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { batchInput, runBatch } from '../testing/batch-harness';
import { createHarness, plain, PROJECT, type Harness } from '../testing/harness';
import deployBatch from './batch';
import deployExecutor from './executor';

describe('deploy from a shallow clone', () => {
  let h: Harness;
  let clone: string;
  beforeEach(async () => {
    // Written against the emulator's first guesses (the 'classic' dialect); the other dialects are covered by dialects.integration.spec.ts and deployed-state.integration.spec.ts.
    h = await createHarness({ emulator: { dialect: 'classic' } });
    clone = join(h.repo.dir, '..', 'shallow');
  });
  afterEach(() => h.close());

  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

  /** `actions/checkout` with its default depth: HEAD only. The remote URL as Deeploy knows it. */
  function shallowClone(): ExecutorContext {
    execFileSync('git', ['clone', '--quiet', '--depth', '1', '--branch', 'main', `file://${h.repo.origin}`, clone], { stdio: 'ignore' });
    git(clone, 'remote', 'set-url', 'origin', h.repo.origin);
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true');
    return { ...h.context(), root: clone, cwd: clone };
  }

  async function deployedThenUnrelatedCommit(): Promise<{ deployed: string; id: string }> {
    const deployed = h.repo.head();
    expect(await deployExecutor(h.options('deeploy-deploy'), h.context())).toEqual({ success: true });
    h.repo.write('README.md', 'not part of any contract\n');
    h.repo.commit('docs');
    h.repo.push();
    h.emulator.clearLog();
    h.printed.length = 0;
    return { deployed, id: h.deployments()[0].id };
  }

  it('fetches the deployed commit (only it) and skips an unchanged contract', async () => {
    const { deployed, id } = await deployedThenUnrelatedCommit();
    const context = shallowClone();

    expect(await deployExecutor(h.options('deeploy-deploy'), context)).toEqual({ success: true });

    expect(h.writes()).toEqual([]);
    expect(plain(h.printed)).toEqual([
      `[${PROJECT}] already deployed: deployment ${id} is up to date (the contract has not changed since the deployed commit ${deployed.slice(0, 7)})`,
    ]);
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true');
    expect(git(clone, 'rev-list', '--count', 'HEAD')).toBe('1');
  });

  it('does the same in a batch', async () => {
    await deployedThenUnrelatedCommit();
    const context = shallowClone();
    const input = batchInput(h, [[PROJECT, 'deeploy-deploy']]);
    const results = await runBatch(deployBatch, { ...input, context: { ...input.context, root: context.root, cwd: context.cwd } });
    expect(results.map((r) => r.success)).toEqual([true]);
    expect(plain([results[0].terminalOutput])[0]).toContain('already deployed');
    expect(h.writes()).toEqual([]);
  });

  it('fails with a clear line, sending no write, when the deployed commit cannot be fetched', async () => {
    const { deployed, id } = await deployedThenUnrelatedCommit();
    // The deployed commit disappears from the remote (history rewritten, then garbage-collected).
    h.repo.git('commit', '--quiet', '--amend', '-m', 'docs, reworded');
    // A fixed old author date, so every rewritten commit gets a new sha even within the second
    // the originals were made in (with --date=now the rewrite could reproduce them exactly).
    h.repo.git('rebase', '--quiet', '--root', '--exec', 'git commit --quiet --amend --no-edit --date=2001-01-01T00:00:00');
    h.repo.git('push', '--quiet', '--force', 'origin', 'HEAD:refs/heads/main');
    git(h.repo.origin, 'reflog', 'expire', '--expire=now', '--all');
    git(h.repo.origin, 'gc', '--quiet', '--prune=now');
    const context = shallowClone();

    expect(await deployExecutor(h.options('deeploy-deploy'), context)).toEqual({ success: false });

    expect(h.writes()).toEqual([]);
    const lines = plain(h.printed);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\[${PROJECT}\\] deploy failed: deployment ${id} runs commit ${deployed.slice(0, 7)}, which this shallow clone does not have and could not fetch from origin \\(.+\\), .*: check out the full history \\(actions/checkout: fetch-depth: 0; GitLab: GIT_DEPTH: 0\\), or pass --force to redeploy anyway$`,
      ),
    );

    // --force redeploys without needing the comparison.
    h.printed.length = 0;
    expect(await deployExecutor(h.options('deeploy-deploy', { force: true }), context)).toEqual({ success: true });
    expect(h.writes().map((r) => r.method)).toEqual(['PATCH']);
  });
});
