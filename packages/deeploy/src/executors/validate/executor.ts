/**
 * `deeploy:validate`: the offline check of one contract project, cacheable, for pull requests
 * (`nx affected -t deeploy-validate`). One line per problem; one line on success.
 */
import { type ExecutorContext, logger } from '../../nx/devkit';
import type { ArtifactContent, ContractFiles } from '../../contract/contract-folder';
import { referenceKindsOf } from '../../contract/derive-types';
import type { ResolvedTypes } from '../../contract/resolve-types';
import { UserError } from '../../user-error';
import { validateProject } from './lib/validate-project';
import { type ValidateExecutorOptions, validateExecutorOptionsSchema } from './options';

function describeArtifact(content: ArtifactContent | undefined, type: string | undefined): string {
  if (!content) return 'none';
  const what = content.source === 'file' ? content.file.slice(content.file.lastIndexOf('/') + 1) : referenceKindsOf(content);
  // External and Registration deployments take no artifact types.
  return type === undefined ? what : `${what} → ${type}`;
}

/** `model: docker → CUSTOM, explainer: none, transformer: none, metadata: yes` */
export function describeContract(contract: ContractFiles, types: ResolvedTypes): string {
  return [
    `model: ${describeArtifact(contract.model, types.modelType)}`,
    `explainer: ${describeArtifact(contract.explainer, types.explainerType)}`,
    `transformer: ${describeArtifact(contract.transformer, types.transformerType)}`,
    `metadata: ${contract.metadata ? 'yes' : 'none'}`,
    ...(types.deploymentType ? [`deploymentType: ${types.deploymentType}`] : []),
  ].join(', ');
}

export default async function validateExecutor(rawOptions: ValidateExecutorOptions, context: ExecutorContext): Promise<{ success: boolean }> {
  const options = validateExecutorOptionsSchema.parse(rawOptions ?? {});
  const verbose = options.verbose === true || context.isVerbose;
  const projectName = context.projectName;
  const project = projectName ? context.projectsConfigurations?.projects[projectName] : undefined;
  if (!projectName || !project) {
    logger.error('✖ deeploy:validate runs for one project: use nx run <project>:deeploy-validate or nx affected -t deeploy-validate');
    return { success: false };
  }

  try {
    const { verbose: _verbose, ...flags } = options;
    const result = validateProject(context, flags);
    for (const warning of result.warnings) logger.warn(`warning: ${warning.message}`);
    if (result.errors.length > 0 || !result.contract || !result.types) {
      for (const error of result.errors) logger.error(error.message);
      const count = result.errors.length;
      logger.error(`✖ ${projectName}: ${count} problem${count === 1 ? '' : 's'} in the contract or its deploy settings; fix the lines above and run again`);
      return { success: false };
    }
    logger.info(`✔ ${projectName}: contract valid (${describeContract(result.contract, result.types)})`);
    if (verbose) {
      for (const [key, source] of Object.entries(result.types.sources)) logger.info(`  ${key}: ${source}`);
    }
    return { success: true };
  } catch (error) {
    if (error instanceof UserError) {
      logger.error(error.message);
      logger.error(`✖ ${projectName}: 1 problem in the contract or its deploy settings; fix the line above and run again`);
      return { success: false };
    }
    // Only an unexpected failure gets here (e.g. an unreadable folder); expected problems are errors above.
    const message = error instanceof Error ? error.message : String(error);
    logger.error(`✖ ${projectName}: could not validate the contract: ${message.split('\n')[0]}`);
    if (verbose && error instanceof Error && error.stack) logger.error(error.stack);
    return { success: false };
  }
}
