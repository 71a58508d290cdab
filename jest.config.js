// Unit and integration tests of both packages, run against the TypeScript sources.
// tsconfig.jest.json sets isolatedModules, so ts-jest only transpiles: type checking is `npm run typecheck`.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages'],
  testMatch: ['**/src/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^deeploy-emulator$': '<rootDir>/packages/deeploy-emulator/src/index.ts',
  },
  testTimeout: 30000,
};
