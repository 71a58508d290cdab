/**
 * The CI guard's decision, pure: given which contracts `nx affected` would deploy and which exist,
 * go on or stop. Everything affected usually means a workspace-wide change (nx.json, the lockfile,
 * tsconfig.base.json, a plugin bump, a deleted contract file), not a change to every contract:
 * redeploying them all then is rarely what anyone meant, so it needs an explicit variable.
 */
import { contractRootOfMarker, isContractMarker } from '../contract/contract-marker';

export const ALLOW_ALL_VARIABLE = 'DEEPLOY_ALLOW_ALL';

export interface GuardInput {
  target: string;
  base: string;
  head: string;
  /** Projects with the target that `nx affected` selects between base and head. */
  affected: readonly string[];
  /** Every project with the target. */
  all: readonly string[];
  allowAll: boolean;
  /** Files changed between base and head (`git diff --name-status`), to name the likely cause. */
  changes?: readonly ChangedFile[];
}

export interface ChangedFile {
  /** git's status letter: A, M, D, … */
  status: string;
  path: string;
}

export interface GuardVerdict {
  proceed: boolean;
  /** First line: the decision; further lines (only when stopping): cause and what to do. */
  message: string;
}

const MAX_LISTED = 10;

export function decideGuard(input: GuardInput): GuardVerdict {
  const { affected, all, target } = input;
  const range = `between ${shortSha(input.base)} and ${shortSha(input.head)}`;
  if (affected.length === 0) {
    return { proceed: true, message: `deeploy-ci guard: no project has ${target} affected ${range}; nothing to deploy.` };
  }
  const everyOne = all.length > 1 && all.every((project) => affected.includes(project));
  if (!everyOne) {
    return {
      proceed: true,
      message: `deeploy-ci guard: ${affected.length} of ${all.length} projects with ${target} affected ${range}: ${listed(affected)}.`,
    };
  }
  if (input.allowAll) {
    return {
      proceed: true,
      message: `deeploy-ci guard: every one of the ${all.length} projects with ${target} is affected ${range}; ${ALLOW_ALL_VARIABLE}=true, so all of them run.`,
    };
  }
  const causes = likelyCauses(input.changes ?? []);
  return {
    proceed: false,
    message: [
      `deeploy-ci guard: every one of the ${all.length} projects with ${target} is affected ${range}, so this run would redeploy all of them; stopped before deploying anything.`,
      causes.length > 0
        ? `  Likely cause: ${causes.join('; ')}.`
        : '  Such a change usually comes from nx.json, the lockfile, tsconfig.base.json, a plugin version or a deleted contract file, not from the contracts.',
      ...deletedContractsHint(input.changes ?? []),
      `  To deploy them all anyway, run the pipeline again with the CI variable ${ALLOW_ALL_VARIABLE}=true (and remove it afterwards).`,
      '  So that lockfile changes stop affecting every project: nx g deeploy:init --setProjectsAffectedByDependencyUpdates (sets pluginsConfig["@nx/js"].projectsAffectedByDependencyUpdates to "auto" in nx.json).',
    ].join('\n'),
  };
}

/** Workspace-wide files Nx treats as touching every project (Nx 22 affected locators). */
const WORKSPACE_WIDE = new Set(['nx.json', 'package.json', 'tsconfig.base.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb']);

/** The changed files that explain "everything affected": workspace-wide files and deletions. */
export function likelyCauses(changes: readonly ChangedFile[]): string[] {
  const changedGlobals = changes.filter((c) => WORKSPACE_WIDE.has(c.path)).map((c) => c.path);
  const deleted = changes.filter((c) => c.status.startsWith('D') && !WORKSPACE_WIDE.has(c.path)).map((c) => c.path);
  const causes: string[] = [];
  if (changedGlobals.length > 0) causes.push(`changed ${listed(changedGlobals)}`);
  if (deleted.length > 0) causes.push(`deleted ${listed(deleted)} (deleting a file the plugins watch affects every project)`);
  return causes;
}

/**
 * A deleted contract folder is the usual "deleted file": Nx can no longer select its project, so
 * say that its deployment keeps running and what names it.
 */
function deletedContractsHint(changes: readonly ChangedFile[]): string[] {
  const roots = [...new Set(changes.filter((c) => c.status.startsWith('D') && isContractMarker(c.path)).map((c) => contractRootOfMarker(c.path)))];
  if (roots.length === 0) return [];
  const one = roots.length === 1;
  return [
    `  Deleted contract folder${one ? '' : 's'} ${listed(roots)}: ${one ? 'its deployment keeps' : 'their deployments keep'} running; \`deeploy-ci orphans\` (run after the deploy) names ${one ? 'it' : 'them'}, and deleting stays yours, in Deeploy.`,
  ];
}

/** `git diff --name-status` output → changed files. */
export function parseNameStatus(output: string): ChangedFile[] {
  return output
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((fields) => fields.length >= 2 && fields[0] !== '')
    .map((fields) => ({ status: fields[0], path: fields[fields.length - 1] }));
}

function listed(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}

function shortSha(sha: string): string {
  return /^[0-9a-f]{40}$/i.test(sha) ? sha.slice(0, 7) : sha;
}
