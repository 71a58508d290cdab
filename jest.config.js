// Unit and integration tests of both packages, run against the TypeScript sources.
// tsconfig.jest.json sets isolatedModules, so ts-jest only transpiles: type checking is `npm run typecheck`.
//
// Two Jest projects split the package specs by cost (Nx runs them as the `test` and `integration` targets):
// - unit: pure logic, real files in a temp folder, the emulator in-process on loopback; cached by Nx.
// - integration: specs that drive a real git repository (a local bare remote) through the executors
//   or generators, or that need the built dist/. They are named *.integration.spec.ts.
// A third, tools, holds the specs of the repository's own scripts under tools/ (the `test` target of `tools`).
// `npx jest path/to/file.spec.ts` runs one file whichever project it is in; `npx jest` runs all.

const INTEGRATION_PATTERN = '\\.integration\\.spec\\.ts$';
/** Regular expressions over absolute paths, for testRegex (integration) and testPathIgnorePatterns (unit). */
const integrationPatterns = [INTEGRATION_PATTERN];

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
    {
      ...shared,
      displayName: 'tools',
      roots: ['<rootDir>/tools'],
      testMatch: ['**/*.spec.ts'],
    },
  ],
};
