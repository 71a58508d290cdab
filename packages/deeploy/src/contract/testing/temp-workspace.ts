/**
 * Real folders for tests of code that reads contracts from disk. `TempFs` is not published in
 * @nx/devkit 22, so this is the small stand-in: files are given as a map of POSIX path → content
 * (objects are written as JSON), links as `{ symlink: target }`.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type FileContent = string | { symlink: string } | Record<string, unknown> | unknown[];
export type FileMap = Record<string, FileContent>;

export function writeFiles(root: string, files: FileMap): void {
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(root, ...path.split('/'));
    mkdirSync(dirname(absolute), { recursive: true });
    if (typeof content === 'string') writeFileSync(absolute, content);
    else if (!Array.isArray(content) && typeof content.symlink === 'string') symlinkSync(content.symlink, absolute);
    else writeFileSync(absolute, `${JSON.stringify(content, null, 2)}\n`);
  }
}

/** A fresh folder under the OS temp dir (resolved, so paths compare equal to realpath results). */
export function makeTempDir(prefix = 'deeploy-test-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

export function makeTempWorkspace(files: FileMap = {}): string {
  const root = makeTempDir();
  writeFiles(root, files);
  return root;
}

export function removeTempDir(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
