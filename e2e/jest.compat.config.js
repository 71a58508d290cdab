// The compatibility run: the core e2e flow on one other Nx version per run (set in the environment
// by tools/e2e-compat.ts). Kept out of e2e/jest.config.js so `npm test` does not run it.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/compat/**/*.compat.spec.ts'],
};
