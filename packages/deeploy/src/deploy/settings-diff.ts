/**
 * Whether a contract's settings file changed in a way that needs a redeploy. Sizing, credential ids
 * and the like are not visible on a deployment Deeploy returns, so a change to them can only be
 * seen in the contract's `project.json` between the deployed commit and HEAD. Name and description
 * are left out: they are compared with the deployment itself and changed through `/description`,
 * which does not restart it. Pure: the two file texts are passed in.
 */

import { sortedJson } from '../settings/sorted-json';

/** Options that never need a redeploy. */
const NOT_DEPLOYED = new Set(['name', 'description', 'deploymentId', 'dryRun', 'wait', 'verbose', 'force']);

/** The deploy-relevant part of a project.json: each target's options and configurations, minus NOT_DEPLOYED. */
function deploySettingsOf(text: string | undefined): unknown {
  if (text === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { unreadable: text };
  }
  const targets = (json as { targets?: Record<string, { options?: Record<string, unknown>; configurations?: Record<string, unknown> }> })?.targets ?? {};
  const strip = (options: Record<string, unknown> | undefined) =>
    Object.fromEntries(Object.entries(options ?? {}).filter(([key]) => !NOT_DEPLOYED.has(key)));
  const result: Record<string, unknown> = {};
  for (const [name, target] of Object.entries(targets)) {
    const options = strip(target?.options);
    const configurations = Object.fromEntries(
      Object.entries(target?.configurations ?? {})
        .map(([c, o]) => [c, strip(o as Record<string, unknown>)] as const)
        .filter(([, o]) => Object.keys(o).length > 0),
    );
    // A target with nothing that matters is the same as no target.
    if (Object.keys(options).length > 0 || Object.keys(configurations).length > 0) result[name] = { options, configurations };
  }
  return result;
}

export function deploySettingsChanged(before: string | undefined, after: string | undefined): boolean {
  return sortedJson(deploySettingsOf(before)) !== sortedJson(deploySettingsOf(after));
}
