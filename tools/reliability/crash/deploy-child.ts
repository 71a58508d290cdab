/**
 * One deploy or update task in its own process, as Nx runs it (the built executor module named in
 * executors.json, an ExecutorContext built from the workspace's files), so the crash test can kill
 * it with SIGKILL. Settings and secrets come from the environment, as in CI.
 *
 *   node -r ./tools/register-ts.js deploy-child.ts <workspaceRoot> <projectRoot> <deploy|update> [flags as JSON]
 * Exit code: 0 success, 1 the task failed, 2 the executor threw (a bug).
 */
import deployExecutor from 'nx-deeploy/dist/executors/deploy/executor';
import updateExecutor from 'nx-deeploy/dist/executors/update/executor';
// From the module itself, not tools/support's index: every file the child loads is transpiled on
// start, and the index would double the start-up the crash test's "while starting" kills land in.
import { executorContext, executorOptions } from '../../support/executor-context';

const [root, projectRoot, kind, flagsJson = '{}'] = process.argv.slice(2);
if (kind !== 'deploy' && kind !== 'update') {
  console.error(`deploy-child: the kind must be deploy or update, not "${kind}"`);
  process.exit(2);
}
const executor = kind === 'deploy' ? deployExecutor : updateExecutor;
const context = executorContext({ root, projectRoot, kind });
// Typed as the executor's schema; the executor itself checks what it is given.
const options = executorOptions({ root, projectRoot, kind, flags: JSON.parse(flagsJson) }) as Parameters<typeof executor>[0];

executor(options, context).then(
  (result) => process.exit(result.success ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
