// Unit and integration tests of both packages, run against the TypeScript sources.
// ts-jest only transpiles (isolatedModules): type checking is `npm run typecheck`/`npm run build`.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages'],
  testMatch: ['**/src/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.base.json', isolatedModules: true, diagnostics: false }],
  },
  moduleNameMapper: {
    '^deeploy-emulator$': '<rootDir>/packages/deeploy-emulator/src/index.ts',
  },
  testTimeout: 30000,
};
