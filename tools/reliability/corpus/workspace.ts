/**
 * The workspace every bad-input case starts from, restored afresh for each case: an Nx workspace
 * (nx.json with the deeploy plugin) in a git repository with a bare `origin`, holding one valid,
 * committed and pushed contract (models/churn), and beside it, outside the workspace, a folder
 * with a valid contract and a reference file that escapes must not reach.
 * The template is built once and copied (symlinks kept) for each case, at the same paths, so the
 * emulator's repository (the origin's path) stays the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { commitAll, commitAndPush, createRepo, git, writeFile } from '../../support';
import { contractFiles, workspaceFiles, type Contract } from '../shared/fixtures';
import type { CorpusWorkspace } from './case';

export const CONTRACT = 'models/churn';
const CHURN: Contract = {
  path: CONTRACT,
  reference: (v) => ({ reference: { blob: { url: `s3://acme-models/churn/v${v}`, region: 'eu-west-1' } } }),
  deployOptions: { modelType: 'SKLEARN' },
};

/** The template, built once; `restore()` gives each case a fresh copy. */
export function createCorpusWorkspace(base: string): { restore(): CorpusWorkspace } {
  const template = path.join(base, 'template');
  fs.mkdirSync(template);
  createRepo(template, { ...workspaceFiles(), ...contractFiles(CHURN, 1) });
  const outside = path.join(template, 'outside');
  writeFile(outside, 'churn/model/reference.json', CHURN.reference(9));
  writeFile(outside, 'churn/project.json', { name: 'outside', targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN' } } } });
  writeFile(outside, 'reference.json', CHURN.reference(9));
  writeFile(outside, 'model.bin', 'weights');

  const live = path.join(base, 'live');
  const paths = { dir: path.join(live, 'work'), origin: path.join(live, 'origin.git'), outside: path.join(live, 'outside') };
  /** A fresh copy of the template at the live paths; returns the case's workspace helpers. */
  function restore(): CorpusWorkspace {
    fs.rmSync(live, { recursive: true, force: true });
    fs.cpSync(template, live, { recursive: true, verbatimSymlinks: true });
    // The copy's origin remote must point at the copied origin, not the template's.
    git(paths.dir, ['remote', 'set-url', 'origin', paths.origin]);
    const ws: CorpusWorkspace = {
      ...paths,
      contract: CONTRACT,
      git: (...args) => git(paths.dir, args),
      write: (relative, content) => writeFile(paths.dir, relative, content),
      remove: (relative) => fs.rmSync(path.join(paths.dir, relative), { recursive: true, force: true }),
      symlink: (target, relative) => {
        const link = path.join(paths.dir, relative);
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.rmSync(link, { recursive: true, force: true });
        fs.symlinkSync(target, link);
      },
      commit: (message) => commitAll(paths.dir, message),
      commitAndPush: (message) => commitAndPush(paths.dir, message),
    };
    return ws;
  }
  return { restore };
}

/** What "nothing written" is checked against: the working tree's status, HEAD, and the remote's head. */
export function gitSnapshot(ws: CorpusWorkspace): { status: string; head: string; origin: string } {
  const read = (args: string[], cwd = ws.dir): string => {
    try {
      return git(cwd, args);
    } catch {
      return '(none)';
    }
  };
  return {
    status: read(['status', '--porcelain', '--untracked-files=all']),
    head: read(['rev-parse', 'HEAD']),
    origin: read(['rev-parse', 'refs/heads/main'], ws.origin),
  };
}
