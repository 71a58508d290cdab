/**
 * The release configuration of this repository (nx.json `release`), exercised the way a maintainer
 * previews a release: `nx release --dry-run` on a fresh clone. After a conventional commit to each
 * package it names the next version of both (one fixed version), previews the CHANGELOG.md entry,
 * and writes nothing: no file, no commit, no tag.
 */
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_NX_BIN, REPO_ROOT, cleanEnv, type CommandResult, runCommandOk } from '../tools/support';

/** The files that decide what `nx release` does. */
const RELEASE_SETTINGS = [
  'nx.json',
  'packages/deeploy/package.json',
  'packages/deeploy/project.json',
  'packages/deeploy-emulator/package.json',
  'packages/deeploy-emulator/project.json',
];

const PACKAGES = {
  'nx-deeploy': 'packages/deeploy',
  'deeploy-emulator': 'packages/deeploy-emulator',
} as const;

/** The next version for a `feat` or `fix` commit: Nx keeps 0.x features to a patch bump until 1.0. */
function expectedNext(current: string, kind: 'feat' | 'fix'): string {
  const [major, minor, patch] = current.split('.').map(Number);
  if (kind === 'feat' && major > 0) return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

describe('nx release --dry-run on a fresh clone', () => {
  let tempDir: string;
  let clone: string;
  const env = { ...cleanEnv(), NX_SKIP_NX_CACHE: 'true' };
  const git = (args: string[]) => runCommandOk('git', args, { cwd: clone, env });
  const versionOf = (project: keyof typeof PACKAGES) => JSON.parse(readFileSync(join(clone, PACKAGES[project], 'package.json'), 'utf8')).version as string;

  let current: Record<keyof typeof PACKAGES, string>;
  let headBefore: string;
  let tagsBefore: string;
  let release: CommandResult;

  beforeAll(async () => {
    tempDir = realpathSync(mkdtempSync(join(tmpdir(), 'deeploy-release-')));
    clone = join(tempDir, 'clone');
    await runCommandOk('git', ['clone', '--quiet', REPO_ROOT, clone], { cwd: tempDir, env });
    // The clone uses this repository's install; git must not see the link as a change.
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(clone, 'node_modules'));
    appendFileSync(join(clone, '.git', 'info', 'exclude'), '\nnode_modules\n');
    await git(['config', 'commit.gpgsign', 'false']);
    // The release settings as they are in this checkout, committed or not (a chore commit: no bump).
    for (const file of RELEASE_SETTINGS) copyFileSync(join(REPO_ROOT, file), join(clone, file));
    await git(['add', '.']);
    if ((await git(['status', '--porcelain'])).stdout !== '')
      await git(['commit', '--quiet', '-m', 'chore(repo): release settings of the checkout under test']);
    current = { 'nx-deeploy': versionOf('nx-deeploy'), 'deeploy-emulator': versionOf('deeploy-emulator') };

    writeFileSync(join(clone, PACKAGES['nx-deeploy'], 'src', 'release-probe.ts'), 'export const probe = 1;\n');
    await git(['add', '.']);
    await git(['commit', '--quiet', '-m', 'feat(nx-deeploy): answer the release probe']);
    writeFileSync(join(clone, PACKAGES['deeploy-emulator'], 'src', 'release-probe.ts'), 'export const probe = 2;\n');
    await git(['add', '.']);
    await git(['commit', '--quiet', '-m', 'fix(deeploy-emulator): mend the release probe']);
    writeFileSync(join(clone, PACKAGES['nx-deeploy'], 'src', 'release-probe.ts'), 'export const probe = 3;\n');
    await git(['add', '.']);
    await git(['commit', '--quiet', '-m', 'Tidy the release probe without a conventional prefix']);

    headBefore = (await git(['rev-parse', 'HEAD'])).stdout.trim();
    tagsBefore = (await git(['tag', '--list'])).stdout;
    release = await runCommandOk(process.execPath, [REPO_NX_BIN, 'release', '--dry-run'], { cwd: clone, env, label: 'nx release --dry-run' });
  }, 300_000);

  afterAll(() => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  it('names one next version for both packages, the highest bump of the conventional commits', () => {
    expect(current['deeploy-emulator']).toBe(current['nx-deeploy']);
    const next = expectedNext(current['nx-deeploy'], 'feat');
    expect(release.output).toContain(`nx-deeploy ✍️  New version ${next} written`);
    expect(release.output).toContain(`deeploy-emulator ✍️  New version ${next} written`);
  });

  it('previews the CHANGELOG.md entry: the conventional commits by kind and package, nothing else', () => {
    // stdout alone: Nx's progress lines go to stderr and may land inside the preview in `output`.
    const entry = changelogPreview(release.stdout, 'CHANGELOG.md');
    expect(entry).toContain(`## ${expectedNext(current['nx-deeploy'], 'feat')}`);
    expect(entry).toMatch(/### 🚀 Features\n\+\s*\n\+ - \*\*nx-deeploy:\*\* answer the release probe/);
    expect(entry).toMatch(/### 🩹 Fixes\n\+\s*\n\+ - \*\*deeploy-emulator:\*\* mend the release probe/);
    expect(entry).not.toContain('Tidy the release probe');
  });

  it('writes nothing: no changed file, no commit, no tag', async () => {
    expect((await git(['status', '--porcelain'])).stdout).toBe('');
    expect((await git(['rev-parse', 'HEAD'])).stdout.trim()).toBe(headBefore);
    expect((await git(['tag', '--list'])).stdout).toBe(tagsBefore);
    expect(versionOf('nx-deeploy')).toBe(current['nx-deeploy']);
  });
});

/**
 * The `+ ` lines Nx prints on stdout under its "Previewing an entry in <file>" header. (The
 * `CREATE <file> [dry-run]` line goes to stderr, so the two streams' order cannot be relied on.)
 */
function changelogPreview(stdout: string, file: string): string {
  const start = stdout.indexOf(`Previewing an entry in ${file}`);
  if (start < 0) throw new Error(`nx release --dry-run printed no preview of ${file}:\n${stdout}`);
  const lines = stdout.slice(start).split('\n').slice(1);
  const end = lines.findIndex((line) => /^\s*NX\s/.test(line));
  return lines
    .slice(0, end < 0 ? undefined : end)
    .filter((line) => line.startsWith('+'))
    .join('\n');
}
