import { batchInput, runBatch } from '../testing/batch-harness';
import { createHarness, plain, PROJECT, WORKSPACE_ID, type Harness } from '../testing/harness';
import deployBatch from './batch';

const CONTRACTS = [PROJECT, 'models/fraud', 'models/pricing'];
const LIST_REPOSITORIES = `GET /workspaces/${WORKSPACE_ID}/repositories`;
const LIST_DEPLOYMENTS = `GET /workspaces/${WORKSPACE_ID}/deployments`;
const CREATE = `POST /workspaces/${WORKSPACE_ID}/deployments`;

describe('deploy batch: many contracts in one process, against the emulator and a real git repository', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    for (const project of CONTRACTS.slice(1)) addContract(project);
    h.repo.commit('two more contracts');
    h.repo.push();
  });
  afterEach(() => h.close());

  function addContract(project: string, reference: unknown = { reference: { blob: { url: `s3://acme-models/${project}/v1` } } }) {
    h.repo.writeJson(`${project}/model/reference.json`, reference);
    h.repo.writeJson(`${project}/metadata.json`, { problemType: 'classification' });
    h.repo.writeJson(`${project}/project.json`, { name: project, targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN' } } } });
  }
  const deployAll = (projects = CONTRACTS, flags: Record<string, unknown> = {}) =>
    runBatch(
      deployBatch,
      batchInput(
        h,
        projects.map((p) => [p, 'deeploy-deploy'] as const),
        flags,
      ),
    );
  const requestLines = () => h.requests().map((r) => `${r.method} ${r.path}`);
  const outputOf = (results: Awaited<ReturnType<typeof deployAll>>, project: string) =>
    plain([results.find((r) => r.task === `${project}:deeploy-deploy`)?.terminalOutput ?? '']);

  it('creates each contract’s deployment once, listing repositories and deployments once for the whole batch (and once more after creates)', async () => {
    const head = h.repo.head();
    const results = await deployAll();

    expect(results.map((r) => [r.task, r.success]).sort()).toEqual(CONTRACTS.map((p) => [`${p}:deeploy-deploy`, true]).sort());
    expect(
      h
        .deployments()
        .map((d) => d.activeVersion.contractPath)
        .sort(),
    ).toEqual([...CONTRACTS].sort());
    expect(h.deployments().every((d) => d.activeVersion.commit === head)).toBe(true);
    // After a create, the deployments are listed again to see a duplicate made at the same time by a
    // run on another machine (create-deployment.ts); tasks that ask at once share that list.
    const [reads, creates] = [requestLines().filter((l) => l !== CREATE), requestLines().filter((l) => l === CREATE)];
    expect(creates).toHaveLength(3);
    expect(reads.filter((l) => l === LIST_REPOSITORIES)).toHaveLength(1);
    expect(reads.filter((l) => l === LIST_DEPLOYMENTS).length).toBeGreaterThanOrEqual(2);
    // A list that holds deployments is two requests under the default dialect (no totals: the second page shows there is no more).
    expect(reads.filter((l) => l === LIST_DEPLOYMENTS).length).toBeLessThanOrEqual(7);
    for (const project of CONTRACTS) {
      const deployment = h.deployments().find((d) => d.activeVersion.contractPath === project);
      // Each task's own line, in its own result; nothing printed past Nx.
      expect(outputOf(results, project)).toEqual([`[${project}] created deployment ${deployment?.id} at ${head.slice(0, 7)}\n`]);
      expect(h.reportOf(project)).toMatchObject({
        project,
        target: 'deploy',
        action: 'create',
        outcome: 'success',
        deploymentId: deployment?.id,
        commit: head,
      });
    }
    expect(h.printed).toEqual([]);
  });

  it('skips every contract on a re-run, sending only the two lists and a read of each deployment', async () => {
    await deployAll();
    h.emulator.clearLog();

    const results = await deployAll();

    expect(results.every((r) => r.success)).toBe(true);
    // The default dialect lists versions as ids: each deployment is read once to see what it runs,
    // and the list takes two pages (the second shows there is no more).
    const reads = h.deployments().map((d) => `${LIST_DEPLOYMENTS}/${d.id}`);
    expect(requestLines().sort()).toEqual([LIST_DEPLOYMENTS, LIST_DEPLOYMENTS, LIST_REPOSITORIES, ...reads].sort());
    for (const project of CONTRACTS) {
      expect(outputOf(results, project)[0]).toMatch(
        new RegExp(`^\\[${project}\\] already deployed: deployment \\S+ is up to date \\(it runs commit [0-9a-f]{7}\\)\\n$`),
      );
      expect(h.reportOf(project)).toMatchObject({ action: 'skip', outcome: 'success' });
    }
  });

  it('a failing task fails alone, with its own one line; the others deploy', async () => {
    addContract('models/broken', { reference: { docker: { image: 'docker.io/acme/broken:1.0.0', uri: '/predict', port: 70000 } } });
    h.repo.commit('a broken contract');
    h.repo.push();

    const results = await deployAll([...CONTRACTS, 'models/broken']);

    expect(results.filter((r) => !r.success).map((r) => r.task)).toEqual(['models/broken:deeploy-deploy']);
    const [line, ...rest] = outputOf(results, 'models/broken')[0].split('\n');
    expect(line).toMatch(/^\[models\/broken\] deploy failed: models\/broken\/model\/reference\.json.*reference\.docker\.port.*65535/);
    expect(rest).toEqual(['']);
    expect(
      h
        .deployments()
        .map((d) => d.activeVersion.contractPath)
        .sort(),
    ).toEqual([...CONTRACTS].sort());
    expect(h.reportOf('models/broken')).toMatchObject({ outcome: 'failure', action: 'none' });
  });

  it('after a lost create reply, lists the deployments afresh for that task only, and creates nothing twice', async () => {
    h.emulator.setFaults({ loseReply: { method: 'POST', path: '/deployments$', count: 1 } });

    const results = await deployAll();

    expect(results.every((r) => r.success)).toBe(true);
    expect(h.deployments()).toHaveLength(CONTRACTS.length);
    expect(requestLines().filter((l) => l === CREATE)).toHaveLength(3);
    expect(requestLines().filter((l) => l === LIST_REPOSITORIES)).toHaveLength(1);
    expect(results.filter((r) => r.terminalOutput.includes('its reply was lost; found it in Deeploy'))).toHaveLength(1);
  });

  it('runs two targets of one project one after the other, so the second sees the deployment the first created', async () => {
    const input = batchInput(h, [
      [PROJECT, 'deeploy-deploy'],
      [PROJECT, 'deeploy-deploy-again'],
    ]);
    const targets = input.context.projectsConfigurations.projects[PROJECT].targets ?? {};
    targets['deeploy-deploy-again'] = { executor: 'deeploy:deploy', options: targets['deeploy-deploy'].options };
    input.inputs[`${PROJECT}:deeploy-deploy-again`] = input.inputs[`${PROJECT}:deeploy-deploy`];

    const results = await runBatch(deployBatch, input);

    expect(h.deployments()).toHaveLength(1);
    expect(plain(results.map((r) => r.terminalOutput))).toEqual([
      expect.stringMatching(/^\[models\/churn\] created deployment /),
      expect.stringMatching(/^\[models\/churn\] already deployed: /),
    ]);
  });

  it('route 3 in several contracts at once: each uploads, commits and pushes in turn, and deploys its own commit', async () => {
    for (const project of CONTRACTS) {
      h.repo.write(`dist/${project}/model.joblib`, `${project} bytes`);
      h.repo.writeJson(`${project}/project.json`, {
        name: project,
        targets: { 'deeploy-deploy': { options: { modelType: 'SKLEARN', modelArtifact: `dist/${project}`, push: true } } },
      });
    }
    h.repo.write('.gitignore', '.deeploy/\ndist/\n');
    h.repo.commit('upload the models from dist/');
    h.repo.push();

    const results = await deployAll();

    expect(results.filter((r) => !r.success).map((r) => r.terminalOutput)).toEqual([]);
    expect(h.repo.git('ls-remote', 'origin', 'refs/heads/main').split('\t')[0]).toBe(h.repo.head());
    expect(h.repo.git('log', '--format=%s', '-3').split('\n').sort()).toEqual(CONTRACTS.map((p) => `deeploy: upload artifacts of ${p}`).sort());
    for (const project of CONTRACTS) {
      const deployment = h.deployments().find((d) => d.activeVersion.contractPath === project);
      // The deployed commit holds this contract's rewritten reference.
      expect(h.repo.git('show', `${deployment?.activeVersion.commit}:${project}/model/reference.json`)).toContain('s3://deeploy-emulator/');
    }
  });
});
