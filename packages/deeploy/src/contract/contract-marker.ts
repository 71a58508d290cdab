/**
 * What makes a folder a contract: `model/reference.json` or `model/model.<ext>` inside it
 * (deeploy-api.md §5). Kept apart from the folder reader so the inference plugin can import it
 * without pulling in anything else.
 */

/** The glob the inference plugin hands to Nx. `**` also matches nothing, so the root can be a contract. */
export const contractMarkerGlob = '**/model/{reference.json,model.*}';

const MARKER_NAME = /^(?:reference\.json|model\.[^/]+)$/;

/** True for a workspace-relative file that marks its grandparent folder as a contract. */
export function isContractMarker(file: string): boolean {
  const segments = toPosix(file).split('/');
  return segments.length >= 2 && segments[segments.length - 2] === 'model' && MARKER_NAME.test(segments[segments.length - 1]);
}

/**
 * The Nx project root of the contract a marker file belongs to: `a/b/model/reference.json` → `a/b`.
 * A marker at the top (`model/reference.json`) gives `.`, the form Nx uses for the workspace root;
 * `normalizeContractPath('.')` turns it back into the contract path `''`.
 */
export function contractRootOfMarker(file: string): string {
  const segments = toPosix(file).split('/');
  const root = segments
    .slice(0, -2)
    .filter((s) => s !== '' && s !== '.')
    .join('/');
  return root === '' ? '.' : root;
}

function toPosix(file: string): string {
  return file.replace(/\\/g, '/');
}
