import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DeeployConfigError } from './api/config-error';
import { DeeployApiError, OutcomeUnknownError } from './api/errors';
import { UsageError } from './cli/cli-args';
import { ContractError } from './contract/errors';
import { ArtifactUploadError } from './deploy/artifact-upload';
import { BodyError } from './deploy/bodies';
import { DeployError } from './deploy/deploy-error';
import { ContractInvalidError } from './deploy/prepare-task';
import { RepositoryMatchError } from './deploy/remote-url';
import { DeploymentLookupError } from './deploy/select-deployment';
import { failureLine } from './deploy/task-output';
import { FileLockTimeoutError } from './fs/file-lock';
import { GeneratorInputError } from './generators/lib/generator-error';
import { PromptCancelled } from './generators/lib/prompt';
import { GitStateError } from './git/git-state';
import { ReportDirError } from './report/report-dir';
import { SettingsError } from './settings/resolve-settings';
import { UserError } from './user-error';

/** One of each error the product raises with a message written for the user. */
const USER_ERRORS: Error[] = [
  new SettingsError('no Deeploy workspace: set "workspaceId"'),
  new ReportDirError('option reportDir "../x" is outside the workspace; use a folder inside it'),
  new GitStateError('uncommitted changes in the contract: commit them'),
  new RepositoryMatchError('no Deeploy repository matches origin; add it in Deeploy'),
  new DeploymentLookupError('two deployments match; set deploymentId'),
  new ArtifactUploadError('modelArtifact "x" does not exist; fix the path'),
  new DeeployConfigError('DEEPLOY_HOST is not a host name; e.g. app.deeploy.ml'),
  new ContractInvalidError([new ContractError('m/metadata.json', '', 'invalid JSON; fix it')], 'm'),
  new DeployError('another deploy of this contract is still creating it'),
  new BodyError('modelArgs is too large; shorten it'),
  new ContractError('m/model/reference.json', 'reference.blob.url', 'must be an s3:// URL'),
  new GeneratorInputError('contract', ['--dockerPort: must be a port number']),
  new PromptCancelled('the questions were interrupted'),
  new UsageError('deeploy-ci: unknown command "x"; use summary, guard, orphans or doctor'),
  new FileLockTimeoutError('/w/.deeploy/lock'),
];

describe('UserError: errors whose message already says what to do', () => {
  it.each(USER_ERRORS.map((error) => [error.constructor.name, error]))('%s is one, and a failed task prints its message as it is', (_name, error) => {
    expect(error).toBeInstanceOf(UserError);
    expect(error.name).toBe(error.constructor.name);
    expect(failureLine('deploy', error)).toBe(`deploy failed: ${error.message}`);
  });

  it('a new subclass is an expected failure without being listed anywhere', () => {
    class QuotaError extends UserError {}
    expect(failureLine('update', new QuotaError('the workspace holds 50 deployments, its quota; remove one'))).toBe(
      'update failed: the workspace holds 50 deployments, its quota; remove one',
    );
  });

  it('any other error is reported as unexpected, with a pointer to --verbose', () => {
    class SettingsError extends Error {}
    expect(failureLine('deploy', new SettingsError('a name is not enough'))).toBe(
      'deploy failed with an unexpected error: a name is not enough; run again with --verbose for the details',
    );
    expect(failureLine('deploy', new TypeError("Cannot read properties of undefined (reading 'id')\n    at x"))).toBe(
      "deploy failed with an unexpected error: Cannot read properties of undefined (reading 'id'); run again with --verbose for the details",
    );
  });

  // A class extending Error directly would silently be an "unexpected error" again.
  it('every error class of the plugin extends UserError, except the API errors, which get advice by status', () => {
    const source = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'testing' ? [] : source(path);
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
      });
    const direct = source(__dirname).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/class (\w+) extends Error\b/g)].map((match) => `${relative(__dirname, file)}: ${match[1]}`),
    );
    expect(direct.sort()).toEqual(['api/errors.ts: DeeployApiError', 'api/errors.ts: OutcomeUnknownError', 'user-error.ts: UserError']);
    expect(new DeeployApiError({ method: 'GET', path: '/x', status: 404, secrets: [] })).not.toBeInstanceOf(UserError);
    expect(new OutcomeUnknownError({ method: 'POST', path: '/x', reason: 'timeout', secrets: [] })).not.toBeInstanceOf(UserError);
  });
});
