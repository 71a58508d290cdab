/**
 * `deeploy-ci orphans [--branch <name>] [--out <file>] [--fail-on-orphans]`: the deployments of this
 * repository whose contract folder is gone. Read-only: it lists repositories and deployments and
 * reads one git tree; deleting stays the user's decision.
 *
 * It answers "which Deeploy, which repository, which branch, which commit" exactly as a deploy
 * does: the nx.json plugin options and the DEEPLOY_* environment (`resolveSettings`), the keys from
 * the environment only, the git remote matched to a Deeploy repository (`matchRepository`), the
 * branch and HEAD from `readGitState`. The decision is `findOrphans`.
 * Exit codes: 0 done (orphans or not), 1 orphans found with --fail-on-orphans, 2 could not tell.
 */
import { clientSettingsOf, requiredWorkspaceId } from '../settings/client-settings';
import { deployedVersionOf, type Deployment } from '../api/schemas';
import type { NxJsonConfiguration } from '../nx/devkit';
import { secretsOf } from '../api/auth';
import { resolveApiBaseUrl } from '../api/base-url';
import type { DeeployClient, DeeployClientConfig } from '../api/client';
import { DeeployApiError } from '../api/errors';
import { redact } from '../api/redact';
import { apiAdvice } from '../deploy/task-output';
import { matchRepository } from '../deploy/remote-url';
import type { GitBridge } from '../git/git-bridge';
import { readGitState } from '../git/git-state';
import { deeployPluginEntries } from '../plugins/plugin-options';
import { spliceSummarySection } from '../report/report-writer';
import { PLUGIN_OWN_KEYS } from '../settings/context-layers';
import { readKeyPair, secretValues } from '../settings/credentials';
import { resolveSettings, type SettingsLayer } from '../settings/resolve-settings';
import { contractPathsIn, findOrphans } from './orphans-decision';
import { renderOrphanLines, renderOrphansMarkdown } from './orphans-text';

export interface OrphansOptions {
  /** The branch Deeploy reads, as the deploy's `branch` option. */
  branch?: string;
  /** Absolute file to write the Markdown section to (a step summary). */
  outFile?: string;
  failOnOrphans: boolean;
}

export interface OrphansIo {
  workspaceRoot: string;
  env: NodeJS.ProcessEnv;
  nxJson: NxJsonConfiguration | undefined;
  openGit(workspaceRoot: string): GitBridge;
  createApi(config: DeeployClientConfig): Pick<DeeployClient, 'listRepositories' | 'listDeployments' | 'getDeployment' | 'close'>;
  out: (text: string) => void;
  err: (text: string) => void;
  /** The file's current text, or '' when it does not exist. */
  readFile: (file: string) => Promise<string>;
  writeFile: (file: string, text: string) => Promise<void>;
}

export const ORPHANS_EXIT = { done: 0, orphansFound: 1, failed: 2 } as const;

/** The settings layers a deploy of any contract shares: the first deeploy entry of nx.json, then the flags. */
function workspaceLayers(nxJson: NxJsonConfiguration | undefined, options: OrphansOptions): SettingsLayer[] {
  const layers: SettingsLayer[] = [];
  const [entry] = deeployPluginEntries(nxJson);
  if (entry) layers.push({ file: 'nx.json', optionsPath: `plugins[${entry.index}].options`, values: entry.options, foreignKeys: PLUGIN_OWN_KEYS });
  if (options.branch !== undefined) layers.push({ file: 'the command line', optionsPath: '', values: { branch: options.branch } });
  return layers;
}

export async function runOrphans(options: OrphansOptions, io: OrphansIo): Promise<number> {
  let secrets = secretValues(io.env);
  let api: Pick<DeeployClient, 'close'> | undefined;
  try {
    const { settings } = resolveSettings(workspaceLayers(io.nxJson, options), io.env);
    const keyPair = readKeyPair(io.env);
    secrets = [...secrets, ...secretsOf(keyPair)];
    const baseUrl = resolveApiBaseUrl(settings);
    const workspaceId = requiredWorkspaceId(settings);
    const git = io.openGit(io.workspaceRoot);
    const state = await readGitState(git, { workspaceRoot: io.workspaceRoot, projectRoot: '', remote: settings.remote, branch: settings.branch, env: io.env });
    const contractPaths = contractPathsIn(await git.filesAt(state.commit));

    const client = io.createApi({
      baseUrl,
      workspaceId,
      auth: keyPair,
      ...clientSettingsOf(settings),
      log: (line) => io.err(redact(`deeploy-ci orphans: ${line}`, secrets)),
    });
    api = client;
    const repository = matchRepository(state.remoteUrl, await client.listRepositories(), state.remote);
    const findings = findOrphans({
      deployments: await withVersions(client, (await client.listDeployments()).deployments),
      repositoryId: repository.id,
      branch: state.branch,
      contractPaths,
    });

    const context = { repository: repository.name ?? repository.id, branch: state.branch, commit: state.commit };
    for (const line of renderOrphanLines(findings, context)) io.out(redact(line, secrets));
    if (options.outFile) {
      const existing = await io.readFile(options.outFile);
      await io.writeFile(options.outFile, spliceSummarySection(existing, redact(renderOrphansMarkdown(findings, context), secrets), 'orphans'));
    }
    return options.failOnOrphans && findings.orphans.length > 0 ? ORPHANS_EXIT.orphansFound : ORPHANS_EXIT.done;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    io.err(redact(`deeploy-ci orphans: ${message}${error instanceof DeeployApiError ? `; ${apiAdvice(error)}` : ''}`, secrets));
    return ORPHANS_EXIT.failed;
  } finally {
    await api?.close().catch(() => undefined);
  }
}

/** Deployments the list gives without their version (an id only) read by id, at most 200, so their contract path is known. */
async function withVersions(client: { getDeployment(id: string): Promise<Deployment> }, deployments: Deployment[]): Promise<Deployment[]> {
  let reads = 0;
  const out: Deployment[] = [];
  for (const d of deployments) {
    const known = deployedVersionOf(d);
    if ((known.repositoryId === undefined || known.contractPath === undefined) && reads < 200) {
      reads += 1;
      out.push(await client.getDeployment(d.id));
    } else out.push(d);
  }
  return out;
}
