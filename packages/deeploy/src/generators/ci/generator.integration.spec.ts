import { execFileSync } from 'node:child_process';
import { logger, updateJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parse } from 'yaml';
import { createTempRepo, type TempRepo } from '../../git/testing/temp-repo';
import { ciGenerator, PIPELINE_FILES } from './generator';

// The generated files, read back as a CI service would: parsed YAML, not text matching.
interface GithubStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface GithubJob {
  if?: string;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  env?: Record<string, string>;
  steps: GithubStep[];
}
interface GithubWorkflow {
  on: { push: { branches: string[] }; pull_request: unknown };
  permissions: Record<string, string>;
  jobs: { validate: GithubJob; deploy: GithubJob };
}
interface GitlabJob {
  stage?: string;
  extends?: string;
  rules?: { if: string }[];
  resource_group?: string;
  before_script?: string[];
  script?: string[];
  after_script?: string[];
  artifacts?: { when: string; paths: string[] };
}

const SECRETS = ['DEEPLOY_ACCESS_KEY', 'DEEPLOY_SECRET_KEY'];

async function generate(tree: Tree, options: Record<string, unknown>) {
  const callback = await ciGenerator(tree, options);
  callback();
}

function githubWorkflow(tree: Tree): GithubWorkflow {
  return parse(tree.read(PIPELINE_FILES.github, 'utf-8')!) as GithubWorkflow;
}

function gitlabPipeline(tree: Tree): Record<string, GitlabJob> & { variables: Record<string, string>; workflow: { rules: { if: string }[] } } {
  return parse(tree.read(PIPELINE_FILES.gitlab, 'utf-8')!);
}

const runSteps = (job: GithubJob) => job.steps.filter((step) => step.run !== undefined);
const indexOfRun = (job: GithubJob, fragment: string) => job.steps.findIndex((step) => step.run?.includes(fragment));

describe('deeploy:ci --provider=github', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('writes .github/workflows/deeploy.yml that runs on pushes to main and on pull requests', async () => {
    await generate(tree, { provider: 'github' });
    const workflow = githubWorkflow(tree);
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on).toHaveProperty('pull_request');
    // nx-set-shas reads the workflow's previous runs.
    expect(workflow.permissions).toEqual({ contents: 'read', actions: 'read' });
  });

  it.each(['validate', 'deploy'] as const)(
    'the %s job checks out the full history, installs with npm ci (no scripts) and sets NX_BASE/NX_HEAD with nx-set-shas',
    async (jobName) => {
      await generate(tree, { provider: 'github' });
      const job = githubWorkflow(tree).jobs[jobName];
      const checkout = job.steps.find((step) => step.uses?.startsWith('actions/checkout@'));
      expect(checkout?.with).toEqual({ 'fetch-depth': 0, 'persist-credentials': false });
      const install = job.steps.findIndex((step) => step.run === 'npm ci --ignore-scripts');
      const setShas = job.steps.findIndex((step) => step.uses?.startsWith('nrwl/nx-set-shas@'));
      expect(install).toBeGreaterThan(-1);
      expect(job.steps[setShas].with).toEqual({ 'main-branch-name': 'main' });
      // Every nx command comes after the shas are set.
      const firstNx = job.steps.findIndex((step) => step.run?.includes('nx affected') || step.run?.includes('deeploy-ci guard'));
      expect(setShas).toBeLessThan(firstNx);
    },
  );

  it('validates the affected contracts on pull requests only, without secrets', async () => {
    await generate(tree, { provider: 'github' });
    const { validate } = githubWorkflow(tree).jobs;
    expect(validate.if).toBe("github.event_name == 'pull_request'");
    expect(runSteps(validate).map((step) => step.run)).toContain(
      'npx --no nx affected -t deeploy-validate --base="$NX_BASE" --head="$NX_HEAD" --outputStyle=static',
    );
    expect(JSON.stringify(validate)).not.toMatch(/secrets\./);
  });

  it('deploys on pushes to main: the guard, then nx affected and the orphans list with the secrets, then the summary even on failure', async () => {
    await generate(tree, { provider: 'github' });
    const { deploy } = githubWorkflow(tree).jobs;
    expect(deploy.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");

    const guard = indexOfRun(deploy, 'deeploy-ci guard');
    const run = indexOfRun(deploy, 'nx affected -t deeploy-deploy');
    const summary = indexOfRun(deploy, 'deeploy-ci summary');
    expect(guard).toBeGreaterThan(-1);
    expect(guard).toBeLessThan(run);
    expect(run).toBeLessThan(summary);

    expect(deploy.steps[guard].run).toBe('npx --no deeploy-ci guard --base="$NX_BASE" --head="$NX_HEAD" --target=deeploy-deploy');
    expect(deploy.steps[guard].env).toEqual({ DEEPLOY_ALLOW_ALL: '${{ vars.DEEPLOY_ALLOW_ALL }}' });
    expect(deploy.steps[run].run).toBe(
      'npx --no nx affected -t deeploy-deploy --parallel=3 --outputStyle=static --base="$NX_BASE" --head="$NX_HEAD"\nnpx --no deeploy-ci orphans --out "$GITHUB_STEP_SUMMARY"\n',
    );
    expect(deploy.steps[summary]).toMatchObject({ if: 'always()', run: 'npx --no deeploy-ci summary --out "$GITHUB_STEP_SUMMARY"' });
  });

  it('hands the Deeploy keys from the secret store to the deploy step only', async () => {
    await generate(tree, { provider: 'github' });
    const { deploy } = githubWorkflow(tree).jobs;
    const run = deploy.steps[indexOfRun(deploy, 'nx affected -t deeploy-deploy')];
    for (const secret of SECRETS) expect(run.env?.[secret]).toBe(`\${{ secrets.${secret} }}`);
    for (const variable of ['DEEPLOY_HOST', 'DEEPLOY_WORKSPACE_ID', 'DEEPLOY_API_URL', 'DEEPLOY_TEAM_ID', 'DEEPLOY_ORGANIZATION_ID']) {
      expect(run.env?.[variable]).toBe(`\${{ vars.${variable} }}`);
    }
    // The summary step writes the one table; the tasks must not add their own.
    expect(run.env?.DEEPLOY_STEP_SUMMARY).toBe('false');
    const elsewhere = deploy.steps.filter((step) => step !== run);
    expect(JSON.stringify({ elsewhere, jobEnv: deploy.env ?? null })).not.toMatch(/secrets\./);
  });

  it('runs one deploy at a time per branch without cancelling a running one', async () => {
    await generate(tree, { provider: 'github' });
    expect(githubWorkflow(tree).jobs.deploy.concurrency).toEqual({ group: 'deeploy-${{ github.ref }}', 'cancel-in-progress': false });
  });

  it('uses --parallel, --mainBranch and --nodeVersion', async () => {
    await generate(tree, { provider: 'github', parallel: 5, mainBranch: 'trunk', nodeVersion: '22.10' });
    const workflow = githubWorkflow(tree);
    expect(workflow.on.push.branches).toEqual(['trunk']);
    expect(workflow.jobs.deploy.if).toContain("'refs/heads/trunk'");
    expect(workflow.jobs.deploy.steps.find((step) => step.uses?.startsWith('nrwl/nx-set-shas@'))?.with).toEqual({ 'main-branch-name': 'trunk' });
    expect(workflow.jobs.deploy.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with).toEqual({ 'node-version': '22.10', cache: 'npm' });
    expect(workflow.jobs.deploy.steps[indexOfRun(workflow.jobs.deploy, 'nx affected -t deeploy-deploy')].run).toContain(' --parallel=5 ');
  });

  it('refuses to replace an existing workflow without --overwrite, and writes nothing', async () => {
    tree.write(PIPELINE_FILES.github, 'name: mine\n');
    await expect(ciGenerator(tree, { provider: 'github' })).rejects.toThrow(
      'deeploy:ci: .github/workflows/deeploy.yml already exists; re-run with --overwrite to replace it',
    );
    expect(tree.read(PIPELINE_FILES.github, 'utf-8')).toBe('name: mine\n');
    expect(tree.exists(PIPELINE_FILES.gitlab)).toBe(false);
  });

  it('replaces it with --overwrite', async () => {
    tree.write(PIPELINE_FILES.github, 'name: mine\n');
    await generate(tree, { provider: 'github', overwrite: true });
    expect(githubWorkflow(tree).jobs.deploy).toBeDefined();
  });

  it('writes nothing for a bad option', async () => {
    const before = tree.listChanges().length;
    await expect(ciGenerator(tree, { provider: 'github', parallel: 0 })).rejects.toThrow('option --parallel (got 0)');
    expect(tree.listChanges()).toHaveLength(before);
  });

  it('says which secrets to set, and warns when lockfile changes would affect every contract', async () => {
    await generate(tree, { provider: 'github' });
    expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('add DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY as repository secrets'));
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('projectsAffectedByDependencyUpdates'));
  });

  it('warns also when projectsAffectedByDependencyUpdates is "all"', async () => {
    updateJson(tree, 'nx.json', (nxJson) => ({ ...nxJson, plugins: ['deeploy'], pluginsConfig: { '@nx/js': { projectsAffectedByDependencyUpdates: 'all' } } }));
    await generate(tree, { provider: 'github' });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('run `nx g deeploy:init --setProjectsAffectedByDependencyUpdates`'));
  });

  it('does not warn once nx.json registers the plugin and sets projectsAffectedByDependencyUpdates', async () => {
    updateJson(tree, 'nx.json', (nxJson) => ({
      ...nxJson,
      plugins: ['deeploy'],
      pluginsConfig: { '@nx/js': { projectsAffectedByDependencyUpdates: 'auto' } },
    }));
    tree.write('package-lock.json', '{}');
    tree.write('.gitignore', 'node_modules\n\n# deeploy task reports\n.deeploy/\n');
    await generate(tree, { provider: 'github' });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it.each([
    ['no .gitignore', undefined, undefined],
    ['a .gitignore without the folder', 'node_modules\n# .deeploy/\n', undefined],
    ['a .gitignore that ignores another folder than reportDir', '.deeploy/\n', 'out/deeploy'],
  ])('warns when the report folder is not git-ignored (%s), so reports are never committed', async (_, gitignore, reportDir) => {
    if (gitignore !== undefined) tree.write('.gitignore', gitignore);
    if (reportDir) updateJson(tree, 'nx.json', (nxJson) => ({ ...nxJson, plugins: [{ plugin: 'deeploy', options: { reportDir } }] }));
    await generate(tree, { provider: 'github' });
    const folder = reportDir ?? '.deeploy/reports';
    expect(logger.warn).toHaveBeenCalledWith(
      `deeploy:ci: .gitignore does not ignore the report folder ${folder}; add "${folder}/" to it so that reports are never committed (\`nx g deeploy:init\` adds .deeploy/).`,
    );
  });

  it.each(['.deeploy', '/.deeploy/', '.deeploy/reports/', '**/.deeploy/'])('takes the report folder as git-ignored with the line %s', async (line) => {
    tree.write('.gitignore', `node_modules\n${line}\n`);
    await generate(tree, { provider: 'github' });
    expect(logger.warn).not.toHaveBeenCalledWith(expect.stringContaining('report folder'));
  });

  it('warns when nx.json does not register the deeploy plugin', async () => {
    await generate(tree, { provider: 'github' });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('nx.json does not register the deeploy plugin yet'));
  });

  it("runs the target names and report folder set in nx.json's deeploy plugin options", async () => {
    updateJson(tree, 'nx.json', (nxJson) => ({
      ...nxJson,
      plugins: [{ plugin: 'deeploy', options: { validateTargetName: 'check-model', deployTargetName: 'ship-model', reportDir: 'out/deeploy' } }],
    }));
    await generate(tree, { provider: 'github' });
    const { validate, deploy } = githubWorkflow(tree).jobs;
    expect(runSteps(validate).map((step) => step.run)).toContain(
      'npx --no nx affected -t check-model --base="$NX_BASE" --head="$NX_HEAD" --outputStyle=static',
    );
    expect(deploy.steps[indexOfRun(deploy, 'deeploy-ci guard')].run).toContain('--target=ship-model');
    expect(deploy.steps[indexOfRun(deploy, 'nx affected')].run).toContain('npx --no nx affected -t ship-model ');
    expect(deploy.steps[indexOfRun(deploy, 'deeploy-ci summary')].run).toBe('npx --no deeploy-ci summary --reports=out/deeploy --out "$GITHUB_STEP_SUMMARY"');
  });

  it('refuses a target name from nx.json that cannot be written into a pipeline, and writes nothing', async () => {
    updateJson(tree, 'nx.json', (nxJson) => ({ ...nxJson, plugins: [{ plugin: 'deeploy', options: { deployTargetName: 'deploy$(id)' } }] }));
    await expect(ciGenerator(tree, { provider: 'github' })).rejects.toThrow(
      'deeploy:ci: nx.json\'s deeploy plugin option deployTargetName "deploy$(id)" cannot be written into a pipeline; use letters, digits, ".", "_" and "-" only.',
    );
    expect(tree.exists(PIPELINE_FILES.github)).toBe(false);
  });

  it('warns when the workspace installs with another package manager than npm', async () => {
    tree.write('pnpm-lock.yaml', 'lockfileVersion: 9\n');
    await generate(tree, { provider: 'github' });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('this workspace has pnpm-lock.yaml'));
  });
});

describe('deeploy:ci --provider=gitlab', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('writes .gitlab-ci.yml with full history and pipelines for merge requests and main', async () => {
    await generate(tree, { provider: 'gitlab' });
    const pipeline = gitlabPipeline(tree);
    expect(pipeline.variables.GIT_DEPTH).toBe('0');
    expect(pipeline.workflow.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }, { if: '$CI_COMMIT_BRANCH == "main"' }]);
    expect(pipeline.default).toEqual({ image: 'node:20' });
  });

  it('sets NX_BASE/NX_HEAD and installs with npm ci, running no dependency script and keeping the keys out of npm', async () => {
    await generate(tree, { provider: 'gitlab' });
    const setup = gitlabPipeline(tree)['.deeploy-nx'];
    expect(setup.before_script?.[0]).toContain('CI_MERGE_REQUEST_DIFF_BASE_SHA');
    expect(setup.before_script?.[0]).toContain('export NX_BASE NX_HEAD');
    expect(setup.before_script?.[1]).toBe(
      'env -u DEEPLOY_ACCESS_KEY -u DEEPLOY_SECRET_KEY -u DEEPLOY_TOKEN npm ci --ignore-scripts --cache .npm --prefer-offline',
    );
  });

  it('validates the affected contracts in merge requests', async () => {
    await generate(tree, { provider: 'gitlab' });
    const job = gitlabPipeline(tree)['deeploy-validate'];
    expect(job).toMatchObject({ stage: 'validate', extends: '.deeploy-nx', rules: [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }] });
    expect(job.script).toEqual(['npx --no nx affected -t deeploy-validate --base="$NX_BASE" --head="$NX_HEAD" --outputStyle=static']);
  });

  it('deploys on main one pipeline at a time: the guard, nx affected, the orphans list; the summary printed and kept as artifacts', async () => {
    await generate(tree, { provider: 'gitlab', parallel: 2 });
    const job = gitlabPipeline(tree)['deeploy-deploy'];
    expect(job).toMatchObject({ stage: 'deploy', extends: '.deeploy-nx', rules: [{ if: '$CI_COMMIT_BRANCH == "main"' }] });
    expect(job.resource_group).toBe('deeploy-$CI_COMMIT_REF_SLUG');
    expect(job.script).toEqual([
      'npx --no deeploy-ci guard --base="$NX_BASE" --head="$NX_HEAD" --target=deeploy-deploy',
      'npx --no nx affected -t deeploy-deploy --parallel=2 --outputStyle=static --base="$NX_BASE" --head="$NX_HEAD"',
      'npx --no deeploy-ci orphans --out deeploy-summary.md',
    ]);
    expect(job.after_script).toEqual(['npx --no deeploy-ci summary --out deeploy-summary.md --print']);
    expect(job.artifacts).toMatchObject({ when: 'always', paths: ['.deeploy/reports/', 'deeploy-summary.md'] });
  });

  it('documents the masked CI/CD variables to set, and holds no secret value itself', async () => {
    await generate(tree, { provider: 'gitlab' });
    const text = tree.read(PIPELINE_FILES.gitlab, 'utf-8')!;
    const comments = text
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .join('\n');
    expect(comments).toMatch(/DEEPLOY_ACCESS_KEY, DEEPLOY_SECRET_KEY\s+a Deeploy personal key pair: Masked and Protected/);
    expect(comments).toContain('DEEPLOY_ALLOW_ALL=true');
    // GitLab passes CI/CD variables to jobs itself: the YAML must not define them.
    expect(JSON.stringify(gitlabPipeline(tree))).not.toMatch(/DEEPLOY_ACCESS_KEY"?:|DEEPLOY_SECRET_KEY"?:/);
  });

  it('keeps the report folder set in nx.json as an artifact', async () => {
    updateJson(tree, 'nx.json', (nxJson) => ({ ...nxJson, plugins: [{ plugin: 'deeploy', options: { reportDir: 'out/deeploy/' } }] }));
    await generate(tree, { provider: 'gitlab' });
    const job = gitlabPipeline(tree)['deeploy-deploy'];
    expect(job.artifacts?.paths).toEqual(['out/deeploy/', 'deeploy-summary.md']);
    expect(job.after_script).toEqual(['npx --no deeploy-ci summary --reports=out/deeploy --out deeploy-summary.md --print']);
  });

  it('uses --mainBranch and --nodeVersion', async () => {
    await generate(tree, { provider: 'gitlab', mainBranch: 'release/prod', nodeVersion: '22.11.0' });
    const pipeline = gitlabPipeline(tree);
    expect(pipeline['deeploy-deploy'].rules).toEqual([{ if: '$CI_COMMIT_BRANCH == "release/prod"' }]);
    expect(pipeline.default).toEqual({ image: 'node:22.11.0' });
  });

  it('refuses to replace an existing .gitlab-ci.yml without --overwrite, and replaces it with', async () => {
    tree.write('.gitlab-ci.yml', 'test:\n  script: [make]\n');
    await expect(ciGenerator(tree, { provider: 'gitlab' })).rejects.toThrow('deeploy:ci: .gitlab-ci.yml already exists; re-run with --overwrite');
    expect(tree.read('.gitlab-ci.yml', 'utf-8')).toBe('test:\n  script: [make]\n');
    await generate(tree, { provider: 'gitlab', overwrite: true });
    expect(gitlabPipeline(tree)['deeploy-deploy']).toBeDefined();
  });

  it('says which masked variables to set', async () => {
    await generate(tree, { provider: 'gitlab' });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY as masked, protected CI/CD variables with Environment scope "deeploy"'),
    );
  });
});

describe('the GitLab base commit script, run by bash in a real repository', () => {
  let repo: TempRepo;
  let script: string;
  let first: string;
  let second: string;
  let third: string;

  beforeAll(async () => {
    const tree = createTreeWithEmptyWorkspace();
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    await ciGenerator(tree, { provider: 'gitlab' });
    jest.restoreAllMocks();
    script = gitlabPipeline(tree)['.deeploy-nx'].before_script![0];
    repo = createTempRepo('deeploy-ci-shas-');
    first = repo.commit('one');
    second = repo.commit('two');
    third = repo.commit('three');
  });
  afterAll(() => repo.remove());

  function shas(env: Record<string, string>): { base: string; head: string } {
    const output = execFileSync('bash', ['-eo', 'pipefail', '-c', `${script}\necho "RESULT $NX_BASE $NX_HEAD"`], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      encoding: 'utf8',
    });
    const [, base, head] = output.trim().split('\n').pop()!.split(' ');
    return { base, head };
  }

  it('takes the merge request diff base in merge request pipelines', () => {
    expect(shas({ CI_MERGE_REQUEST_DIFF_BASE_SHA: first, CI_COMMIT_BEFORE_SHA: second, CI_COMMIT_SHA: third })).toEqual({ base: first, head: third });
  });

  it('takes the commit before the push on a branch pipeline', () => {
    expect(shas({ CI_COMMIT_BEFORE_SHA: first, CI_COMMIT_SHA: third })).toEqual({ base: first, head: third });
  });

  it('falls back to HEAD~1 for a new branch (all-zeros before sha)', () => {
    expect(shas({ CI_COMMIT_BEFORE_SHA: '0'.repeat(40), CI_COMMIT_SHA: third })).toEqual({ base: second, head: third });
  });

  it('falls back to HEAD~1 when the before sha is not in the history (a force push)', () => {
    expect(shas({ CI_COMMIT_BEFORE_SHA: 'f'.repeat(40), CI_COMMIT_SHA: third })).toEqual({ base: second, head: third });
  });

  it('falls back to HEAD~1 and HEAD without any CI variable', () => {
    expect(shas({})).toEqual({ base: second, head: third });
  });
});
