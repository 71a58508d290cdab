/** The nx CLI of a workspace, run with `node` directly (npx would add its own start-up and may download one). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './paths';

/**
 * The nx entry point Node resolves from `from`, read from the installed package's `bin` field (it
 * moved from bin/ to dist/bin/ during 22.x, so a fixed path would break on older workspaces).
 */
export function nxBinOf(from: string): string {
  const manifest = require.resolve('nx/package.json', { paths: [from] });
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: string | Record<string, string> };
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin.nx);
}

/** The nx version Node resolves from `from`. */
export function nxVersionOf(from: string): string {
  const manifest = require.resolve('nx/package.json', { paths: [from] });
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** The repository's own nx (what workspaces under tmp/ run). */
export const REPO_NX_BIN = nxBinOf(REPO_ROOT);
