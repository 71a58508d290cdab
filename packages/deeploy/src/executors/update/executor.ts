/**
 * `deeploy:update`: updates the contract's existing deployment, and fails (saying to run
 * deeploy-deploy) when there is none. Falls back to the deploy target's options; see
 * `lib/deeploy-task.ts`. Options: `schema.json`, generated from `settings/settings-schema.ts`.
 */
import type { PromiseExecutor } from '../../nx/devkit';
import type { Settings } from '../../settings/settings-schema';
import { runDeeployTask } from '../../deploy/deeploy-task';

const updateExecutor: PromiseExecutor<Settings> = (options, context) => runDeeployTask('update', options, context);

export default updateExecutor;
