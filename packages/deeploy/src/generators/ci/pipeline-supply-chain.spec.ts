/**
 * The generated pipelines read back as a CI service would (parsed YAML) and checked for what keeps
 * the Deeploy keys away from code nobody reviewed: actions pinned by full commit SHA, no install
 * that runs dependencies' lifecycle scripts where the keys are present, no GitHub token left in
 * .git/config for later steps.
 */
import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parse } from 'yaml';
import { ciGenerator, PIPELINE_FILES } from './generator';

type Json = Record<string, unknown>;
interface Step extends Json {
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

/** A package manager command that installs dependencies (and so, by default, runs their scripts). */
const INSTALL = /\b(npm\s+(ci|install|i|add|rebuild)|yarn(\s+install)?|pnpm\s+(install|i|add)|bun\s+install)\b/;
const DEEPLOY_SECRET = /DEEPLOY_(ACCESS_KEY|SECRET_KEY|TOKEN)/;

/** The install commands in a script that do not switch lifecycle scripts off. */
function installsWithScripts(script: string): string[] {
  return script
    .split(/\n|&&|;/)
    .map((command) => command.trim())
    .filter((command) => INSTALL.test(command) && !/--ignore-scripts\b/.test(command));
}

async function generated(provider: 'github' | 'gitlab'): Promise<{ text: string; parsed: Json }> {
  const tree: Tree = createTreeWithEmptyWorkspace();
  jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  await ciGenerator(tree, { provider });
  jest.restoreAllMocks();
  const text = tree.read(PIPELINE_FILES[provider], 'utf-8')!;
  return { text, parsed: parse(text) as Json };
}

describe('the generated GitHub workflow keeps the keys away from unreviewed code', () => {
  let text: string;
  let jobs: Record<string, { env?: Json; steps: Step[] }>;
  beforeAll(async () => {
    const workflow = await generated('github');
    text = workflow.text;
    jobs = workflow.parsed.jobs as typeof jobs;
  });

  it('pins every action by a full 40-hex commit SHA, with the version it is as a comment', () => {
    const uses = Object.values(jobs).flatMap((job) => job.steps.flatMap((step) => (step.uses ? [step.uses] : [])));
    expect(uses.length).toBeGreaterThanOrEqual(6);
    for (const action of uses) expect(action).toMatch(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/);
    const lines = text.split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
    expect(lines).toHaveLength(uses.length);
    for (const line of lines) expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('leaves no GitHub token in .git/config: persist-credentials is false on every checkout', () => {
    const checkouts = Object.values(jobs).flatMap((job) => job.steps.filter((step) => step.uses?.startsWith('actions/checkout@')));
    expect(checkouts).toHaveLength(Object.keys(jobs).length);
    for (const checkout of checkouts) expect(checkout.with?.['persist-credentials']).toBe(false);
  });

  it('runs no install with lifecycle scripts in a job that holds the Deeploy keys', () => {
    const keyed = Object.entries(jobs).filter(([, job]) => DEEPLOY_SECRET.test(JSON.stringify(job)));
    expect(keyed.map(([name]) => name)).toEqual(['deploy']);
    for (const [, job] of keyed) {
      const installs = job.steps.filter((step) => step.run && INSTALL.test(step.run));
      expect(installs.length).toBeGreaterThan(0);
      for (const step of installs) expect(installsWithScripts(step.run!)).toEqual([]);
      // The keys are in the environment of the step that deploys, never of the job or an install.
      expect(DEEPLOY_SECRET.test(JSON.stringify(job.env ?? {}))).toBe(false);
      for (const step of installs) expect(DEEPLOY_SECRET.test(JSON.stringify(step.env ?? {}))).toBe(false);
    }
  });

  it('never lets npx fetch a package that is not installed', () => {
    const commands = Object.values(jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? step.run.split('\n') : [])));
    const npx = commands.filter((command) => /\bnpx\b/.test(command));
    expect(npx.length).toBeGreaterThan(0);
    for (const command of npx) expect(command).toMatch(/\bnpx --no /);
  });
});

describe('the generated GitLab pipeline keeps the keys away from unreviewed code', () => {
  let pipeline: Json;
  beforeAll(async () => {
    pipeline = (await generated('gitlab')).parsed;
  });

  /** A job's scripts with its `extends` template and `default:` applied, as GitLab runs them. */
  function scriptsOf(name: string): string[] {
    const job = pipeline[name] as Json;
    const template = typeof job.extends === 'string' ? (pipeline[job.extends] as Json) : {};
    const defaults = (pipeline.default ?? {}) as Json;
    const pick = (key: string) => (job[key] ?? template[key] ?? defaults[key] ?? []) as string[];
    return [...pick('before_script'), ...pick('script'), ...pick('after_script')];
  }

  const jobNames = () => Object.keys(pipeline).filter((key) => !key.startsWith('.') && typeof pipeline[key] === 'object' && (pipeline[key] as Json).stage);

  it('installs with --ignore-scripts in every job: GitLab hands CI/CD variables to any job its scope allows', () => {
    expect(jobNames()).toEqual(['deeploy-validate', 'deeploy-deploy']);
    for (const name of jobNames()) {
      const installs = scriptsOf(name).filter((script) => INSTALL.test(script));
      expect(installs.length).toBeGreaterThan(0);
      for (const script of installs) expect(installsWithScripts(script)).toEqual([]);
    }
  });

  it('runs the deploy in its own environment, so the keys can be scoped to that job alone', () => {
    expect((pipeline['deeploy-deploy'] as Json).environment).toMatchObject({ name: 'deeploy' });
    expect((pipeline['deeploy-validate'] as Json).environment).toBeUndefined();
  });

  it('never lets npx fetch a package that is not installed', () => {
    const npx = jobNames()
      .flatMap(scriptsOf)
      .flatMap((script) => script.split('\n'))
      .filter((command) => /\bnpx\b/.test(command));
    expect(npx.length).toBeGreaterThan(0);
    for (const command of npx) expect(command).toMatch(/\bnpx --no /);
  });
});
