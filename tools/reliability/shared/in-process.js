/**
 * Runs a deploy or update task of the built plugin inside this process, capturing every line it
 * prints (the Nx logger writes through console). In-process runs keep 200+ runs within minutes;
 * the crash test, which must kill the task, runs it as a child process instead.
 */
const { plugin } = require('./paths');
const { executorContext, executorOptions } = require('./executor-context');

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'];

/** Replaces console's methods while `work` runs; returns the lines printed, without colour codes. */
async function capturingConsole(work) {
  const saved = CONSOLE_METHODS.map((method) => [method, console[method]]);
  const lines = [];
  for (const method of CONSOLE_METHODS) {
    console[method] = (...args) => {
      lines.push(
        ...args
          .map(String)
          .join(' ')
          // eslint-disable-next-line no-control-regex -- colour codes are what it removes
          .replace(/\u001b\[[0-9;]*m/g, '')
          .split('\n'),
      );
    };
  }
  try {
    const value = await work();
    return { value, lines };
  } catch (error) {
    return { error, lines };
  } finally {
    for (const [method, fn] of saved) console[method] = fn;
  }
}

/**
 * Client settings for the soak: the same retry policy, with delays scaled down so that hundreds
 * of faulted runs fit in CI. Everything else is the executor as Nx runs it.
 */
function fastClient(overrides) {
  const { createDeeployClient } = plugin('api/client.js');
  return (config) => createDeeployClient({ ...config, ...overrides });
}

/**
 * One task: `{ success, lines, error, ms }`. `error` is set only when the executor threw instead of
 * returning `{ success: false }` (a bug). `client` (optional) adjusts the API client's retry timing.
 */
async function runTask({ root, projectRoot, project, kind = 'deploy', flags = {}, env, pluginOptions, client }) {
  const { runDeeployTask } = plugin('deploy/deeploy-task.js');
  const context = executorContext({ root, projectRoot, project, kind, pluginOptions });
  const options = executorOptions({ root, projectRoot, kind, flags });
  const deps = { env };
  if (client) deps.createApi = fastClient(client);
  const started = Date.now();
  const { value, error, lines } = await capturingConsole(() => runDeeployTask(kind, options, context, deps));
  return { success: value?.success === true, lines: lines.filter((line) => line.trim() !== ''), error, ms: Date.now() - started };
}

/** The same, through the executor module Nx loads (`executors.json`), with its own defaults. */
async function runExecutor({ root, projectRoot, project, kind = 'deploy', flags = {}, env, pluginOptions }) {
  const executor = plugin(`executors/${kind}/executor.js`).default;
  const context = executorContext({ root, projectRoot, project, kind, pluginOptions });
  const options = executorOptions({ root, projectRoot, kind, flags });
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const started = Date.now();
  try {
    const { value, error, lines } = await capturingConsole(() => executor(options, context));
    return { success: value?.success === true, lines: lines.filter((line) => line.trim() !== ''), error, ms: Date.now() - started };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

module.exports = { runTask, runExecutor, capturingConsole };
