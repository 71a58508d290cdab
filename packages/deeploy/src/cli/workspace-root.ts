/**
 * The Nx workspace root the CLI works in: the nearest folder holding nx.json, from where it was
 * started (as nx itself finds it). Every path the commands use is built from this root.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function findWorkspaceRoot(startDir: string): string | undefined {
  for (let dir = startDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
