/**
 * `nx g deeploy:ci --provider=github|gitlab`: writes the CI pipeline that validates changed
 * contracts on pull/merge requests and deploys them on the main branch (guard, deploy, summary).
 * The pipeline itself lives in the EJS templates under files/<provider>/.
 */
import * as path from 'node:path';
import { generateFiles, logger, type GeneratorCallback, type Tree } from '../../nx/devkit';
import { DEFAULT_REPORT_DIR } from '../../report/report-schema';
import { parseCiGeneratorOptions, type CiGeneratorOptions, type CiProvider } from './options';
import { pipelineSettingsOf, type PipelineSettings } from './workspace-settings';

/** Where each provider expects its pipeline, relative to the workspace root. */
export const PIPELINE_FILES: Record<CiProvider, string> = {
  github: '.github/workflows/deeploy.yml',
  gitlab: '.gitlab-ci.yml',
};

/** The one thing left to do by hand after generating: put the keys in the CI's secret store. */
const NEXT_STEP: Record<CiProvider, string> = {
  github:
    'next, add DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY as repository secrets (Settings > Secrets and variables > Actions), and DEEPLOY_HOST and DEEPLOY_WORKSPACE_ID as variables unless the deeploy plugin options in nx.json set them.',
  gitlab:
    'next, add DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY as masked, protected CI/CD variables with Environment scope "deeploy", so that only the deploy job gets them (Settings > CI/CD > Variables), and DEEPLOY_HOST and DEEPLOY_WORKSPACE_ID unless the deeploy plugin options in nx.json set them.',
};

export async function ciGenerator(tree: Tree, rawOptions: unknown): Promise<GeneratorCallback> {
  const options = parseCiGeneratorOptions(rawOptions);
  const settings = pipelineSettingsOf(tree);
  const pipelineFile = PIPELINE_FILES[options.provider];
  if (tree.exists(pipelineFile) && !options.overwrite) {
    throw new Error(`deeploy:ci: ${pipelineFile} already exists; re-run with --overwrite to replace it (its current content is lost), or move it away first.`);
  }

  generateFiles(tree, path.join(__dirname, 'files', options.provider), '.', templateValues(options, settings));

  // Said now rather than after writing, so that --dry-run shows them too.
  for (const warning of settings.warnings) logger.warn(`deeploy:ci: ${warning}`);
  return () => logger.info(`deeploy:ci: ${NEXT_STEP[options.provider]}`);
}

function templateValues(options: CiGeneratorOptions, settings: PipelineSettings) {
  return {
    tmpl: '',
    mainBranch: options.mainBranch,
    parallel: options.parallel,
    nodeVersion: options.nodeVersion,
    validateTarget: settings.validateTarget,
    deployTarget: settings.deployTarget,
    reportDir: settings.reportDir,
    // The summary command's default is the default folder: name it only when it differs.
    reportsFlag: settings.reportDir === DEFAULT_REPORT_DIR ? '' : ` --reports=${settings.reportDir}`,
  };
}

export default ciGenerator;
