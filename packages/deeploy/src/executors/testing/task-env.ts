/**
 * The environment variables a deploy or update task reads (settings, secrets, CI run and branch
 * facts). Tests clear them all, so that the shell or CI job running the tests cannot leak in.
 */
export const TASK_ENV_KEYS: readonly string[] = [
  'DEEPLOY_HOST',
  'DEEPLOY_WORKSPACE_ID',
  'DEEPLOY_API_URL',
  'DEEPLOY_ACCESS_KEY',
  'DEEPLOY_SECRET_KEY',
  'DEEPLOY_TOKEN',
  'DEEPLOY_TEAM_ID',
  'DEEPLOY_ORGANIZATION_ID',
  'DEEPLOY_RUN_ID',
  'NX_DRY_RUN',
  'NX_BASE',
  'GITHUB_STEP_SUMMARY',
  'DEEPLOY_STEP_SUMMARY',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_ATTEMPT',
  'GITHUB_JOB',
  'GITHUB_HEAD_REF',
  'GITHUB_REF_NAME',
  'GITHUB_REF_TYPE',
  'CI_COMMIT_REF_NAME',
  'CI_COMMIT_TAG',
  'CI_MERGE_REQUEST_SOURCE_BRANCH_NAME',
  'CI_PIPELINE_ID',
  'CI_JOB_ID',
];
