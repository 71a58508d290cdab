/**
 * Issue 15: the git work of a batch does not grow with its number of contracts. A `git` shim on
 * PATH logs every git process started in the workspace (simple-git's and our own `cat-file
 * --batch`), so the count is what the machine really runs, not what an interface was asked. The
 * emulator, standing in for Deeploy's servers, reads the origin repository with git too: those
 * processes run elsewhere (`--git-dir` of the bare origin) and are not the plugin's.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchInput, runBatch } from '../testing/batch-harness';
import { createHarness, plain, PROJECT, type Harness } from '../testing/harness';
import deployBatch from './batch';

const OTHERS = Array.from({ length: 29 }, (_, i) => `models/m${String(i + 1).padStart(2, '0')}`);
const CONTRACTS = [PROJECT, ...OTHERS];
const FIRST_HALF = CONTRACTS.slice(0, 15);
const SECOND_HALF = CONTRACTS.slice(15);

/** Puts a logging `git` first on PATH for the duration of `run`; returns the git command lines started in `cwd`. */
async function countingGit(cwd: string, run: () => Promise<unknown>): Promise<string[]> {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'deeploy-git-shim-'));
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  writeFileSync(join(dir, 'git'), `#!/bin/sh\nprintf '%s\\t%s\\n' "$(pwd -P)" "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(join(dir, 'git'), 0o755);
  const savedPath = process.env.PATH;
  process.env.PATH = `${dir}:${savedPath}`;
  try {
    await run();
  } finally {
    process.env.PATH = savedPath;
  }
  const calls = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(`${cwd}\t`))
    .map((line) => line.slice(cwd.length + 1));
  rmSync(dir, { recursive: true, force: true });
  return calls;
}

describe('deploy batch: git processes per batch, whatever the number of contracts', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    for (const project of OTHERS) {
      h.repo.writeJson(`${project}/model/reference.json`, { reference: { blob: { url: `s3://acme-models/${project}/v1` } } });
      h.repo.writeJson(`${project}/metadata.json`, { problemType: 'classification' });
      h.repo.writeJson(`${project}/project.json`, { name: project, targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN' } } } });
    }
    h.repo.writeJson('shared/features/project.json', { name: 'shared-features' });
    h.repo.write('shared/features/features.py', 'FEATURES = ["age"]\n');
    h.repo.commit('thirty contracts and a shared feature library');
    h.repo.push();
  }, 60000);
  afterEach(() => h.close());

  const DEPENDENTS = [FIRST_HALF[4], SECOND_HALF[9]];
  function deploy(projects: readonly string[]) {
    const input = batchInput(
      h,
      projects.map((p) => [p, 'deeploy-deploy'] as const),
    );
    // As Nx hands it to the batch: every project of the workspace; two contracts use the library.
    input.context.projectGraph = {
      nodes: Object.fromEntries(
        [...CONTRACTS.map((p) => [p, p]), ['shared-features', 'shared/features']].map(([name, root]) => [name, { name, type: 'lib', data: { root } }]),
      ),
      dependencies: Object.fromEntries(CONTRACTS.map((p) => [p, DEPENDENTS.includes(p) ? [{ source: p, target: 'shared-features', type: 'implicit' }] : []])),
    } as never;
    return runBatch(deployBatch, input);
  }

  it('30 contracts deployed at 2 distinct commits: at most 10 + 2 × 2 git processes, and each verdict right', async () => {
    const first = h.repo.head();
    expect((await deploy(FIRST_HALF)).every((r) => r.success)).toBe(true);
    h.repo.write('README.md', '# models\n');
    const second = h.repo.commit('a readme');
    h.repo.push();
    expect((await deploy(SECOND_HALF)).every((r) => r.success)).toBe(true);
    const deployedAt = (project: string) => h.deployments().find((d) => d.activeVersion.contractPath === project)?.activeVersion.commit;
    expect(new Set(FIRST_HALF.map(deployedAt))).toEqual(new Set([first]));
    expect(new Set(SECOND_HALF.map(deployedAt))).toEqual(new Set([second]));

    // What changes: the library, one contract's model, one contract's sizing (its settings file).
    const ownChange = FIRST_HALF[2];
    const sizingChange = SECOND_HALF[3];
    h.repo.write('shared/features/features.py', 'FEATURES = ["age", "tenure"]\n');
    h.repo.writeJson(`${ownChange}/model/reference.json`, { reference: { blob: { url: `s3://acme-models/${ownChange}/v2` } } });
    h.repo.writeJson(`${sizingChange}/project.json`, {
      name: sizingChange,
      targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN', modelMemLimit: 2048 } } },
    });
    const head = h.repo.commit('library, one model, one sizing');
    h.repo.push();
    h.emulator.clearLog();

    let results: Awaited<ReturnType<typeof deploy>> = [];
    const calls = await countingGit(h.repo.dir, async () => {
      results = await deploy(CONTRACTS);
    });

    expect(results).toHaveLength(30);
    expect(results.filter((r) => !r.success)).toEqual([]);
    expect(calls.length).toBeLessThanOrEqual(10 + 2 * 2);
    // One whole-tree status, one diff per deployed commit: nothing per contract.
    expect(calls.filter((c) => c.startsWith('status'))).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('cat-file')).length).toBeLessThanOrEqual(2);
    expect(calls.filter((c) => c.startsWith('diff-tree')).sort()).toEqual(
      [
        `diff-tree -r -z --raw --no-renames --no-commit-id ${first} ${head} --`,
        `diff-tree -r -z --raw --no-renames --no-commit-id ${second} ${head} --`,
      ].sort(),
    );

    const outputOf = (project: string) => plain([results.find((r) => r.task === `${project}:deeploy-deploy`)?.terminalOutput ?? ''])[0];
    const updated = CONTRACTS.filter((p) => /updated deployment/.test(outputOf(p))).sort();
    expect(updated).toEqual([ownChange, sizingChange, ...DEPENDENTS].sort());
    expect(outputOf(DEPENDENTS[0])).toContain(
      `updated deployment ${h.deployments().find((d) => d.activeVersion.contractPath === DEPENDENTS[0])?.id} at ${head.slice(0, 7)} (shared-features changed since ${first.slice(0, 7)}): commit (`,
    );
    expect(outputOf(DEPENDENTS[1])).toContain(`(shared-features changed since ${second.slice(0, 7)})`);
    // A change inside the contract keeps its wording, without a dependency named.
    expect(outputOf(ownChange)).toMatch(/updated deployment \S+ at [0-9a-f]{7}: commit \(/);
    for (const project of CONTRACTS.filter((p) => !updated.includes(p))) {
      expect(outputOf(project)).toMatch(
        /already deployed: deployment \S+ is up to date \(the contract has not changed since the deployed commit [0-9a-f]{7}\)/,
      );
    }
    expect(h.writes()).toHaveLength(4);
  }, 120000);
});
