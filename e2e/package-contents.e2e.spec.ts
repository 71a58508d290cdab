/**
 * What a user downloads: `npm pack --dry-run --json` of both packages holds the built code, the
 * manifests and every file they point at, a README and a LICENSE, and nothing else (no sources,
 * source maps without their sources, build info, tests or test helpers).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCommandOk } from '../tools/support';

async function packedFiles(packageDir: string): Promise<string[]> {
  const { stdout } = await runCommandOk('npm', ['pack', '--dry-run', '--json'], { cwd: packageDir });
  const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  return packed.files.map((file) => file.path).sort();
}

/** Files no user needs, by rule. */
const UNWANTED: Array<[string, RegExp]> = [
  ['TypeScript sources', /(^|\/)src\/|(?<!\.d)\.ts$/],
  ['source maps (their sources are not shipped)', /\.map$/],
  ['TypeScript build info', /tsbuildinfo$/],
  ['tests', /\.spec\.|(^|\/)testing\//],
  ['the build-time schema.json generator (tools/schemas)', /executor-json-schema|write-schemas|schema-sync/],
];

function unwantedIn(files: string[]): string[] {
  return files.flatMap((file) => UNWANTED.filter(([, rule]) => rule.test(file)).map(([what]) => `${file} (${what})`));
}

/** Every `./…` path a manifest names, resolved as Nx resolves them (a module path may omit `.js`). */
function pathsNamedIn(manifest: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string' && value.startsWith('./')) found.push(value.slice(2));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest);
  return found;
}

describe('the published packages', () => {
  test('nx-deeploy holds its code, manifests, every file they name, a README and a LICENSE, and nothing else', async () => {
    const dir = join(REPO_ROOT, 'packages', 'deeploy');
    const files = await packedFiles(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('nx-deeploy');
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'LICENSE',
        'package.json',
        'executors.json',
        'generators.json',
        'dist/index.js',
        'dist/index.d.ts',
        'bin/deeploy-ci.js',
      ]),
    );
    const named = ['executors.json', 'generators.json'].flatMap((file) => pathsNamedIn(JSON.parse(readFileSync(join(dir, file), 'utf8'))));
    expect(named.length).toBeGreaterThan(10);
    const missing = named.filter((path) => !files.includes(path) && !files.includes(`${path}.js`));
    expect(missing).toEqual([]);
    expect(unwantedIn(files)).toEqual([]);
  });

  test('deeploy-emulator holds its code, bin, a README and a LICENSE, and nothing else', async () => {
    const dir = join(REPO_ROOT, 'packages', 'deeploy-emulator');
    const files = await packedFiles(dir);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'bin/deeploy-emulator.js']));
    expect(unwantedIn(files)).toEqual([]);
  });
});
