import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './deeploy-ci';
import { reportFileName, type TaskReport } from '../report/report-schema';

// The CLI as a pipeline step runs it: real files in a temp workspace, started from a subfolder.
describe('deeploy-ci', () => {
  let root: string;
  let out: string[];
  let err: string[];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  const run = (argv: string[], env: NodeJS.ProcessEnv = {}, cwd = join(root, 'models')) => main(argv, env, cwd, io);

  function writeReport(report: Partial<TaskReport> & { project: string }) {
    const full = {
      target: 'deploy',
      action: 'create',
      outcome: 'success',
      contractPath: `models/${report.project}`,
      message: 'created',
      durationMs: 2000,
      finishedAt: '2026-01-01T00:00:00Z',
      runId: 'local',
      ...report,
    };
    mkdirSync(join(root, '.deeploy/reports'), { recursive: true });
    writeFileSync(join(root, '.deeploy/reports', reportFileName(report.project)), JSON.stringify(full));
  }

  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'deeploy-ci-cli-')));
    writeFileSync(join(root, 'nx.json'), '{}');
    mkdirSync(join(root, 'models'));
    out = [];
    err = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("summary: writes one table of every report in the workspace's .deeploy/reports to --out", async () => {
    writeReport({ project: 'models-a', deploymentId: 'd1' });
    writeReport({ project: 'group/models-b', outcome: 'failure', action: 'none', message: 'no repository matches origin' });
    const summaryFile = join(root, 'step-summary', 'summary.md');

    expect(await run(['summary', '--out', summaryFile])).toBe(0);
    const markdown = readFileSync(summaryFile, 'utf8');
    expect(markdown.match(/^\| Project /gm)).toHaveLength(1);
    const rows = markdown.split('\n').filter((line) => line.startsWith('| **'));
    expect(rows).toEqual(['| **group/models-b** | – | – | – | ❌ failed | 2.0 s | – |', '| **models-a** | create | `d1` | – | ✅ done | 2.0 s | – |']);
    expect(markdown).toContain('- **group/models-b** (`models/group/models-b`, deploy): no repository matches origin');
    expect(out).toEqual([]);
  });

  it('summary: prints it too with --print, and only prints without --out; --reports and --out are workspace-relative', async () => {
    mkdirSync(join(root, 'elsewhere'));
    writeFileSync(
      join(root, 'elsewhere', 'models-a.json'),
      JSON.stringify({
        project: 'models-a',
        target: 'deploy',
        action: 'skip',
        outcome: 'success',
        contractPath: 'models/a',
        message: 'no change',
        durationMs: 5,
        finishedAt: 'x',
        runId: 'local',
      }),
    );
    expect(await run(['summary', '--reports', 'elsewhere', '--out', 'deeploy-summary.md', '--print'])).toBe(0);
    expect(readFileSync(join(root, 'deeploy-summary.md'), 'utf8')).toContain(out[0]);
    expect(out[0]).toContain('| **models-a** | no change |');

    out = [];
    expect(await run(['summary', '--reports', 'elsewhere'])).toBe(0);
    expect(out[0]).toContain('| **models-a** | no change |');
  });

  it('summary: replaces its own section of an existing --out file, keeping the rest, so running it twice leaves one table', async () => {
    writeReport({ project: 'models-a' });
    const file = join(root, 'summary.md');
    writeFileSync(file, '# Other step output\n');
    expect(await run(['summary', '--out', file])).toBe(0);
    writeReport({ project: 'models-b' });
    expect(await run(['summary', '--out', file])).toBe(0);
    const markdown = readFileSync(file, 'utf8');
    expect(markdown.startsWith('# Other step output\n')).toBe(true);
    expect(markdown.match(/^\| Project /gm)).toHaveLength(1);
    expect(markdown).toContain('| **models-b** |');
  });

  it("summary: stays under GitHub's 1 MiB step-summary limit, saying rows were left out", async () => {
    for (let i = 0; i < 2500; i += 1) writeReport({ project: `project-${i}`, message: 'm'.repeat(400) });
    const file = join(root, 'summary.md');
    expect(await run(['summary', '--out', file])).toBe(0);
    const markdown = readFileSync(file, 'utf8');
    expect(Buffer.byteLength(markdown)).toBeLessThan(1024 * 1024);
    expect(markdown).toContain("Details left out to stay under the summary size limit; every project's full report is in `.deeploy/reports/`.");
  });

  it('summary: shows the current CI run only; a committed report of another run dated 2099 does not replace its failures', async () => {
    const env = { GITHUB_RUN_ID: '500', GITHUB_RUN_ATTEMPT: '2', GITHUB_JOB: 'deploy' };
    writeReport({ project: 'models-a', outcome: 'failure', action: 'none', message: 'no repository matches origin', runId: 'github-500-2-deploy' });
    writeReport({ project: 'models-b', outcome: 'failure', action: 'none', message: 'no repository matches origin', runId: 'github-500-2-deploy' });
    writeReport({ project: 'committed', runId: 'github-1-1-deploy', finishedAt: '2099-01-01T00:00:00Z' });
    writeReport({ project: 'first-attempt', runId: 'github-500-1-deploy', finishedAt: '2099-01-01T00:00:00Z' });
    writeReport({ project: 'no-run-id', runId: undefined, finishedAt: '2099-01-01T00:00:00Z' });
    writeReport({ project: 'local-run', runId: 'local', finishedAt: '2099-01-01T00:00:00Z' });
    expect(await run(['summary'], env)).toBe(0);
    expect(out[0]).toContain('2 projects: 2 failed.');
    expect(out[0]).toContain('| **models-a** |');
    for (const other of ['committed', 'first-attempt', 'no-run-id', 'local-run']) expect(out[0]).not.toContain(other);
    expect(err).toEqual([
      'deeploy-ci summary: left out 4 reports of other runs found in .deeploy/reports (a report folder kept from an earlier run, or committed: keep it in .gitignore).',
    ]);
  });

  it("summary: outside CI shows the local runs' reports, never those of a CI run", async () => {
    writeReport({ project: 'here' });
    writeReport({ project: 'from-ci', runId: 'gitlab-77-901', finishedAt: '2099-01-01T00:00:00Z' });
    expect(await run(['summary'])).toBe(0);
    expect(out[0]).toContain('1 project: 1 created.');
    expect(out[0]).not.toContain('from-ci');
  });

  it('summary: says no contract was deployed when there is no report folder', async () => {
    expect(await run(['summary', '--print'])).toBe(0);
    expect(out[0]).toContain('No deploy or update task wrote a report in this run');
  });

  it('summary: names a broken report file on stderr and in the summary, and still shows the others', async () => {
    writeReport({ project: 'models-a' });
    writeFileSync(join(root, '.deeploy/reports/broken.json'), '{"project":');
    writeFileSync(join(root, '.deeploy/reports/other.json'), '{"project":"x"}');
    expect(await run(['summary'])).toBe(0);
    expect(err).toEqual([
      'deeploy-ci summary: .deeploy/reports/broken.json is not valid JSON; it was left out of the summary.',
      expect.stringMatching(
        /^deeploy-ci summary: \.deeploy\/reports\/other\.json is not a deeploy task report \(target: .*\); it was left out of the summary\.$/,
      ),
    ]);
    expect(out[0]).toContain('| **models-a** | create |');
    expect(out[0]).toContain('> ⚠️ .deeploy/reports/broken.json is not valid JSON; it was left out of the summary.');
  });

  it('refuses to run outside an Nx workspace', async () => {
    const outside = realpathSync(mkdtempSync(join(tmpdir(), 'deeploy-ci-outside-')));
    try {
      expect(await run(['summary'], {}, outside)).toBe(2);
      expect(err).toEqual([`deeploy-ci summary: no nx.json in ${outside} or any folder above it; run it inside the Nx workspace.`]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('guard: exits 2 with one line when nx is not installed in the workspace', async () => {
    expect(await run(['guard', '--base=HEAD~1', '--head=HEAD'])).toBe(2);
    expect(err).toEqual([`deeploy-ci guard: nx is not installed in ${root}; install the dependencies first (npm ci).`]);
  });

  it('exits 2 with one line for bad arguments, and prints the usage for --help', async () => {
    expect(await run(['guard', '--head=HEAD'])).toBe(2);
    expect(err).toEqual(['deeploy-ci guard: --base is missing; pass the base commit, e.g. --base="$NX_BASE".']);
    expect(await run(['--help'])).toBe(0);
    expect(out[0]).toContain('deeploy-ci guard --base <sha> --head <sha> [--target deeploy-deploy]');
  });
});
