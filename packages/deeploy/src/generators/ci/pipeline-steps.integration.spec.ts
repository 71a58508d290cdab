/**
 * The generated GitHub workflow's deploy job, run locally: its `run:` steps in order, with bash,
 * in a temp git workspace that loads the BUILT plugin (run `npm run build` first), against the
 * emulator. CI-like: a detached HEAD, the branch in GITHUB_REF_NAME, NX_BASE/NX_HEAD set as
 * nrwl/nx-set-shas sets them, one $GITHUB_STEP_SUMMARY file per step, the keys only from the
 * secret store. `npm ci` is left out: node_modules is already laid out (see pipeline-workspace.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSeed, DEFAULT_WORKSPACE_ID, startEmulator, type RunningEmulator } from 'deeploy-emulator';
import { parse } from 'yaml';
import type { TempRepo } from '../../git/testing/temp-repo';
import { reportFileName } from '../../report/report-schema';
import { jobSummaryOf, runGithubJob, type GithubJob, type StepRun } from './testing/github-job';
import { assertPluginBuilt, createPipelineWorkspace, runIn, writeDockerContract } from './testing/pipeline-workspace';

// Canary keys: the emulator accepts only these, and they must never show in any output.
const SECRETS = { DEEPLOY_ACCESS_KEY: 'ci-canary-access-3b9e', DEEPLOY_SECRET_KEY: 'ci-canary-secret-51d7' };
const CONTRACTS = ['models/churn', 'models/fraud', 'models/pricing'];
const NPM_CI_LEFT_OUT = 'node_modules is laid out already';

describe('the generated GitHub deploy job, run step by step against the emulator', () => {
  let repo: TempRepo;
  let emulator: RunningEmulator;
  let runnerTemp: string;
  let baseline: string;
  let contractsChanged: string;
  let runNumber = 100;

  /** The runner's environment: nothing from the developer's shell but PATH and HOME. */
  function runnerEnv(base: string, head: string): NodeJS.ProcessEnv {
    runNumber += 1;
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_REF_TYPE: 'branch',
      GITHUB_SHA: head,
      GITHUB_REPOSITORY: 'acme/models',
      GITHUB_WORKSPACE: repo.dir,
      GITHUB_RUN_ID: String(runNumber),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'deploy',
      RUNNER_TEMP: runnerTemp,
      // What nrwl/nx-set-shas exports for the later steps.
      NX_BASE: base,
      NX_HEAD: head,
      NX_NO_CLOUD: 'true',
      // Plugins in-process rather than in worker processes: the same results, a second less per nx call.
      NX_ISOLATE_PLUGINS: 'false',
      // Proof that nothing is fetched: npx must find deeploy-ci and nx locally.
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
    };
  }

  function deployJob(): GithubJob {
    return (parse(readFileSync(join(repo.dir, '.github/workflows/deeploy.yml'), 'utf8')) as { jobs: { deploy: GithubJob } }).jobs.deploy;
  }

  async function runDeployJob(base: string, head: string, vars: Record<string, string> = {}): Promise<StepRun[]> {
    return runGithubJob(deployJob(), {
      cwd: repo.dir,
      env: runnerEnv(base, head),
      secrets: SECRETS,
      vars: { DEEPLOY_API_URL: emulator.url, DEEPLOY_WORKSPACE_ID: DEFAULT_WORKSPACE_ID, ...vars },
      runnerTemp,
      emulatedActions: ['actions/checkout', 'actions/setup-node', 'nrwl/nx-set-shas'],
      leaveOut: (step) => (step.run?.trim() === 'npm ci --ignore-scripts' ? NPM_CI_LEFT_OUT : undefined),
    });
  }

  /** [step, outcome] pairs; the transcript is printed only when they differ from the expected ones. */
  function outcomesOf(runs: readonly StepRun[], expected: unknown[]): unknown[] {
    const outcomes = runs.map((run) => [run.name, run.outcome]);
    if (JSON.stringify(outcomes) !== JSON.stringify(expected)) {
      console.log(runs.map((run) => `--- ${run.name}: ${run.outcome}\n${run.output}`).join('\n'));
    }
    return outcomes;
  }

  /** A fresh checkout of the detached commit, as actions/checkout leaves it (reports of earlier runs gone). */
  function checkoutDetached(commit: string) {
    repo.git('checkout', '--quiet', '--detach', commit);
    repo.git('clean', '-ffdxq', '-e', 'node_modules');
  }

  const deployments = () => emulator.state().workspaces.find((ws) => ws.id === DEFAULT_WORKSPACE_ID)!.deployments;
  const tableRows = (markdown: string) => markdown.split('\n').filter((line) => line.startsWith('| **'));

  function expectNoSecretAnywhere(runs: readonly StepRun[]) {
    const reportDir = join(repo.dir, '.deeploy/reports');
    const reports = readdirSync(reportDir).map((name) => readFileSync(join(reportDir, name), 'utf8'));
    const everything = [...runs.map((run) => run.output + run.summary), ...reports].join('\n');
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
  }

  beforeAll(async () => {
    assertPluginBuilt();
    runnerTemp = mkdtempSync(join(tmpdir(), 'deeploy-ci-runner-'));
    repo = createPipelineWorkspace({
      plugins: ['deeploy'],
      pluginsConfig: { '@nx/js': { projectsAffectedByDependencyUpdates: 'auto' } },
    });
    for (const contract of CONTRACTS) writeDockerContract(repo, contract, `docker.io/acme/${contract.split('/')[1]}:1.0.0`);

    // The workflow comes from the built generator, run the way a user runs it.
    const generated = await runIn(repo.dir, 'npx', ['nx', 'g', 'deeploy:ci', '--provider=github', '--no-interactive'], runnerEnv('HEAD', 'HEAD'));
    if (generated.code !== 0) throw new Error(`nx g deeploy:ci failed:\n${generated.output}`);

    baseline = repo.commit('three models and the deeploy pipeline');
    repo.push();
    writeDockerContract(repo, 'models/churn', 'docker.io/acme/churn:1.1.0');
    writeDockerContract(repo, 'models/fraud', 'docker.io/acme/fraud:2.0.0');
    contractsChanged = repo.commit('new churn and fraud images');
    repo.push();
    checkoutDetached(contractsChanged);

    // Written against the emulator's first guesses (the 'classic' dialect); the other dialects are covered by dialects.integration.spec.ts and deployed-state.integration.spec.ts.
    emulator = await startEmulator({
      dialect: 'classic',
      seed: { ...defaultSeed(repo.origin), credentials: { accessKey: SECRETS.DEEPLOY_ACCESS_KEY, secretKey: SECRETS.DEEPLOY_SECRET_KEY } },
      readyDelayMs: 0,
    });
  }, 90_000);

  afterAll(async () => {
    await emulator?.stop();
    repo?.remove();
    if (runnerTemp) rmSync(runnerTemp, { recursive: true, force: true });
  });

  it('deploys only the changed contracts, and the job summary holds one table with each of them', async () => {
    const runs = await runDeployJob(baseline, contractsChanged);
    const expected = [
      ['Install dependencies, running none of their scripts', `left out: ${NPM_CI_LEFT_OUT}`],
      ['Stop when every contract is affected', 0],
      ['Deploy affected contracts', 0],
      ['Write the run summary', 0],
    ];
    expect(outcomesOf(runs, expected)).toEqual(expected);
    expect(runs[1].output).toContain('deeploy-ci guard: 2 of 3 projects with deeploy-deploy affected');

    // Deeploy saw two deployments, of the changed folders, at the pushed commit of main.
    expect(
      deployments()
        .map((d) => d.activeVersion.contractPath)
        .sort(),
    ).toEqual(['models/churn', 'models/fraud']);
    for (const deployment of deployments()) {
      expect(deployment.activeVersion).toMatchObject({ branchName: 'main', commit: contractsChanged });
    }

    const summary = jobSummaryOf(runs);
    expect(summary.match(/^\| Project \|/gm)).toHaveLength(1);
    const rows = tableRows(summary);
    expect(rows).toEqual([expect.stringMatching(/^\| \*\*models\/churn\*\* \| create \|/), expect.stringMatching(/^\| \*\*models\/fraud\*\* \| create \|/)]);
    expect(summary).not.toContain('models/pricing');
    expect(runs[2].output).toContain('deeploy-ci orphans: no orphaned deployments (2 deployments of repository');
    expect(summary).toContain('No orphaned deployments');
    expectNoSecretAnywhere(runs);
  }, 90_000);

  describe('after a change that affects every contract (nx.json)', () => {
    let nxJsonChanged: string;

    beforeAll(() => {
      repo.git('checkout', '--quiet', 'main');
      repo.writeJson('nx.json', { plugins: ['deeploy'], pluginsConfig: { '@nx/js': { projectsAffectedByDependencyUpdates: 'auto' } }, defaultBase: 'main' });
      // A report of an old run committed by mistake, dated in the future: it must not show as this run's.
      const stale = `.deeploy/reports/${reportFileName('models/churn')}`;
      repo.writeJson(stale, {
        project: 'models/churn',
        target: 'deploy',
        action: 'create',
        outcome: 'success',
        contractPath: 'models/churn',
        message: 'STALE REPORT',
        durationMs: 1,
        finishedAt: '2099-01-01T00:00:00.000Z',
        runId: 'github-1-1-deploy',
      });
      repo.git('add', '--force', stale);
      nxJsonChanged = repo.commit('set defaultBase');
      repo.push();
      checkoutDetached(nxJsonChanged);
    });

    it('the guard stops the job before deploying and says why, and the summary still runs', async () => {
      const runs = await runDeployJob(contractsChanged, nxJsonChanged);
      const expected = [
        ['Install dependencies, running none of their scripts', `left out: ${NPM_CI_LEFT_OUT}`],
        ['Stop when every contract is affected', 1],
        ['Deploy affected contracts', 'skipped after a failure'],
        ['Write the run summary', 0],
      ];
      expect(outcomesOf(runs, expected)).toEqual(expected);
      expect(runs[1].output).toContain('every one of the 3 projects with deeploy-deploy is affected');
      expect(runs[1].output).toContain('Likely cause: changed nx.json.');
      expect(runs[1].output).toContain('DEEPLOY_ALLOW_ALL=true');
      expect(deployments()).toHaveLength(2);

      const summary = jobSummaryOf(runs);
      expect(summary).toContain('### Deeploy: deploy stopped by the guard');
      expect(summary).toContain('No deploy or update task wrote a report in this run');
      expect(summary).not.toContain('models/churn');
      expect(runs[3].output).toContain('left out 1 report of other runs found in .deeploy/reports');
    }, 90_000);

    it('with the variable DEEPLOY_ALLOW_ALL=true it goes on: the new contract is created, the others left as they are', async () => {
      checkoutDetached(nxJsonChanged);
      const runs = await runDeployJob(contractsChanged, nxJsonChanged, { DEEPLOY_ALLOW_ALL: 'true' });
      const expected = [
        ['Install dependencies, running none of their scripts', `left out: ${NPM_CI_LEFT_OUT}`],
        ['Stop when every contract is affected', 0],
        ['Deploy affected contracts', 0],
        ['Write the run summary', 0],
      ];
      expect(outcomesOf(runs, expected)).toEqual(expected);
      expect(
        deployments()
          .map((d) => d.activeVersion.contractPath)
          .sort(),
      ).toEqual(CONTRACTS);

      const summary = jobSummaryOf(runs);
      expect(summary.match(/^\| Project \|/gm)).toHaveLength(1);
      expect(tableRows(summary)).toEqual([
        expect.stringMatching(/^\| \*\*models\/churn\*\* \| no change \|/),
        expect.stringMatching(/^\| \*\*models\/fraud\*\* \| no change \|/),
        expect.stringMatching(/^\| \*\*models\/pricing\*\* \| create \|/),
      ]);
      expectNoSecretAnywhere(runs);
    }, 90_000);
  });
  describe('after a contract folder is deleted', () => {
    let lastDeployed: string;
    let pricingRemoved: string;

    beforeAll(() => {
      repo.git('checkout', '--quiet', 'main');
      lastDeployed = repo.head();
      repo.git('rm', '--quiet', '-r', 'models/pricing');
      pricingRemoved = repo.commit('retire the pricing model');
      repo.push();
      checkoutDetached(pricingRemoved);
    });

    // Deleting a file the plugins watch makes Nx affect every project, so the guard stops the run
    // (its message names the deleted folder and `deeploy-ci orphans`: guard-decision.spec.ts);
    // the run the user then starts with DEEPLOY_ALLOW_ALL=true names the orphan.
    it('with DEEPLOY_ALLOW_ALL=true: changes nothing, names the orphaned deployment in the log and the job summary', async () => {
      const before = deployments()
        .map((d) => d.id)
        .sort();
      const pricing = deployments().find((d) => d.activeVersion.contractPath === 'models/pricing')!;
      emulator.clearLog();
      const runs = await runDeployJob(lastDeployed, pricingRemoved, { DEEPLOY_ALLOW_ALL: 'true' });
      const expected = [
        ['Install dependencies, running none of their scripts', `left out: ${NPM_CI_LEFT_OUT}`],
        ['Stop when every contract is affected', 0],
        ['Deploy affected contracts', 0],
        ['Write the run summary', 0],
      ];
      expect(outcomesOf(runs, expected)).toEqual(expected);
      expect(runs[2].output).toContain(
        `deployment ${pricing.id} "models-pricing" deploys models/pricing, which holds no contract any more: delete it in Deeploy (deployment ${pricing.id})`,
      );
      const summary = jobSummaryOf(runs);
      expect(summary).toContain('### Deeploy: orphaned deployments');
      expect(summary).toContain(`| ${pricing.id} | models-pricing | models/pricing |`);
      expect(
        deployments()
          .map((d) => d.id)
          .sort(),
      ).toEqual(before);
      expect(emulator.requestLog().filter((r) => r.method !== 'GET')).toEqual([]);
      expectNoSecretAnywhere(runs);
    }, 90_000);
  });
});
