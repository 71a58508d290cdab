#!/usr/bin/env node
/**
 * One deploy or update task in its own process, as Nx runs it (the built executor module named in
 * executors.json, an ExecutorContext built from the workspace's files), so the crash test can kill
 * it with SIGKILL. Settings and secrets come from the environment, as in CI.
 *
 *   node deploy-child.js <workspaceRoot> <projectRoot> <deploy|update> [flags as JSON]
 * Exit code: 0 success, 1 the task failed, 2 the executor threw (a bug).
 */
const { plugin } = require('../shared/paths');
const { executorContext, executorOptions } = require('../shared/executor-context');

const [root, projectRoot, kind, flagsJson = '{}'] = process.argv.slice(2);
const executor = plugin(`executors/${kind}/executor.js`).default;
const context = executorContext({ root, projectRoot, kind });
const options = executorOptions({ root, projectRoot, kind, flags: JSON.parse(flagsJson) });

executor(options, context).then(
  (result) => process.exit(result.success ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
