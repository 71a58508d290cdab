// Unit and integration tests of both packages, run against the TypeScript sources.
// tsconfig.jest.json sets isolatedModules, so ts-jest only transpiles: type checking is `npm run typecheck`.
//
// Two Jest projects split the specs by cost (Nx runs them as the `test` and `integration` targets):
// - unit: pure logic, real files in a temp folder, the emulator in-process on loopback; cached by Nx.
// - integration: specs that drive a real git repository (a local bare remote) through the executors
//   or generators, or that need the built dist/. New ones are named *.integration.spec.ts; the files
//   listed below predate that convention.
// `npx jest path/to/file.spec.ts` runs one file whichever project it is in; `npx jest` runs both.

/** Integration specs named before the `*.integration.spec.ts` convention (paths from the repository root). */
const INTEGRATION_SPECS = [
  'packages/deeploy/src/executors/deploy/batch.spec.ts',
  'packages/deeploy/src/executors/deploy/executor.spec.ts',
  'packages/deeploy/src/executors/deploy/external.spec.ts',
  'packages/deeploy/src/executors/deploy/refusals.spec.ts',
  'packages/deeploy/src/executors/deploy/report-dir.spec.ts',
  'packages/deeploy/src/executors/deploy/route3.spec.ts',
  'packages/deeploy/src/executors/deploy/wait.spec.ts',
  'packages/deeploy/src/executors/lib/secret-echo.spec.ts',
  'packages/deeploy/src/executors/lib/secrets.spec.ts',
  'packages/deeploy/src/executors/lib/server-text.spec.ts',
  'packages/deeploy/src/executors/lib/verbose.spec.ts',
  'packages/deeploy/src/executors/update/batch.spec.ts',
  'packages/deeploy/src/executors/update/executor.spec.ts',
  'packages/deeploy/src/generators/ci/generator.spec.ts',
  'packages/deeploy/src/generators/ci/pipeline-steps.spec.ts',
  'packages/deeploy/src/git/git-state.spec.ts',
  'packages/deeploy-emulator/src/rollout.spec.ts',
];
const INTEGRATION_PATTERN = '\\.integration\\.spec\\.ts$';
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Regular expressions over absolute paths, for testRegex (integration) and testPathIgnorePatterns (unit). */
const integrationPatterns = [INTEGRATION_PATTERN, ...INTEGRATION_SPECS.map((file) => `/${escapeRegExp(file)}$`)];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/packages'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^deeploy-emulator$': '<rootDir>/packages/deeploy-emulator/src/index.ts',
  },
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/src/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...integrationPatterns],
    },
    {
      ...shared,
      displayName: 'integration',
      testRegex: integrationPatterns,
    },
  ],
};
