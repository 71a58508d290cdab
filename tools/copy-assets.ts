/**
 * The plugin build's second step (`nx run nx-deeploy:build`): tsc compiles only .ts, so this copies
 * the JSON files of packages/deeploy/src (the executors' and generators' schema.json) and the
 * generators' EJS template folders (`files/`) into dist/, where executors.json and
 * generators.json point.
 *
 *   node -r ./tools/register-ts.js tools/copy-assets.ts
 */
import { copyFileSync, cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PLUGIN_DIR } from './support/paths';

const src = join(PLUGIN_DIR, 'src');
const dist = join(PLUGIN_DIR, 'dist');

function copyAssets(relative = ''): void {
  for (const entry of readdirSync(join(src, relative), { withFileTypes: true })) {
    const relPath = join(relative, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'files') cpSync(join(src, relPath), join(dist, relPath), { recursive: true });
      else copyAssets(relPath);
    } else if (entry.name.endsWith('.json')) {
      mkdirSync(join(dist, relative), { recursive: true });
      copyFileSync(join(src, relPath), join(dist, relPath));
    }
  }
}

copyAssets();
