import { type ExecutorContext, logger, type NxJsonConfiguration, type ProjectConfiguration } from '@nx/devkit';
import { type FileMap, makeTempWorkspace, removeTempDir } from '../../contract/testing/temp-workspace';
import { buildContractProject } from '../../plugins/build-targets';
import { normalizePluginOptions } from '../../plugins/plugin-options';
import validateExecutor from './executor';

const blob = { url: 's3://models-bucket/churn/v1' };
const docker = { image: 'docker.io/acme/churn:1.2.3', uri: '/predict', port: 8080 };
const ref = (body: Record<string, unknown>) => ({ reference: body });

describe('deeploy:validate', () => {
  let workspace: string;
  let lines: string[];

  beforeEach(() => {
    lines = [];
    jest.spyOn(logger, 'info').mockImplementation((message) => void lines.push(`info: ${message}`));
    jest.spyOn(logger, 'error').mockImplementation((message) => void lines.push(`error: ${message}`));
    jest.spyOn(logger, 'warn').mockImplementation((message) => void lines.push(`warn: ${message}`));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    removeTempDir(workspace);
  });

  interface Setup {
    files: FileMap;
    root: string;
    /** Options of the deploy target as project.json would set them. */
    deployOptions?: Record<string, unknown>;
    updateOptions?: Record<string, unknown>;
    plugins?: NxJsonConfiguration['plugins'];
    pluginOptions?: Record<string, unknown>;
    isVerbose?: boolean;
  }

  /** A real workspace folder and the context Nx would hand the executor for the contract at `root`. */
  function setup({ files, root, deployOptions, updateOptions, plugins, pluginOptions = {}, isVerbose = false }: Setup): ExecutorContext {
    workspace = makeTempWorkspace(files);
    const project: ProjectConfiguration = buildContractProject(root, normalizePluginOptions(pluginOptions), 'deeploy');
    const targets = project.targets ?? {};
    const deployTarget = targets[normalizePluginOptions(pluginOptions).deployTargetName];
    const updateTarget = targets[normalizePluginOptions(pluginOptions).updateTargetName];
    if (deployOptions) deployTarget.options = deployOptions;
    if (updateOptions) updateTarget.options = updateOptions;
    const projectName = project.name ?? root;
    return {
      root: workspace,
      cwd: workspace,
      isVerbose,
      projectName,
      targetName: 'deeploy-validate',
      projectsConfigurations: { version: 2, projects: { [projectName]: project } },
      nxJsonConfiguration: { plugins: plugins ?? [{ plugin: 'deeploy', options: pluginOptions }] },
      projectGraph: { nodes: {}, dependencies: {} },
    };
  }

  it('passes a valid contract with one line that says what it holds', async () => {
    const context = setup({
      root: 'subfolder_1',
      files: {
        'subfolder_1/model/reference.json': ref({ blob }),
        'subfolder_1/explainer/reference.json': ref({ docker, blob }),
        'subfolder_1/metadata.json': { problemType: 'regression' },
      },
      deployOptions: { modelType: 'SKLEARN' },
    });
    await expect(validateExecutor({}, context)).resolves.toEqual({ success: true });
    expect(lines).toEqual(['info: ✔ subfolder_1: contract valid (model: blob → SKLEARN, explainer: blob+docker → CUSTOM, transformer: none, metadata: yes)']);
  });

  it('derives what it can, and with --verbose says where every type came from', async () => {
    const context = setup({
      root: '.',
      files: { 'model/model.joblib': 'x', 'transformer/reference.json': ref({ docker }) },
      pluginOptions: { rootProjectName: 'churn', deploymentType: 'KServe' },
    });
    await expect(validateExecutor({ verbose: true }, context)).resolves.toEqual({ success: true });
    expect(lines).toEqual([
      'info: ✔ churn: contract valid (model: model.joblib → SKLEARN, explainer: none, transformer: docker → CUSTOM, metadata: none, deploymentType: KServe)',
      'info:   modelType: model/model.joblib is a .joblib file',
      'info:   explainerType: the contract has no explainer/ folder',
      'info:   transformerType: transformer/reference.json is a transformer, which Deeploy runs as a custom transformer',
      'info:   deploymentType: nx.json at plugins[0].options.deploymentType',
    ]);
  });

  it('prints one line per problem of the contract, then a summary, and fails', async () => {
    const context = setup({
      root: 'models/churn',
      files: {
        'models/churn/model/reference.json': ref({ docker: { ...docker, port: 0 } }),
        'models/churn/model/model.joblib': 'x',
        'models/churn/metadata.json': '{"problemType": "regression",}',
      },
    });
    await expect(validateExecutor({}, context)).resolves.toEqual({ success: false });
    expect(lines).toEqual([
      'error: models/churn/model: holds both reference.json and model.joblib; keep one: reference.json to deploy what it references, or model.joblib to deploy the file itself',
      'error: models/churn/metadata.json at line 1, column 30: invalid JSON: trailing comma before "}"; remove it',
      'error: ✖ models/churn: 2 problems in the contract or its deploy settings; fix the lines above and run again',
    ]);
  });

  it('asks for a model type it cannot derive, naming the command that sets it, the target and the flag', async () => {
    const context = setup({ root: 'models/churn', files: { 'models/churn/model/reference.json': ref({ blob }) } });
    await expect(validateExecutor({}, context)).resolves.toEqual({ success: false });
    expect(lines[0]).toBe(
      'error: models/churn/project.json: the modelType is needed and cannot be derived: models/churn/model/reference.json is a blob reference, which does not say which framework the model uses; run nx g nx-deeploy:reference models/churn --modelType=<type> (one of TENSORFLOW, PYTORCH, SKLEARN, XGBOOST, ONNX, TRITON, CUSTOM, LIGHTGBM, PMML, HUGGINGFACE, CATBOOST), which sets "modelType" under targets.deeploy-deploy.options, or pass --modelType',
    );
    expect(lines).toHaveLength(2);
  });

  it('accepts the model type from the command line', async () => {
    const context = setup({ root: 'm', files: { 'm/model/reference.json': ref({ blob }) } });
    await expect(validateExecutor({ modelType: 'PYTORCH', dryRun: true }, context)).resolves.toEqual({ success: true });
    expect(lines).toEqual(['info: ✔ m: contract valid (model: blob → PYTORCH, explainer: none, transformer: none, metadata: none)']);
  });

  it('refuses unknown enum names wherever they are written, naming each place', async () => {
    const context = setup({
      root: 'm',
      files: { 'm/model/reference.json': ref({ docker }) },
      deployOptions: { modelType: 'custom', explainerType: 'LIME' },
      updateOptions: { transformerType: 'YES' },
      pluginOptions: { deploymentType: 'Kubernetes' },
    });
    await expect(validateExecutor({ modelType: 'Custom' }, context)).resolves.toEqual({ success: false });
    expect(lines).toEqual([
      'error: command line at --modelType: "Custom" is not spelled as Deeploy spells it; write "CUSTOM"',
      'error: m/project.json at targets.deeploy-deploy.options.modelType: "custom" is not spelled as Deeploy spells it; write "CUSTOM"',
      expect.stringMatching(/^error: m\/project.json at targets.deeploy-deploy.options.explainerType: "LIME" is not one of NO_EXPLAINER, /),
      'error: nx.json at plugins[0].options.deploymentType: "Kubernetes" is not one of KServe, Sagemaker, AzureML, External, Registration',
      'error: m/project.json at targets.deeploy-update.options.transformerType: "YES" is not one of NO_TRANSFORMER, CUSTOM',
      'error: ✖ m: 5 problems in the contract or its deploy settings; fix the lines above and run again',
    ]);
  });

  it('refuses an option of another deployment type with one line naming where it is and which types take it', async () => {
    const context = setup({
      root: 'm',
      files: { 'm/model/reference.json': ref({ blob }) },
      deployOptions: { modelType: 'SKLEARN', deploymentType: 'Sagemaker', modelMemLimit: 512 },
      pluginOptions: { modelInstanceCount: 2 },
    });
    await expect(validateExecutor({ region: 'eu-west-1' }, context)).resolves.toEqual({ success: false });
    expect(lines).toEqual([
      'error: nx.json at plugins[0].options.modelInstanceCount: "modelInstanceCount" is taken only by AzureML deployments, and this contract deploys as Sagemaker (deploymentType); remove it, or change deploymentType',
      'error: m/project.json at targets.deeploy-deploy.options.modelMemLimit: "modelMemLimit" is taken only by KServe deployments, and this contract deploys as Sagemaker (deploymentType); remove it, or change deploymentType',
      'error: ✖ m: 2 problems in the contract or its deploy settings; fix the lines above and run again',
    ]);
  });

  it('refuses region on a KServe contract (the default type) and asks an External one for its url', async () => {
    const kserve = setup({ root: 'm', files: { 'm/model/reference.json': ref({ blob }) }, deployOptions: { modelType: 'SKLEARN', region: 'eu-west-1' } });
    await expect(validateExecutor({}, kserve)).resolves.toEqual({ success: false });
    expect(lines[0]).toBe(
      'error: m/project.json at targets.deeploy-deploy.options.region: "region" is taken only by Sagemaker deployments, and this contract deploys as KServe (deploymentType); remove it, or change deploymentType',
    );
    lines.length = 0;
    removeTempDir(workspace);
    const external = setup({
      root: 'm',
      files: { 'm/model/reference.json': ref({ blob }) },
      deployOptions: { modelType: 'SKLEARN', deploymentType: 'External', authentication: 'basic' },
    });
    await expect(validateExecutor({}, external)).resolves.toEqual({ success: false });
    expect(lines.slice(0, -1)).toEqual([
      'error: m/project.json at targets.deeploy-deploy.options.modelType: "modelType" is taken by KServe, Sagemaker and AzureML deployments, and this contract deploys as External (deploymentType); remove it, or change deploymentType',
      'error: m/project.json at targets.deeploy-deploy.options: an External deployment needs "url" (the URL of the endpoint Deeploy calls); set it in the contract\'s deploy target options',
      'error: m/project.json at targets.deeploy-deploy.options: basic authentication of an External deployment needs "username"; set it in the contract\'s deploy target options',
    ]);
  });

  // Issue 13 item 3: validate refuses every settings problem deploy would refuse, at the same place.
  describe('refuses the deploy settings deploy would refuse', () => {
    const contract = { 'm/model/reference.json': ref({ blob }) };
    const summary = (count: number) =>
      `error: ✖ m: ${count} problem${count === 1 ? '' : 's'} in the contract or its deploy settings; fix the lines above and run again`;

    it('a misspelt option in the plugin options of nx.json', async () => {
      const context = setup({ root: 'm', files: contract, deployOptions: { modelType: 'SKLEARN' }, pluginOptions: { workspaceID: 'x' } });
      await expect(validateExecutor({}, context)).resolves.toEqual({ success: false });
      expect(lines).toEqual([
        'error: nx.json at plugins[0].options: unknown option "workspaceID"; check the spelling against the deeploy executor options (see the README)',
        summary(1),
      ]);
    });

    it('a value the option does not take in the deploy target options', async () => {
      const context = setup({ root: 'm', files: contract, deployOptions: { modelType: 'SKLEARN', modelMemLimit: 1.5 } });
      await expect(validateExecutor({}, context)).resolves.toEqual({ success: false });
      expect(lines).toEqual(['error: m/project.json at targets.deeploy-deploy.options.modelMemLimit: must be a whole number of megabytes', summary(1)]);
    });

    it('a secret-looking option, without printing its value', async () => {
      const context = setup({ root: 'm', files: contract, deployOptions: { modelType: 'SKLEARN', deployToken: 'tok-3f9a1c' } });
      await expect(validateExecutor({}, context)).resolves.toEqual({ success: false });
      expect(lines).toEqual([
        'error: m/project.json at targets.deeploy-deploy.options.deployToken: "deployToken" looks like a secret and is refused (option values can end up in files, logs and Nx\'s task summary); remove it and set it in the environment variable DEEPLOY_TOKEN instead',
        summary(1),
      ]);
      expect(lines.join('\n')).not.toContain('tok-3f9a1c');
    });

    it('an unknown option in the deploy and update target options, and a bad flag', async () => {
      const context = setup({
        root: 'm',
        files: contract,
        deployOptions: { modelType: 'SKLEARN', modelMemlimit: 512 },
        updateOptions: { wait: 'yes' },
      });
      await expect(validateExecutor({ waitTimeoutSeconds: 0 }, context)).resolves.toEqual({ success: false });
      expect(lines).toEqual([
        'error: command line at --waitTimeoutSeconds: must be more than 0 seconds',
        'error: m/project.json at targets.deeploy-deploy.options: unknown option "modelMemlimit"; check the spelling against the deeploy executor options (see the README)',
        'error: m/project.json at targets.deeploy-update.options.wait: Invalid input: expected boolean, received string',
        summary(3),
      ]);
    });

    it('a report folder outside the workspace', async () => {
      const context = setup({ root: 'm', files: contract, deployOptions: { modelType: 'SKLEARN', reportDir: '../reports' } });
      await expect(validateExecutor({}, context)).resolves.toEqual({ success: false });
      expect(lines).toEqual([
        'error: option reportDir "../reports" (m/project.json at targets.deeploy-deploy.options.reportDir) is outside the workspace; use a folder inside it, e.g. ".deeploy/reports"',
        summary(1),
      ]);
    });

    it('a positional argument, which deploy refuses before reading any setting', async () => {
      const context = setup({ root: 'm', files: contract, deployOptions: { modelType: 'SKLEARN' } });
      await expect(validateExecutor({ _: ['oops'] }, context)).resolves.toEqual({ success: false });
      expect(lines).toEqual([
        'error: unexpected argument "oops" for m:deeploy-validate: options are passed as --name=value',
        'error: ✖ m: 1 problem in the contract or its deploy settings; fix the line above and run again',
      ]);
    });

    it('lets flags meant for other targets of the same run through', async () => {
      const context = setup({ root: 'm', files: contract, deployOptions: { modelType: 'SKLEARN' } });
      await expect(validateExecutor({ fix: true, dryRun: true }, context)).resolves.toEqual({ success: true });
    });
  });

  it('passes a reference an older official client wrote (nulls, credentialsId), with one warning line per unknown key', async () => {
    const context = setup({
      root: 'm',
      files: { 'm/model/reference.json': { reference: { blob: { url: 's3://models-bucket/churn', region: null, credentialsId: 'c1' } } } },
      deployOptions: { modelType: 'SKLEARN' },
    });
    await expect(validateExecutor({}, context)).resolves.toEqual({ success: true });
    expect(lines).toEqual([
      'warn: warning: m/model/reference.json at reference.blob.credentialsId: unknown field, kept: Deeploy ignores it (older official clients wrote credentialsId); remove it, or fix the spelling if it is a misspelt field',
      'info: ✔ m: contract valid (model: blob → SKLEARN, explainer: none, transformer: none, metadata: none)',
    ]);
  });

  it('reads the deploy settings from the target the plugin named', async () => {
    const context = setup({
      root: 'm',
      files: { 'm/model/reference.json': ref({ blob }) },
      pluginOptions: { deployTargetName: 'ship', updateTargetName: 'refresh' },
      deployOptions: { modelType: 'ONNX' },
    });
    await expect(validateExecutor({}, context)).resolves.toEqual({ success: true });
    expect(lines).toEqual(['info: ✔ m: contract valid (model: blob → ONNX, explainer: none, transformer: none, metadata: none)']);
  });

  it('names the custom deploy target when it asks for a type', async () => {
    const context = setup({ root: 'm', files: { 'm/model/reference.json': ref({ blob }) }, pluginOptions: { deployTargetName: 'ship' } });
    await validateExecutor({}, context);
    expect(lines[0]).toMatch(/sets "modelType" under targets\.ship\.options/);
  });

  it('refuses a contract path that leads outside the workspace', async () => {
    const context = setup({ root: 'm', files: { 'm/model/reference.json': ref({ docker }) } });
    const project = context.projectsConfigurations.projects.m;
    project.root = '../elsewhere';
    await expect(validateExecutor({}, context)).resolves.toEqual({ success: false });
    expect(lines[0]).toBe('error: ../elsewhere: contract path "../elsewhere" contains ".."; contract folders must stay inside the workspace');
  });

  it('fails clearly when run without a project', async () => {
    const context = setup({ root: 'm', files: {} });
    await expect(validateExecutor({}, { ...context, projectName: undefined })).resolves.toEqual({ success: false });
    expect(lines).toEqual(['error: ✖ deeploy:validate runs for one project: use nx run <project>:deeploy-validate or nx affected -t deeploy-validate']);
  });
});
