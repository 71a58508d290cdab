import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import deployExecutor from './executor';
import { createHarness, plain, PROJECT, type Harness } from '../testing/harness';

describe('deploy executor: where reports go, and that a dry run writes none', () => {
  let h: Harness;
  let outside: string;
  beforeEach(async () => {
    h = await createHarness();
    outside = mkdtempSync(join(tmpdir(), 'deeploy-outside-'));
  });
  afterEach(async () => {
    await h.close();
    rmSync(outside, { recursive: true, force: true });
  });

  const deploy = (flags: Record<string, unknown> = {}) => deployExecutor(h.options('deeploy-deploy', flags), h.context());
  /** Every file and folder the task may have left in the workspace, apart from what git tracks. */
  const untracked = () => h.repo.git('status', '--porcelain', '--ignored', '--untracked-files=all').trim();

  it.each([
    ['a relative path that climbs out', () => '../escaped-reports'],
    ['an absolute path outside', () => join(outside, 'reports')],
    ['a folder that is a link to outside', () => (symlinkSync(outside, join(h.repo.dir, 'linked')), 'linked/reports')],
  ])('refuses reportDir as %s with one line naming the option and the fix; nothing is sent or written', async (_, reportDirOf) => {
    const reportDir = reportDirOf();
    expect(await deploy({ reportDir })).toEqual({ success: false });
    expect(h.requests()).toEqual([]);
    const quoted = reportDir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    expect(plain(h.printed)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^\\[${PROJECT}\\] deploy failed: option reportDir "${quoted}" \\(.+\\) is outside the workspace; use a folder inside it, e\\.g\\. "\\.deeploy/reports"$`,
        ),
      ),
    ]);
    expect(existsSync(join(h.repo.dir, '..', 'escaped-reports'))).toBe(false);
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(join(h.repo.dir, '.deeploy'))).toBe(false);
  });

  it('writes the report in a folder inside the workspace, given relative or absolute', async () => {
    expect(await deploy({ reportDir: 'out/deeploy' })).toEqual({ success: true });
    expect(readdirSync(join(h.repo.dir, 'out/deeploy')).filter((name) => name.endsWith('.json'))).toHaveLength(1);
    expect(await deploy({ reportDir: join(h.repo.dir, 'abs/deeploy') })).toEqual({ success: true });
    expect(readdirSync(join(h.repo.dir, 'abs/deeploy')).filter((name) => name.endsWith('.json'))).toHaveLength(1);
  });

  it('a dry run writes nothing at all: no report folder, no step summary; the plan is on screen', async () => {
    const summary = join(h.repo.dir, '..', 'dry-run-step-summary.md');
    h.setEnv({ GITHUB_STEP_SUMMARY: summary, GITHUB_RUN_ID: '9' });
    const before = untracked();
    expect(await deploy({ dryRun: true })).toEqual({ success: true });
    expect(plain(h.printed)).toEqual([
      expect.stringMatching(new RegExp(`^\\[${PROJECT}\\] dry run: would create deployment "models-churn" at [0-9a-f]{7} .*; nothing was sent or written$`)),
    ]);
    expect(h.writes()).toEqual([]);
    expect(existsSync(summary)).toBe(false);
    expect(existsSync(join(h.repo.dir, '.deeploy'))).toBe(false);
    expect(untracked()).toBe(before);

    // A dry run that fails (here: the commit is not on the remote) writes nothing either.
    h.repo.writeJson(`${PROJECT}/model/reference.json`, { reference: { blob: { url: 's3://acme-models/churn/v9' } } });
    h.repo.commit('not pushed');
    h.setEnv({ NX_DRY_RUN: 'true' });
    expect(await deploy()).toEqual({ success: false });
    expect(existsSync(summary)).toBe(false);
    expect(existsSync(join(h.repo.dir, '.deeploy'))).toBe(false);
  });
});
