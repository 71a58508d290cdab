// @ts-check
/**
 * Lets Node run the TypeScript under tools/ directly: `node -r ./tools/register-ts.js tools/x.ts`.
 * Each .ts file is transpiled on load by the repository's own TypeScript (no extra dependency, no
 * build step); `nx run tools:typecheck` is what checks the types. Child processes that run a .ts
 * file are started with the same `-r` (see `tsNodeArgs` in tools/support).
 *
 * Transpiled files are kept in node_modules/.cache, keyed by their source, so a child process
 * whose files are all cached never loads TypeScript itself: that load is most of a child's start
 * (about 0.3 s), and the crash suite kills children while they start.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const CACHE_DIR = path.join(__dirname, '..', 'node_modules', '.cache', 'register-ts');
/** What else decides the output: the compiler's version and these options. */
const TS_VERSION = require('typescript/package.json').version;
const OPTIONS = { module: 'CommonJS', target: 'ES2022', esModuleInterop: true, inlineSourceMap: true };
const SALT = JSON.stringify([TS_VERSION, OPTIONS]);

/** @param {string} source @param {string} filename */
function transpile(source, filename) {
  const ts = require('typescript');
  // transpileModule reads option values given by name ('CommonJS'), so OPTIONS is also the cache key's.
  return ts.transpileModule(source, {
    compilerOptions: /** @type {import('typescript').CompilerOptions} */ (/** @type {unknown} */ (OPTIONS)),
    fileName: filename,
  }).outputText;
}

/** @param {string} source @param {string} filename */
function cachedTranspile(source, filename) {
  const key = crypto.createHash('sha256').update(SALT).update('\0').update(filename).update('\0').update(source).digest('hex');
  const file = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    const output = transpile(source, filename);
    try {
      // Written whole and then renamed, so a process killed mid-write leaves no half file behind.
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      const partial = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(partial, output);
      fs.renameSync(partial, file);
    } catch {
      // A read-only or full disk only costs the next process a transpile.
    }
    return output;
  }
}

require.extensions['.ts'] = (/** @type {NodeJS.Module} */ module, /** @type {string} */ filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  /** @type {{ _compile(code: string, filename: string): void }} */ (/** @type {unknown} */ (module))._compile(cachedTranspile(source, filename), filename);
};
