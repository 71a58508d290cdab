import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installedNameIn, isDeeployExecutor, nameFromLocation } from './installed-name';

describe('the name the plugin was installed under', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deeploy-installed-name-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function packageAt(folder: string): string {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'nx-deeploy', version: '0.0.0' }));
    return folder;
  }

  it('is the alias when the workspace installed it as deeploy@npm:nx-deeploy', () => {
    const own = packageAt(join(dir, 'ws', 'node_modules', 'deeploy'));
    expect(installedNameIn(join(dir, 'ws'), own)).toBe('deeploy');
  });

  it('is nx-deeploy when installed plainly', () => {
    const own = packageAt(join(dir, 'ws', 'node_modules', 'nx-deeploy'));
    expect(installedNameIn(join(dir, 'ws'), own)).toBe('nx-deeploy');
  });

  it('follows a link to a store folder named otherwise (pnpm)', () => {
    const own = packageAt(join(dir, 'ws', 'node_modules', '.pnpm', 'nx-deeploy@0.1.0', 'node_modules', 'nx-deeploy'));
    symlinkSync(own, join(dir, 'ws', 'node_modules', 'deeploy'), 'dir');
    expect(installedNameIn(join(dir, 'ws'), own)).toBe('deeploy');
  });

  it('does not take an unrelated package called deeploy for itself', () => {
    packageAt(join(dir, 'ws', 'node_modules', 'deeploy'));
    const own = packageAt(join(dir, 'ws', 'node_modules', 'nx-deeploy'));
    expect(installedNameIn(join(dir, 'ws'), own)).toBe('nx-deeploy');
  });

  it('falls back to the published name outside node_modules (this repository)', () => {
    expect(nameFromLocation(join(dir, 'packages', 'deeploy'))).toBe('nx-deeploy');
    expect(installedNameIn(join(dir, 'elsewhere'), join(dir, 'packages', 'deeploy'))).toBe('nx-deeploy');
  });

  it('recognises its executors under either name and nothing else', () => {
    expect(isDeeployExecutor('deeploy:deploy', 'deploy')).toBe(true);
    expect(isDeeployExecutor('nx-deeploy:deploy', 'deploy')).toBe(true);
    expect(isDeeployExecutor('nx-deeploy:update', 'deploy')).toBe(false);
    expect(isDeeployExecutor('@acme/deeploy:deploy', 'deploy')).toBe(false);
    expect(isDeeployExecutor(undefined, 'deploy')).toBe(false);
  });
});
