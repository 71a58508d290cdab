// End-to-end tests: a fresh Nx workspace installs the packed plugin (see e2e/README in the main README).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e.spec.ts'],
  transform: {
    // e2e/tsconfig.json sets isolatedModules: ts-jest then only transpiles (type checks: `tsc -p e2e`).
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^deeploy-emulator$': '<rootDir>/../packages/deeploy-emulator/src/index.ts',
  },
  testTimeout: 600000,
};
