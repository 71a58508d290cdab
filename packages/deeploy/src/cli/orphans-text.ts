/**
 * What `deeploy-ci orphans` says: terminal lines and a Markdown section for a step summary. Pure.
 * Names, ids and paths come from Deeploy, so they are data, never markup or terminal control:
 * control characters are replaced and Markdown is escaped.
 */
import { cell } from '../report/summary-markdown';
import type { DeploymentRef, OrphanFindings } from './orphans-decision';

export interface OrphansContext {
  /** The Deeploy repository, as the user knows it (its name, else its id). */
  repository: string;
  branch: string;
  commit: string;
}

/** One line, nothing a terminal would act on. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this replaces
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}

function pathText(path: string): string {
  return path === '' ? 'the repository root' : printable(path);
}

function nameText(ref: DeploymentRef): string {
  return ref.name === undefined ? '' : ` ${JSON.stringify(printable(ref.name))}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Where the check looked, for the first line. */
function scope(context: OrphansContext): string {
  return `repository ${printable(context.repository)} on ${printable(context.branch)} at ${context.commit.slice(0, 7)}`;
}

export function orphanLine(ref: DeploymentRef): string {
  const id = printable(ref.id);
  return `deployment ${id}${nameText(ref)} deploys ${pathText(ref.contractPath ?? '')}, which holds no contract any more: delete it in Deeploy (deployment ${id}) if nothing uses it`;
}

export function renderOrphanLines(findings: OrphanFindings, context: OrphansContext): string[] {
  const lines: string[] = [];
  const checked = findings.present + findings.orphans.length;
  if (findings.orphans.length === 0) {
    lines.push(`deeploy-ci orphans: no orphaned deployments (${plural(checked, 'deployment')} of ${scope(context)} checked)`);
  } else {
    lines.push(
      `deeploy-ci orphans: ${findings.orphans.length} of ${plural(checked, 'deployment')} of ${scope(context)} deploy a contract that no longer exists:`,
    );
    for (const ref of findings.orphans) lines.push(`  ${orphanLine(ref)}`);
  }
  if (findings.unknown.length > 0) {
    lines.push(
      `deeploy-ci orphans: cannot tell for ${plural(findings.unknown.length, 'deployment')}: Deeploy did not say which repository and contract path ${findings.unknown.length === 1 ? 'it deploys' : 'they deploy'}:`,
    );
    for (const ref of findings.unknown) lines.push(`  deployment ${printable(ref.id)}${nameText(ref)}: check its contract in Deeploy`);
  }
  if (findings.otherBranches.length > 0) {
    const branches = [...new Set(findings.otherBranches.map((ref) => printable(ref.branch ?? '')))].sort().join(', ');
    lines.push(
      `deeploy-ci orphans: not checked: ${plural(findings.otherBranches.length, 'deployment')} of other branches (${branches}); run it on a checkout of that branch`,
    );
  }
  return lines;
}

/** Markdown text in a table cell: no markup, no column breaks. */
function md(text: string): string {
  return cell(text.replace(/[\\`*_[\]()!#~]/g, '\\$&'));
}

export function renderOrphansMarkdown(findings: OrphanFindings, context: OrphansContext): string {
  const where = `repository ${md(context.repository)} on ${md(context.branch)} at ${md(context.commit.slice(0, 7))}`;
  const parts = ['### Deeploy: orphaned deployments', ''];
  if (findings.orphans.length === 0) {
    parts.push(`No orphaned deployments: every deployment of ${where} has its contract folder.`, '');
  } else {
    parts.push(
      `${plural(findings.orphans.length, 'deployment')} of ${where} ${findings.orphans.length === 1 ? 'deploys' : 'deploy'} a contract folder that no longer exists. Deleting stays your decision: delete ${findings.orphans.length === 1 ? 'it' : 'them'} in Deeploy if nothing uses ${findings.orphans.length === 1 ? 'it' : 'them'}.`,
      '',
      '| Deployment | Name | Contract path |',
      '|---|---|---|',
      ...findings.orphans.map((ref) => `| ${md(ref.id)} | ${md(ref.name ?? '–')} | ${md(pathText(ref.contractPath ?? ''))} |`),
      '',
    );
  }
  if (findings.unknown.length > 0) {
    parts.push(
      `Cannot tell for ${plural(findings.unknown.length, 'deployment')} (Deeploy did not say which contract they deploy): ${findings.unknown.map((ref) => md(ref.id)).join(', ')}.`,
      '',
    );
  }
  if (findings.otherBranches.length > 0) {
    parts.push(`Not checked: ${plural(findings.otherBranches.length, 'deployment')} of other branches.`, '');
  }
  return parts.join('\n');
}
