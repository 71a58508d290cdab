/**
 * The bad-input corpus: contract files, executor options, environment values, git states and
 * generator flags that must be refused. Each case runs against a fresh copy of one workspace
 * (corpus/workspace.ts) and a fresh emulator, and counts as "refused cleanly" only when:
 *   - the task fails (the executor returns { success: false }; the generator throws),
 *   - with ONE line, no stack trace, that names the file or option and the rule (the case's
 *     `expect`), and never repeats a secret or password given in the input (`mustNotShow`),
 *   - and nothing was written, committed or sent: no request at all for offline refusals, or
 *     only reads where the server must be asked (`sends: 'reads'`); `git status`, HEAD and the
 *     remote's head unchanged; for generators, no pending change in the Nx tree either.
 * Executors run in-process through the module Nx loads (executors.json), with the process
 * environment set per case; generators through their factory on Nx's own file-system tree.
 */
import fs from 'node:fs';
import type { LoggedRequest, RunningEmulator } from 'deeploy-emulator';
import { FsTree } from 'nx/src/generators/tree';
import contractGenerator from 'nx-deeploy/dist/generators/contract/generator';
import referenceGenerator from 'nx-deeploy/dist/generators/reference/generator';
import ciGenerator from 'nx-deeploy/dist/generators/ci/generator';
import type { Tree } from 'nx-deeploy/dist/nx/devkit';
import { TEST_ACCESS_KEY, TEST_REPOSITORY_ID, TEST_SECRET_KEY, TEST_WORKSPACE_ID, startTestEmulator, tempDir, testSeed, writesIn } from '../../support';
import { runExecutor, capturingConsole } from '../shared/in-process';
import { hasStackTrace } from '../shared/lines';
import type { SuiteOptions, SuiteResult } from '../suite';
import type { BadInputCase, CaseEnv, CorpusWorkspace } from './case';
import { createCorpusWorkspace, gitSnapshot, CONTRACT } from './workspace';
import { CASES } from './cases';
// The plugin specs' list (a test helper, not in dist: loaded from source).
import { TASK_ENV_KEYS } from '../../../packages/deeploy/src/executors/testing/task-env';

/** What one case did: refused or not, the lines shown, what threw (executors) and the Nx tree's pending changes (generators). */
interface CaseRun {
  refused: boolean;
  lines: string[];
  thrown?: unknown;
  treeChanges?: string[];
}

// Typed by each generator's schema, but every generator checks what it is given: the corpus passes what users could type.
type LooseGenerator = (tree: Tree, options: Record<string, unknown>) => Promise<unknown>;
/** The generators Nx loads (`generators.json`), by name. */
const GENERATORS: Record<string, LooseGenerator> = {
  contract: contractGenerator as LooseGenerator,
  reference: referenceGenerator as LooseGenerator,
  ci: ciGenerator as LooseGenerator,
};

const BASE_ENV: CaseEnv = { DEEPLOY_ACCESS_KEY: TEST_ACCESS_KEY, DEEPLOY_SECRET_KEY: TEST_SECRET_KEY };

/** Every variable a task reads is cleared before each case, so the caller's shell cannot leak in. */
function caseEnv(overrides: CaseEnv = {}): CaseEnv {
  const env: CaseEnv = Object.fromEntries(TASK_ENV_KEYS.map((key) => [key, undefined]));
  Object.assign(env, BASE_ENV, overrides);
  return env;
}

/** Applies `env` to process.env for the duration of `work` (undefined values unset). */
async function withProcessEnv<T>(env: CaseEnv, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    return await work();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

async function runExecutorCase(c: BadInputCase, ws: CorpusWorkspace, emulator: RunningEmulator): Promise<CaseRun> {
  const projectRoot = c.projectRoot ? c.projectRoot(ws) : CONTRACT;
  const pluginOptions = c.pluginOptions
    ? c.pluginOptions({ url: emulator.url, workspaceId: TEST_WORKSPACE_ID })
    : { apiUrl: emulator.url, workspaceId: TEST_WORKSPACE_ID };
  const env = caseEnv(typeof c.env === 'function' ? c.env({ url: emulator.url }) : c.env);
  const result = await withProcessEnv(env, () =>
    runExecutor({ root: ws.dir, projectRoot, project: c.project ?? CONTRACT, kind: c.kind ?? 'deploy', flags: c.flags ?? {}, pluginOptions }),
  );
  return { refused: !result.success && !result.error, lines: result.lines, thrown: result.error };
}

async function runGeneratorCase(c: BadInputCase, ws: CorpusWorkspace): Promise<CaseRun> {
  const generator = GENERATORS[c.generator ?? ''];
  if (!generator) throw new Error(`bad-input case "${c.name}" names the generator "${c.generator}"; the generators are ${Object.keys(GENERATORS).join(', ')}`);
  const tree = new FsTree(ws.dir, false);
  const { error, lines } = await capturingConsole(() => generator(tree, c.options ?? {}));
  const changes = tree.listChanges().map((change) => change.path);
  const message = error instanceof Error ? error.message : undefined;
  return { refused: message !== undefined, lines: message !== undefined ? [...lines, ...message.split('\n')] : lines, treeChanges: changes, thrown: undefined };
}

/** Why a case was not refused cleanly, or undefined. */
function verdictOf(c: BadInputCase, run: CaseRun): string | undefined {
  const shown = run.lines.filter((line) => line.trim() !== '');
  if (run.thrown) return `the executor threw instead of failing: ${run.thrown instanceof Error ? run.thrown.message : String(run.thrown)}`;
  if (!run.refused) return `was not refused (${shown.join(' | ') || 'no output'})`;
  if (hasStackTrace(shown)) return 'printed a stack trace';
  if (shown.length !== 1) return `printed ${shown.length} lines: ${shown.join(' | ')}`;
  if (!c.expect.test(shown[0])) return `unclear line (expected ${c.expect}): ${shown[0]}`;
  const leaked = (c.mustNotShow ?? []).find((secret) => shown[0].includes(secret));
  if (leaked) return `repeated "${leaked}" from the input: ${shown[0]}`;
  return undefined;
}

type GitSnapshot = ReturnType<typeof gitSnapshot>;

/** What a case changed: requests beyond what it may send, git changes, pending changes in the Nx tree. */
function changesMade({
  sent,
  allowed,
  before,
  after,
  treeChanges,
}: {
  sent: readonly LoggedRequest[];
  allowed: 'nothing' | 'reads';
  before: GitSnapshot;
  after: GitSnapshot;
  treeChanges?: string[];
}): string[] {
  const found: string[] = [];
  if (allowed === 'nothing' && sent.length > 0) found.push(`sent ${sent.map((e) => `${e.method} ${e.path}`).join(', ')}`);
  const writes = writesIn(sent);
  if (writes.length > 0) found.push(`sent writes: ${writes.map((e) => `${e.method} ${e.path}`).join(', ')}`);
  if (before.status !== after.status) found.push(`changed the working tree (git status: ${after.status.replace(/\n/g, '; ') || 'clean'})`);
  if (before.head !== after.head) found.push('committed');
  if (before.origin !== after.origin) found.push('pushed');
  if (treeChanges && treeChanges.length > 0) found.push(`left changes in the Nx tree: ${treeChanges.join(', ')}`);
  return found;
}

/**
 * Good inputs through the same checks first: a deploy and a generator run must be seen as not
 * refused and as writing (a create sent; files in the Nx tree). Otherwise the corpus could not
 * tell a refusal from a run that did nothing, and its figure would mean nothing.
 */
async function checkControls(workspace: { restore(): CorpusWorkspace }): Promise<void> {
  const controls: BadInputCase[] = [
    { area: 'control', name: 'control: a valid deploy', expect: /^$/ },
    {
      area: 'control',
      name: 'control: a valid contract',
      generator: 'contract',
      options: { path: 'models/new', modelType: 'SKLEARN', blobUrl: 's3://acme-models/new/v1' },
      expect: /^$/,
    },
  ];
  for (const c of controls) {
    const ws = workspace.restore();
    const emulator = await startTestEmulator(testSeed({ remotePath: ws.origin }));
    const before = gitSnapshot(ws);
    let run: CaseRun;
    try {
      run = c.generator ? await runGeneratorCase(c, ws) : await runExecutorCase(c, ws, emulator);
    } finally {
      await emulator.stop();
    }
    const writes = changesMade({ sent: emulator.requestLog(), allowed: 'nothing', before, after: gitSnapshot(ws), treeChanges: run.treeChanges });
    if (run.refused || writes.length === 0)
      throw new Error(`the bad-input corpus cannot see what a run does: ${c.name} was ${run.refused ? 'refused' : 'seen writing nothing'}`);
  }
}

export async function runBadInputCorpus({ log, verbose }: SuiteOptions): Promise<SuiteResult> {
  const base = tempDir('deeploy-corpus-');
  const workspace = createCorpusWorkspace(base);
  const cases = CASES;
  const problems: string[] = [];
  const byArea: Record<string, { tried: number; clean: number }> = {};
  let refusedCleanly = 0;
  let casesWithWrites = 0;
  try {
    await checkControls(workspace);
    for (const c of cases) {
      const ws = workspace.restore();
      c.setup?.(ws);
      const emulator = await startTestEmulator(
        testSeed({ remotePath: ws.origin, repositories: c.repositories?.({ origin: ws.origin, repositoryId: TEST_REPOSITORY_ID }) }),
      );
      const before = gitSnapshot(ws);
      let run: CaseRun;
      try {
        run = c.generator ? await runGeneratorCase(c, ws) : await runExecutorCase(c, ws, emulator);
      } finally {
        await emulator.stop();
      }
      const sent = emulator.requestLog();
      const after = gitSnapshot(ws);
      const why = verdictOf(c, run);
      const writes = changesMade({ sent, allowed: c.sends ?? 'nothing', before, after, treeChanges: run.treeChanges });
      const area = (byArea[c.area] ??= { tried: 0, clean: 0 });
      area.tried++;
      if (!why) {
        refusedCleanly++;
        area.clean++;
      } else problems.push(`bad input "${c.name}" (${c.area}): ${why}`);
      if (writes.length > 0) {
        casesWithWrites++;
        problems.push(`bad input "${c.name}" (${c.area}): ${writes.join('; ')}`);
      }
      if (verbose)
        log(
          `  [${c.area}] ${c.name}: ${why ?? 'refused'}${writes.length ? ` — ${writes.join('; ')}` : ''}\n      ${run.lines.filter((l) => l.trim()).join('\n      ')}`,
        );
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  const breakdown = Object.entries(byArea)
    .map(([area, a]) => `${area} ${a.clean}/${a.tried}`)
    .join(', ');
  return {
    figure: `bad inputs: ${cases.length} tried, ${refusedCleanly} refused cleanly, ${casesWithWrites} writes`,
    details: [`bad-input corpus by area (refused cleanly/tried): ${breakdown}`],
    problems,
    ok: problems.length === 0 && refusedCleanly === cases.length && cases.length >= 80,
  };
}
