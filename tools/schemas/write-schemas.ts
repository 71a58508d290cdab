/**
 * Writes every `schema.json` of the plugin (3 executors, 4 generators) from the zod schemas and the
 * flag table: `npm run schemas`. With `--check` it writes nothing and exits 1, one line per file
 * that differs from what it would write (`nx run nx-deeploy:schemas-check`, part of `npm test`).
 * `--root <dir>` reads and writes the files under another copy of packages/deeploy/src.
 *
 *   node -r ./tools/register-ts.js tools/schemas/write-schemas.ts [--check] [--root <dir>]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { EXECUTOR_SCHEMAS } from './executor-schemas';
import { GENERATOR_SCHEMAS } from './generator-schemas';
import { nxSchema } from './nx-schema';

export const PLUGIN_SRC = resolve(__dirname, '..', '..', 'packages', 'deeploy', 'src');

/** Every schema.json, path relative to packages/deeploy/src → its text. */
export function schemaFiles(): Map<string, string> {
  return new Map([...EXECUTOR_SCHEMAS, ...GENERATOR_SCHEMAS].map((view) => [view.file, `${JSON.stringify(nxSchema(view), null, 2)}\n`]));
}

/** The files under `root` whose text differs from `files` (or that are missing), as fix-it lines. */
export function staleSchemaFiles(root: string, files: Map<string, string>): string[] {
  return [...files].flatMap(([file, text]) => {
    const path = join(root, file);
    if (existsSync(path) && readFileSync(path, 'utf8') === text) return [];
    const shown = relative(process.cwd(), path) || path;
    return [
      `${shown}: ${existsSync(path) ? 'differs from' : 'is missing, expected'} what the zod schemas and the flag table give; run npm run schemas and commit it.`,
    ];
  });
}

function main(args: string[]): number {
  const rootAt = args.indexOf('--root');
  const root = rootAt >= 0 ? resolve(args[rootAt + 1] ?? '') : PLUGIN_SRC;
  const files = schemaFiles();
  if (args.includes('--check')) {
    const stale = staleSchemaFiles(root, files);
    for (const line of stale) process.stderr.write(`${line}\n`);
    return stale.length > 0 ? 1 : 0;
  }
  for (const [file, text] of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  process.stdout.write(`Wrote ${files.size} schema.json files under ${relative(process.cwd(), root) || '.'}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
