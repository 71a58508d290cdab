// @ts-check
/**
 * Lets Node run the TypeScript under tools/ directly: `node -r ./tools/register-ts.js tools/x.ts`.
 * Each .ts file is transpiled on load by the repository's own TypeScript (no extra dependency, no
 * build step, nothing stale to forget); `nx run tools:typecheck` is what checks the types. Child
 * processes that run a .ts file are started with the same `-r` (see `tsNodeArgs` in tools/support).
 */
const fs = require('node:fs');
const ts = require('typescript');

/** @type {import('typescript').CompilerOptions} */
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
};

require.extensions['.ts'] = (/** @type {NodeJS.Module} */ module, /** @type {string} */ filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  /** @type {{ _compile(code: string, filename: string): void }} */ (/** @type {unknown} */ (module))._compile(outputText, filename);
};
