/**
 * `deeploy-ci doctor [--out <file>]`: a read-only check of a real Deeploy account with the user's
 * environment keys, for what Deeploy's sources leave open (deeploy-api.md §7-§8). It resolves the
 * settings as deploy does (nx.json's deeploy plugin options, then the environment), lists the
 * repositories (keys and workspace), matches the git remote, reads the whole deployment list
 * (reporting how it pages), reads one deployment of this repository, and prints one row per
 * assumption. It sends only GET requests. It writes a JSON of the verdicts and of the replies'
 * shapes (keys and types, never values; secrets redacted) to attach to a bug report.
 * Exit codes: 0 every assumption holds or is adapted to, 1 one fails, 2 it could not run.
 */
import { clientSettingsOf, requiredWorkspaceId } from '../settings/client-settings';
import { secretsOf } from '../api/auth';
import { resolveApiBaseUrl } from '../api/base-url';
import { createDeeployClient, type DeeployClient, type DeeployClientConfig } from '../api/client';
import { PagingMemory, type DeploymentListing } from '../api/deployment-listing';
import { serverTextOf } from '../api/errors';
import { redact } from '../api/redact';
import { deployedVersionOf, type Deployment, type Repository } from '../api/schemas';
import { matchRepository } from '../deploy/remote-url';
import type { GitBridge } from '../git/git-bridge';
import { pluginEntryFor } from '../plugins/plugin-options';
import { reportDirOf } from '../report/report-dir';
import { PLUGIN_OWN_KEYS } from '../settings/context-layers';
import { readKeyPair, secretValues } from '../settings/credentials';
import { resolveSettings, type SettingsLayer } from '../settings/resolve-settings';
import { deploymentShape, doctorExitCode, doctorRows, type DoctorFacts, type DoctorRow, type Outcome } from './doctor-checks';

export interface DoctorOptions {
  workspaceRoot: string;
  /** Absolute path of the JSON to write; default `<reportDir>/doctor/deeploy-doctor.json`. */
  outFile?: string;
}

export interface DoctorIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** nx.json, parsed (undefined when it cannot be read). */
  nxJson: unknown;
  openGit(workspaceRoot: string): GitBridge;
  writeFile(file: string, text: string): Promise<void>;
  createClient?: (config: DeeployClientConfig) => DeeployClient;
}

/** Deployments read one by one at most, looking for one of this repository when the list does not say. */
const MAX_SAMPLE_READS = 200;

/** The default place of the JSON: inside the report folder, in a folder of its own (the summary reads only the folder's own files). */
export const DOCTOR_FILE = 'doctor/deeploy-doctor.json';

async function outcome<T>(run: () => Promise<T>, secrets: readonly string[]): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, problem: redact((error as Error).message.split('\n')[0], secrets) };
  }
}

/**
 * A deployment of this repository, as the list shows it and as a GET shows it. When no reply
 * says which repository a deployment deploys, any deployment is inspected, so the shapes are
 * still reported.
 */
async function sampleOf(
  client: DeeployClient,
  listing: DeploymentListing,
  repositoryId: string | undefined,
  secrets: readonly string[],
): Promise<(NonNullable<DoctorFacts['sample']> & { note?: string }) | undefined> {
  const items = listing.deployments;
  if (items.length === 0) return undefined;
  const inList = items.find((d) => deployedVersionOf(d).repositoryId === repositoryId);
  if (inList) return { listItem: inList, detail: await outcome(() => client.getDeployment(inList.id), secrets) };
  const unplaced = items.filter((d) => deployedVersionOf(d).repositoryId === undefined).slice(0, MAX_SAMPLE_READS);
  let first: { listItem: Deployment; detail: Outcome<Deployment> } | undefined;
  for (const item of unplaced) {
    const detail = await outcome(() => client.getDeployment(item.id), secrets);
    first ??= { listItem: item, detail };
    if (detail.ok && deployedVersionOf(detail.value).repositoryId === repositoryId) return { listItem: item, detail };
  }
  if (first) return { ...first, note: 'no reply says which repository a deployment deploys: inspected another deployment' };
  return undefined;
}

/** A table cell: the server's words redacted first, then made one line and cut (never the other way round). */
function cell(text: string, secrets: readonly string[], width = 110): string {
  const line = serverTextOf(text, secrets);
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

export function renderDoctorTable(rows: readonly DoctorRow[], secrets: readonly string[]): string {
  const lines = rows.map((row) => [cell(row.assumption, secrets, 70), cell(row.seen, secrets), row.ok, cell(row.setting ?? '', secrets, 80)]);
  const header = ['assumption', 'seen', 'ok', 'setting that adapts'];
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
  const format = (line: string[]) =>
    line
      .map((text, i) => text.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
}

export async function runDoctor(options: DoctorOptions, io: DoctorIo): Promise<number> {
  let secrets = secretValues(io.env);
  let config: DeeployClientConfig;
  let remote: string;
  let outFile: string;
  try {
    // The same layers deploy reads for a workspace: nx.json's plugin options, then the environment.
    const entry = pluginEntryFor(io.nxJson as Parameters<typeof pluginEntryFor>[0], []);
    const layers: SettingsLayer[] = entry
      ? [{ file: 'nx.json', optionsPath: `plugins[${entry.index}].options`, values: entry.options, foreignKeys: PLUGIN_OWN_KEYS }]
      : [];
    const { settings } = resolveSettings(layers, io.env);
    const keyPair = readKeyPair(io.env);
    secrets = [...secrets, ...secretsOf(keyPair)];
    config = {
      baseUrl: resolveApiBaseUrl(settings),
      workspaceId: requiredWorkspaceId(settings),
      auth: keyPair,
      ...clientSettingsOf(settings),
      // A fresh memory: the doctor always finds out how the list pages.
      pagingMemory: new PagingMemory(),
      log: (line) => io.out(redact(line, secrets)),
    };
    remote = settings.remote;
    // Confined to the workspace like the task reports (a refused reportDir is one line here too).
    outFile = options.outFile ?? `${reportDirOf(options.workspaceRoot, settings.reportDir)}/${DOCTOR_FILE}`;
  } catch (error) {
    io.err(redact(`deeploy-ci doctor: ${(error as Error).message}`, secrets));
    return 2;
  }

  const client = (io.createClient ?? createDeeployClient)(config);
  const facts: DoctorFacts = { remote, repositories: { ok: false, problem: 'not checked' }, statusMap: config.statusMap };
  let note: string | undefined;
  try {
    const repositories = await outcome<Repository[]>(() => client.listRepositories(), secrets);
    facts.repositories = repositories.ok ? { ok: true, value: { count: repositories.value.length } } : repositories;
    if (repositories.ok) {
      facts.repository = await outcome(async () => {
        const url = await io.openGit(options.workspaceRoot).remoteUrl(remote);
        if (!url) throw new Error(`git remote "${remote}" is not set in ${options.workspaceRoot}`);
        const match = matchRepository(url, repositories.value, remote);
        return { id: match.id, name: match.name };
      }, secrets);
      facts.listing = await outcome(() => client.listDeployments(), secrets);
      if (facts.listing.ok) {
        const sample = await sampleOf(client, facts.listing.value, facts.repository.ok ? facts.repository.value.id : undefined, secrets);
        if (sample) {
          facts.sample = { listItem: sample.listItem, detail: sample.detail };
          note = sample.note;
        }
      }
    }
  } finally {
    await client.close();
  }

  const rows = doctorRows(facts);
  if (note) {
    const index = rows.findIndex((row) => row.assumption === 'a deployment of this repository to inspect');
    if (index >= 0) rows[index] = { ...rows[index], seen: `${rows[index].seen} (${note})`, ok: 'n/a' };
  }
  io.out(renderDoctorTable(rows, secrets));

  const listing = facts.listing?.ok ? facts.listing.value : undefined;
  // The table names ids and the repository for the user; the file for a bug report does not.
  const repositoryName = facts.repository?.ok ? facts.repository.value.name : undefined;
  const scrub = (text: string) => {
    const noIds = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>');
    return repositoryName ? noIds.split(repositoryName).join('<repository>') : noIds;
  };
  const report = {
    tool: 'deeploy-ci doctor',
    generatedAt: new Date().toISOString(),
    api: new URL(config.baseUrl).origin,
    remote: facts.repository?.ok ? 'matched' : 'not matched',
    checks: rows.map((row) => ({ ...row, assumption: scrub(row.assumption), seen: scrub(row.seen) })),
    paging: listing?.paging,
    unreadableItems: listing?.skipped.map((item) => scrub(item.problem)),
    shapes: facts.sample
      ? { listItem: deploymentShape(facts.sample.listItem), deployment: facts.sample.detail.ok ? deploymentShape(facts.sample.detail.value) : undefined }
      : undefined,
  };
  try {
    await io.writeFile(outFile, `${redact(JSON.stringify(report, null, 2), secrets)}\n`);
    io.out(`wrote ${outFile} (shapes and verdicts only, no values: attach it to a bug report)`);
  } catch (error) {
    io.err(`deeploy-ci doctor: cannot write ${outFile}: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  }
  return doctorExitCode(rows);
}
