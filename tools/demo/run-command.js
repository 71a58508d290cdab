/**
 * Runs a child process asynchronously and captures its output. Async on purpose: the emulator
 * runs inside the demo's own process, and a synchronous child would block it from answering.
 */
const { spawn } = require('node:child_process');

/**
 * Resolves with { command, code, output } (stdout and stderr interleaved); never rejects on exit
 * codes. `label` is how the command is named in messages (e.g. `nx affected …` rather than the
 * node binary and the path of nx's entry point).
 */
function runCommand(file, args, { cwd, env, label }) {
  const command = label ?? [file, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => reject(new Error(`could not start \`${command}\`: ${error.message}`)));
    child.on('close', (code) => resolve({ command, code: code ?? 1, output }));
  });
}

class CommandFailed extends Error {
  constructor(result) {
    super(`\`${result.command}\` exited with ${result.code}`);
    this.output = result.output;
  }
}

async function runCommandOk(file, args, options) {
  const result = await runCommand(file, args, options);
  if (result.code !== 0) throw new CommandFailed(result);
  return result;
}

module.exports = { runCommand, runCommandOk, CommandFailed };
