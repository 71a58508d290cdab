/**
 * Whether a contract's settings file changed in a way that needs a redeploy. Sizing, credential ids
 * and the like are not visible on a deployment Deeploy returns, so a change to them can only be
 * seen in the contract's `project.json` between the deployed commit and HEAD. Only options an
 * update sends count: a change of anything else (name and description, which go to
 * `/description` without a restart; create-only fields such as the use case; who approves; how
 * the task runs) could not be deployed by an update, so it must not cause one. Pure: the two file
 * texts are passed in.
 */
import { BODY_OPTIONS, BODY_OPTION_KEYS } from '../settings/settings-schema';
import { sortedJson } from '../settings/sorted-json';

/** Approval fields are sent with an update, but asking someone else to approve changes nothing that runs. */
const NOT_RUN = new Set<string>(['approverUserIds', 'messageToApprovers']);

/** Options whose change an update deploys. */
const DEPLOYED = new Set<string>([
  'deploymentType',
  'modelType',
  'explainerType',
  'transformerType',
  ...BODY_OPTION_KEYS.filter((key) => BODY_OPTIONS[key].sentOn === 'create-and-update' && !NOT_RUN.has(key)),
]);

/** The deploy-relevant part of a project.json: each target's options and configurations, only the DEPLOYED keys. */
function deploySettingsOf(text: string | undefined): unknown {
  if (text === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { unreadable: text };
  }
  const targets = (json as { targets?: Record<string, { options?: Record<string, unknown>; configurations?: Record<string, unknown> }> })?.targets ?? {};
  const strip = (options: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(options ?? {}).filter(([key]) => DEPLOYED.has(key)));
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
