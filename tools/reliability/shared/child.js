/**
 * Child processes: run one, capture its output, and (for the crash test) kill it with SIGKILL
 * when a condition first holds. Asynchronous on purpose: the emulator runs in this process and
 * must keep answering while the child runs.
 */
const { spawn } = require('node:child_process');

/**
 * Starts `node <script> ...args`; resolves when it ends with `{ code, signal, stdout, stderr, killed }`.
 * `killWhen(output)` (optional) is polled every 2 ms with the output so far; the first time it
 * returns true the child gets `signal` (default SIGKILL) and `killed` is set.
 */
function runNode(script, args, { cwd, env, killWhen, signal = 'SIGKILL' } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let timer;
    if (killWhen) {
      const poll = () => {
        if (killWhen(stdout + stderr)) {
          killed = true;
          child.kill(signal);
          return;
        }
        timer = setTimeout(poll, 2);
      };
      poll();
    }
    child.on('error', (error) => reject(new Error(`could not start ${script}: ${error.message}`)));
    child.on('close', (code, exitSignal) => {
      clearTimeout(timer);
      resolve({ code, signal: exitSignal, stdout, stderr, killed: killed && exitSignal === signal });
    });
  });
}

/** The parent's environment without what would steer a child away from a plain local run. */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(CI|CI_.*|GITHUB_.*|GITLAB_.*|NX_.*|DEEPLOY_.*|GIT_.*|npm_.*)$/.test(key)) env[key] = value;
  }
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_INTERACTIVE: 'false', FORCE_COLOR: '0', ...extra };
}

module.exports = { runNode, cleanEnv };
