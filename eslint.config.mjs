// ESLint flat config for the whole repository. `nx lint <project>` (or `npm run lint`) runs it per
// project; the Nx plugin's manifests are checked against the files they point at by
// @nx/nx-plugin-checks.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import jsonc from 'jsonc-eslint-parser';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/tmp/**', '**/coverage/**', '**/.nx/**', '**/files/**'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // A leading underscore or a rest sibling marks a value dropped on purpose
      // (`const { secret: _secret, ...rest } = options`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Expected output is matched literally, indentation included.
      'no-regex-spaces': 'off',
    },
  },
  {
    // The repository's own JavaScript (bin launchers, tools/, jest configs) is CommonJS.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/testing/**/*.ts', 'e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    // Specs read untyped JSON answers; product code and shared test helpers stay free of `any`.
    files: ['**/*.spec.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['packages/deeploy/package.json', 'packages/deeploy/executors.json', 'packages/deeploy/generators.json'],
    languageOptions: { parser: jsonc },
    plugins: { '@nx': nx },
    rules: { '@nx/nx-plugin-checks': 'error' },
  },
);
