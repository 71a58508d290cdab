/**
 * Where the task reports go: the `reportDir` option, confined to the workspace. Reports are
 * written by every deploy, often in CI with a checkout of someone's branch, so a setting must not
 * be able to make a task create or replace files elsewhere on the machine: not with `../x`, not
 * with an absolute path outside, not through a link inside the workspace that points outside.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { SettingsError } from '../settings/resolve-settings';
import { DEFAULT_REPORT_DIR } from './report-schema';

/** A refused `reportDir`; checked before anything is sent, and then no report is written either. */
export class ReportDirError extends SettingsError {}

/**
 * The absolute report folder for `reportDir` (workspace-relative, or absolute inside the
 * workspace). Throws ReportDirError naming the option, where it was set and the fix.
 */
export function reportDirOf(workspaceRoot: string, reportDir: string, source?: string): string {
  const root = resolve(workspaceRoot);
  const dir = resolve(root, reportDir);
  if (!isStrictlyInside(root, dir) || !isStrictlyInside(realpathSync(root), wouldLandAt(dir))) {
    const where = source ? ` (${source})` : '';
    throw new ReportDirError(`option reportDir "${reportDir}"${where} is outside the workspace; use a folder inside it, e.g. "${DEFAULT_REPORT_DIR}"`);
  }
  return dir;
}

function isStrictlyInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Where a write to `path` would land: the real path of its deepest existing ancestor joined with
 * the rest. A dangling link cannot be followed, so it counts as leading nowhere (refused).
 */
function wouldLandAt(path: string): string {
  let existing = path;
  while (!isThere(existing) && dirname(existing) !== existing) existing = dirname(existing);
  try {
    return resolve(realpathSync(existing), relative(existing, path));
  } catch {
    return '/';
  }
}

/** Whether something, a dangling link included, is at `path`. */
function isThere(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
