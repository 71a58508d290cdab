/**
 * `deeploy:update` in Nx batch mode: every update task of the run in one process; see
 * `lib/batch.ts`. Each task does what `executor.ts` does for it alone.
 */
import type { TaskGraphExecutor } from '../../nx/devkit';
import type { Settings } from '../../settings/settings-schema';
import { runDeeployBatch } from '../../deploy/batch';

const updateBatch: TaskGraphExecutor<Settings> = async (taskGraph, inputs, _overrides, context) => runDeeployBatch('update', taskGraph, inputs, context);

export default updateBatch;
