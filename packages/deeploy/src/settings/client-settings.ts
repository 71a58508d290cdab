/**
 * What the API client takes from the resolved settings, in the client's units: one place for the
 * deploy task, `deeploy-ci doctor` and `deeploy-ci orphans`, which all talk to the same Deeploy.
 */
import type { DeeployClientConfig } from '../api/client';
import type { DeploymentState } from '../api/deployment-state';
import { SettingsError } from './resolve-settings';
import type { ResolvedSettings } from './settings-schema';

type ClientSettings = Pick<DeeployClientConfig, 'teamId' | 'organizationId' | 'requestTimeoutMs' | 'writeTimeoutMs' | 'statusMap'>;

const millisecondsOf = (seconds: number | undefined) => (seconds === undefined ? undefined : seconds * 1000);

export function clientSettingsOf(settings: ResolvedSettings): ClientSettings {
  return {
    teamId: settings.teamId,
    organizationId: settings.organizationId,
    requestTimeoutMs: millisecondsOf(settings.requestTimeoutSeconds),
    writeTimeoutMs: millisecondsOf(settings.writeTimeoutSeconds),
    statusMap: settings.statusMap as Partial<Record<number, DeploymentState>> | undefined,
  };
}

/** The workspace id every call needs; its absence is one line naming where to set it. */
export function requiredWorkspaceId(settings: ResolvedSettings): string {
  if (!settings.workspaceId) {
    throw new SettingsError('no Deeploy workspace: set "workspaceId" in the deeploy plugin options of nx.json, or DEEPLOY_WORKSPACE_ID');
  }
  return settings.workspaceId;
}
