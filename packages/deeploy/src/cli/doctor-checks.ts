/**
 * `deeploy-ci doctor`'s verdicts: from what a real Deeploy answered, one row per assumption the
 * plugin makes (deeploy-api.md §7-§8), with what was seen, whether the plugin works with it, and
 * the setting that adapts it. Pure: the command (`doctor-command.ts`) gathers the facts.
 */
import type { DeploymentListing } from '../api/deployment-listing';
import { deploymentStateOf, type DeploymentState } from '../api/deployment-state';
import { failureReasonOf, publicUrlOf, versionMembersOf, type Deployment, type VersionRef } from '../api/schemas';

/** `yes`: as assumed; `adapts`: differs, and the plugin copes (at the cost the row says); `no`: an assumption fails; `n/a`: not checked. */
export type Verdict = 'yes' | 'adapts' | 'no' | 'n/a';

export interface DoctorRow {
  assumption: string;
  seen: string;
  ok: Verdict;
  /** The setting (or variable) that adapts the plugin, where one exists. */
  setting?: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface DoctorFacts {
  remote: string;
  /** What the repository list answered: the repositories, or the failure line. */
  repositories: Outcome<{ count: number }>;
  /** The Deeploy repository the git remote matches. */
  repository?: Outcome<{ id: string; name?: string }>;
  listing?: Outcome<DeploymentListing>;
  /** A deployment of this repository: as the list shows it, and as a GET of it shows it. */
  sample?: { listItem: Deployment; detail: Outcome<Deployment> };
  statusMap?: Partial<Record<number, DeploymentState>>;
}

const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

function versionShape(ref: VersionRef | undefined): 'object' | 'id' | 'absent or null' {
  if (!ref) return 'absent or null';
  return ref.expanded ? 'object' : 'id';
}

function pagingLine(listing: DeploymentListing): string {
  const { paging } = listing;
  const convention = {
    pages: '"offset" counts pages',
    items: '"offset" counts items',
    unpaged: 'no paging ("offset" ignored)',
    'single-page': 'one page held everything (convention not needed)',
  }[paging.convention];
  const skipped =
    listing.skipped.length > 0
      ? `; ${listing.skipped.length} unreadable item${listing.skipped.length === 1 ? '' : 's'} (${listing.skipped
          .map((s) => s.problem)
          .slice(0, 3)
          .join('; ')})`
      : '';
  return `${listing.deployments.length} deployments in ${paging.pages} page${paging.pages === 1 ? '' : 's'}; ${convention}; page size ${paging.pageSize}; ${paging.totals ? 'with totals' : 'no totals'}${skipped}`;
}

export function doctorRows(facts: DoctorFacts): DoctorRow[] {
  const rows: DoctorRow[] = [];
  const access = facts.repositories;
  rows.push({
    assumption: 'the keys and the workspace are accepted (GET repositories)',
    seen: access.ok ? `yes: ${access.value.count} repositor${access.value.count === 1 ? 'y' : 'ies'}` : access.problem,
    ok: access.ok ? 'yes' : 'no',
    setting: 'DEEPLOY_ACCESS_KEY, DEEPLOY_SECRET_KEY, workspaceId, host/apiUrl, apiPrefix, teamId/organizationId',
  });
  const repository = facts.repository;
  rows.push({
    assumption: `a Deeploy repository matches git remote "${facts.remote}"`,
    seen: !repository ? 'not checked' : repository.ok ? `${repository.value.name ?? ''} (${repository.value.id})`.trim() : repository.problem,
    ok: !repository ? 'n/a' : repository.ok ? 'yes' : 'no',
    setting: 'remote',
  });

  const listing = facts.listing;
  rows.push({
    assumption: 'the deployment list can be read whole',
    seen: !listing
      ? 'not checked'
      : listing.ok
        ? listing.value.complete
          ? pagingLine(listing.value)
          : `${listing.value.incomplete}; ${pagingLine(listing.value)}`
        : listing.problem,
    ok: !listing
      ? 'n/a'
      : listing.ok && listing.value.complete
        ? listing.value.paging.convention === 'unpaged' || listing.value.paging.convention === 'single-page'
          ? 'yes'
          : 'adapts'
        : 'no',
    setting: 'deploymentId (per contract) when the list cannot be read whole',
  });

  const sample = facts.sample;
  if (!sample) {
    rows.push({
      assumption: 'a deployment of this repository to inspect',
      seen: listing?.ok ? 'none found: deploy one contract, then run doctor again' : 'not checked',
      ok: 'n/a',
    });
    return rows;
  }
  const { listItem, detail } = sample;
  rows.push({ assumption: 'a deployment of this repository to inspect', seen: listItem.id, ok: 'yes' });

  const inList = versionShape(listItem.activeVersion);
  rows.push({
    assumption: 'a list item says what runs (activeVersion an object)',
    seen: inList === 'object' ? 'object' : `${inList}: each deployment is read by id (one more GET per contract)`,
    ok: inList === 'object' && versionMembersOf(listItem.activeVersion).commit ? 'yes' : 'adapts',
  });
  if (!detail.ok) {
    rows.push({ assumption: 'GET of one deployment answers', seen: detail.problem, ok: 'no' });
    return rows;
  }
  const deployment = detail.value;
  const inGet = versionShape(deployment.activeVersion);
  const members = versionMembersOf(deployment.activeVersion);
  rows.push({
    assumption: 'GET of one deployment gives activeVersion as an object',
    seen: inGet,
    ok: inGet === 'object' ? 'yes' : 'no',
    setting: 'NX_BASE (the deployed commit is then unknown), deploymentId',
  });
  if (inGet === 'object') {
    rows.push({
      assumption: 'activeVersion.commit is the deployed git commit',
      seen: members.commit === undefined ? 'absent' : FULL_SHA.test(members.commit) ? 'a full sha' : `not a full sha (${members.commit.slice(0, 12)}…)`,
      ok: members.commit !== undefined && FULL_SHA.test(members.commit) ? 'yes' : 'no',
      setting: "NX_BASE (deploy then compares with the run's base commit)",
    });
    rows.push({
      assumption: 'activeVersion.contractPath and repositoryId say which contract',
      seen: [
        members.contractPath === undefined ? 'contractPath absent' : 'contractPath present',
        members.repositoryId === undefined ? 'repositoryId absent' : 'repositoryId present',
      ].join(', '),
      ok: members.contractPath !== undefined && members.repositoryId !== undefined ? 'yes' : 'no',
      setting: 'deploymentId (otherwise matched by name only)',
    });
    rows.push({
      assumption: 'activeVersion.branchName is the deployed branch',
      seen: members.branchName === undefined ? 'absent' : 'present',
      ok: members.branchName !== undefined ? 'yes' : 'adapts',
      setting: 'force (a branch change is not seen otherwise)',
    });
  }
  rows.push({
    assumption: 'updatingTo and lastVersion (a version rolling out, the previous one)',
    seen: `updatingTo ${versionShape(deployment.updatingTo)}, lastVersion ${versionShape(deployment.lastVersion)}`,
    ok: deployment.updatingTo && !deployment.updatingTo.expanded ? 'adapts' : 'yes',
  });

  const state = deploymentStateOf(deployment.status, facts.statusMap);
  rows.push({
    assumption: 'the status integer has a known meaning',
    seen: deployment.status === undefined ? 'absent' : `${deployment.status} (${state})`,
    ok: state === 'unknown' ? 'no' : 'yes',
    setting: 'statusMap',
  });
  const reasonField =
    deployment.errorDetails !== undefined
      ? `errorDetails (${deployment.errorDetails.length} entr${deployment.errorDetails.length === 1 ? 'y' : 'ies'})`
      : deployment.statusMessage !== undefined
        ? 'statusMessage'
        : 'absent or null';
  rows.push({
    assumption: 'a failure says why in errorDetails',
    seen: state === 'failed' ? `${reasonField}: ${failureReasonOf(deployment) ?? '(no reason given)'}` : `${reasonField} (the deployment has not failed)`,
    ok: reasonField.startsWith('errorDetails') || reasonField === 'absent or null' ? 'yes' : 'adapts',
  });
  rows.push({
    assumption: 'the predict URL is publicUrl',
    seen: deployment.publicUrl ? 'publicUrl' : publicUrlOf(deployment) ? 'publicURL (older spelling)' : 'absent',
    // The URL only goes into reports: either spelling, or none, is fine.
    ok: deployment.publicUrl ? 'yes' : 'adapts',
  });
  return rows;
}

/** The exit code: 1 when an assumption fails. */
export function doctorExitCode(rows: readonly DoctorRow[]): number {
  return rows.some((row) => row.ok === 'no') ? 1 : 0;
}

/** A value's shape for a bug report: keys and types, never the values (numbers and booleans kept: status codes, types). */
export function shapeOf(value: unknown, depth = 0): unknown {
  if (value === null) return null;
  if (typeof value === 'string') {
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return '<uuid>';
    if (FULL_SHA.test(value)) return '<git sha>';
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return '<url>';
    return `<string of ${value.length}>`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (depth >= 4) return '<…>';
  if (Array.isArray(value))
    return value
      .slice(0, 3)
      .map((item) => shapeOf(item, depth + 1))
      .concat(value.length > 3 ? [`<${value.length - 3} more>`] : []);
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .slice(0, 60)
        .map(([key, item]) => [key.slice(0, 60), shapeOf(item, depth + 1)]),
    );
  return `<${typeof value}>`;
}

/** A deployment's shape as the server sent it: a version given as an id shows as one. */
export function deploymentShape(deployment: Deployment): unknown {
  const { activeVersion, updatingTo, lastVersion, ...rest } = deployment;
  const shape = shapeOf(rest) as Record<string, unknown>;
  for (const [key, version] of Object.entries({ activeVersion, updatingTo, lastVersion })) {
    if (!version) continue;
    const { expanded, ...members } = version;
    shape[key] = expanded ? shapeOf(members) : '<version id>';
  }
  return shape;
}
