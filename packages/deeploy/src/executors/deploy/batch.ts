/**
 * `deeploy:deploy` in Nx batch mode: every deploy task of the run in one process; see
 * `lib/batch.ts`. Each task does what `executor.ts` does for it alone.
 */
import type { TaskGraphExecutor } from '../../nx/devkit';
import type { Settings } from '../../settings/settings-schema';
import { runDeeployBatch } from '../../deploy/batch';

const deployBatch: TaskGraphExecutor<Settings> = async (taskGraph, inputs, _overrides, context) => runDeeployBatch('deploy', taskGraph, inputs, context);

export default deployBatch;
