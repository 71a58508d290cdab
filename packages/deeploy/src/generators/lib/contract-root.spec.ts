import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Tree } from '@nx/devkit';
import { contractRootOf, offsetToWorkspace } from './contract-root';

describe('contractRootOf on a workspace on disk', () => {
  let base: string;
  let tree: Tree;
  beforeEach(() => {
    base = mkdtempSync(path.join(tmpdir(), 'deeploy-root-'));
    const workspace = path.join(base, 'workspace');
    mkdirSync(path.join(workspace, 'models', 'inside'), { recursive: true });
    mkdirSync(path.join(base, 'outside'));
    symlinkSync(path.join(base, 'outside'), path.join(workspace, 'models', 'out'));
    symlinkSync(path.join(workspace, 'models', 'inside'), path.join(workspace, 'alias'));
    tree = { root: workspace } as Tree; // only the root is read
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('refuses a path through a symlink leading outside the workspace', () => {
    expect(contractRootOf(tree, 'models/out/churn')).toEqual({
      problem: '"models/out/churn" leads outside the workspace through the symbolic link "models/out"; contract folders must stay inside the workspace',
    });
  });

  it('accepts plain folders, folders that do not exist yet, and links that stay inside', () => {
    expect(contractRootOf(tree, './models/inside/churn/')).toEqual({ root: 'models/inside/churn' });
    expect(contractRootOf(tree, 'new/deep/folder')).toEqual({ root: 'new/deep/folder' });
    expect(contractRootOf(tree, 'alias')).toEqual({ root: 'alias' });
    expect(contractRootOf(tree, '.')).toEqual({ root: '' });
  });

  it('refuses a path that breaks the text rules before looking at the disk', () => {
    expect(contractRootOf(tree, 'models/../..').problem).toMatch(/contains "\.\."/);
  });
});

describe('offsetToWorkspace', () => {
  it('climbs one level per segment; the root needs none', () => {
    expect(offsetToWorkspace('a/b/c')).toBe('../../../');
    expect(offsetToWorkspace('')).toBe('');
  });
});
