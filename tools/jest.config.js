// The specs of tools/ (tools/support: the shared test-support layer). `nx run tools:test`.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  transform: {
    // isolatedModules: ts-jest only transpiles; `nx run tools:typecheck` checks the types.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.jest.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^deeploy-emulator$': '<rootDir>/../packages/deeploy-emulator/src/index.ts',
  },
  testTimeout: 30000,
};
