/**
 * The demo (`npm run demo`): no Deeploy account, nothing leaves this machine. It starts the local
 * Deeploy emulator, builds a throwaway Nx workspace with two model contracts, deploys both, changes
 * one, and shows that `nx affected -t deeploy-deploy` updates only that one. Then it removes
 * everything, also when a step fails. Exits non-zero when the outcome is not the expected one.
 *
 *   node -r ./tools/register-ts.js tools/demo.ts [--verbose]    # --verbose also prints every nx command's output
 *
 * The workspace is a linked one (tools/support): under the repository's tmp/, Nx from the
 * repository's node_modules and the built plugin linked as `deeploy`, so no install is needed.
 */
import {
  startEmulatorFor,
  CommandFailed,
  deploymentIdOf,
  deploymentsByContract,
  requireBuilt,
  SUBFOLDER_1_CONTRACT,
  SUBFOLDER_2_CONTRACT,
  SUBFOLDER_2_DOCKER_REFERENCE,
  TestWorkspace,
  writesIn,
} from './support';
import type { CommandResult } from './support';
import type { RunningEmulator } from 'deeploy-emulator';

const verbose = process.argv.includes('--verbose');

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const done = (line: string): void => say(`✔ ${line}`);

class UnexpectedOutcome extends Error {}

function expectThat(condition: boolean, message: string): asserts condition {
  if (!condition) throw new UnexpectedOutcome(message);
}

/** The plugin's own one-line task results (`[subfolder_2] updated deployment …`), indented. */
function taskLines(output: string): string {
  const lines = output.split('\n').filter((line) => /^\[[^\]]+\] /.test(line));
  return lines
    .sort()
    .map((line) => `    ${line}`)
    .join('\n');
}

async function nx(ws: TestWorkspace, args: string[]): Promise<CommandResult> {
  if (verbose) say(`  $ nx ${args.join(' ')}`);
  const result = await ws.nxOk(args);
  if (verbose) say(result.output.replace(/^/gm, '    ').trimEnd());
  return result;
}

async function story(ws: TestWorkspace, emulator: RunningEmulator): Promise<void> {
  done(`emulator on ${emulator.url}; workspace ${ws.displayPath()}/workspace, origin = a local bare repository`);

  await nx(ws, ['g', 'deeploy:init', '--no-interactive']);
  const base = await ws.commitAndPush('chore: add deeploy');
  await nx(ws, ['g', 'deeploy:contract', ...SUBFOLDER_1_CONTRACT]);
  await nx(ws, ['g', 'deeploy:contract', ...SUBFOLDER_2_CONTRACT]);
  await ws.commitAndPush('feat: two model contracts');
  done(
    'nx g deeploy:init, nx g deeploy:contract: subfolder_1 (PyTorch model, SHAP explainer, metadata), subfolder_2 (scikit-learn model); committed and pushed',
  );

  const firstDeploy = await nx(ws, ['affected', '-t', 'deeploy-deploy', `--base=${base}`, '--head=HEAD', '--outputStyle=static']);
  const created = deploymentsByContract(emulator.state());
  expectThat(
    created.has('subfolder_1') && created.has('subfolder_2') && created.size === 2,
    `expected 2 deployments (subfolder_1, subfolder_2), the emulator has: ${[...created.keys()].join(', ') || 'none'}`,
  );
  done(`nx affected -t deeploy-deploy → created subfolder_1, subfolder_2 (${created.size} deployments)`);
  if (!verbose) say(taskLines(firstDeploy.output));

  await nx(ws, ['g', 'deeploy:reference', ...SUBFOLDER_2_DOCKER_REFERENCE]);
  await ws.commitAndPush('feat: serve churn from a docker image');
  const affected: string[] = JSON.parse(
    (await nx(ws, ['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '--json'])).output.trim().split('\n').pop() ?? '[]',
  );
  expectThat(affected.length === 1 && affected[0] === 'subfolder_2', `expected only subfolder_2 to be affected, got: ${affected.join(', ') || 'none'}`);
  done('changed subfolder_2 (nx g deeploy:reference --dockerImage=… --overwrite); nx show projects --affected → subfolder_2');

  emulator.clearLog();
  const secondDeploy = await nx(ws, ['affected', '-t', 'deeploy-deploy', '--base=HEAD~1', '--head=HEAD', '--outputStyle=static']);
  const writes = writesIn(emulator.requestLog());
  const touched = new Set(writes.map(deploymentIdOf));
  const after = deploymentsByContract(emulator.state());
  const second = after.get('subfolder_2');
  expectThat(
    writes.length > 0 && touched.size === 1 && touched.has(created.get('subfolder_2')?.id),
    `expected writes to subfolder_2's deployment only, got: ${writes.map((w) => `${w.method} ${w.path}`).join('; ') || 'no writes'}`,
  );
  expectThat(
    JSON.stringify(after.get('subfolder_1')) === JSON.stringify(created.get('subfolder_1')),
    "subfolder_1's deployment changed, but its contract did not",
  );
  expectThat(
    second?.activeVersion.commit === (await ws.head()),
    `subfolder_2's deployment is not at the new commit (it is at ${second?.activeVersion.commit})`,
  );
  done(
    `nx affected -t deeploy-deploy → updated only subfolder_2 (${writes.length} write${writes.length === 1 ? '' : 's'}: ${writes.map((w) => w.method).join(', ')}); subfolder_1 untouched`,
  );
  if (!verbose) say(taskLines(secondDeploy.output));
}

async function main(): Promise<void> {
  const started = Date.now();
  try {
    requireBuilt('`npm run demo` runs `npm run build` for you');
  } catch (error) {
    say(`✖ ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  say('Deeploy demo: a local Deeploy emulator and a throwaway Nx workspace with two model contracts.\n');
  let ws: TestWorkspace | undefined;
  let emulator: RunningEmulator | undefined;
  const cleanUp = async () => {
    await emulator?.stop();
    ws?.destroy();
  };
  // Ctrl-C still removes the workspace and stops the emulator.
  process.once('SIGINT', () => cleanUp().finally(() => process.exit(130)));
  try {
    ws = await TestWorkspace.createLinked({ label: 'deeploy-demo' });
    emulator = await startEmulatorFor(ws);
    await story(ws, emulator);
    say(`\nDone in ${Math.round((Date.now() - started) / 1000)} s: only the changed contract was redeployed. Workspace and emulator removed.`);
  } catch (error) {
    process.exitCode = 1;
    if (error instanceof CommandFailed) {
      // The message holds the command's whole output: its last 30 lines are enough here.
      const [headline, ...output] = error.message.trimEnd().split('\n');
      say(`\n✖ ${headline.replace(/:$/, '')}`);
      say(output.slice(-30).join('\n'));
    } else if (error instanceof UnexpectedOutcome) say(`\n✖ ${error.message}`);
    else say(`\n✖ ${(error as Error).stack ?? String(error)}`);
  } finally {
    await cleanUp();
  }
}

void main();
