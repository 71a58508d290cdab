/**
 * Packs the built plugin exactly as it would be published, so the test workspace installs what a
 * user would download from the registry (the `files` list, the manifests, dist/) and nothing else.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PLUGIN_DIR, runCommandOk } from '../../tools/support';

export async function packPlugin(destination: string): Promise<string> {
  if (!existsSync(join(PLUGIN_DIR, 'dist', 'index.js'))) {
    throw new Error('packages/deeploy/dist is missing: run `npm run build` before the e2e tests (`npm test` does both).');
  }
  const { stdout } = await runCommandOk('npm', ['pack', '--json', '--pack-destination', destination], { cwd: PLUGIN_DIR });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
  return join(destination, packed.filename);
}
