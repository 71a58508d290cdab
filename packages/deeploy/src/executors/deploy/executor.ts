/**
 * `deeploy:deploy`: the idempotent apply of a contract folder (create, update or skip); see
 * `lib/deeploy-task.ts`. Options: `schema.json`, generated from `settings/settings-schema.ts`.
 */
import type { PromiseExecutor } from '../../nx/devkit';
import type { Settings } from '../../settings/settings-schema';
import { runDeeployTask } from '../../deploy/deeploy-task';

const deployExecutor: PromiseExecutor<Settings> = (options, context) => runDeeployTask('deploy', options, context);

export default deployExecutor;
