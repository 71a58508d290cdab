/**
 * Route 3 of the seed: local artifact files (e.g. a training target's output) are uploaded to
 * Deeploy, and the artifact's reference.json is rewritten to the uploaded blob folder.
 * Planning (which files, where they go) reads the disk but writes nothing, so a dry run and every
 * refusal happen before the first upload.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { blobUrlProblem, contractPathProblem } from '../contract/validators';
import { UserError } from '../user-error';

export class ArtifactUploadError extends UserError {}

export type UploadedArtifact = 'model' | 'explainer';

export interface UploadFile {
  absolutePath: string;
  /** Repository-relative folder the file is uploaded to (the artifact folder, plus sub-folders). */
  folderPath: string;
  fileName: string;
  size: number;
}

export interface ArtifactUploadPlan {
  artifact: UploadedArtifact;
  /** The option value, workspace-relative. */
  source: string;
  /** The artifact folder in the repository, e.g. `models/churn/model`. */
  folderPath: string;
  /** The reference.json to rewrite: absolute, and repository-relative (for git). */
  referenceFile: string;
  referencePath: string;
  files: UploadFile[];
}

export interface PlanUploadsInput {
  workspaceRoot: string;
  /** Workspace-relative project root. */
  projectRoot: string;
  /** Repository-relative contract path. */
  contractPath: string;
  /** Artifact → workspace-relative source path, and the option it came from. */
  sources: { artifact: UploadedArtifact; path: string; option: string }[];
}

/** Files of the artifact folder that would clash with a reference.json (the contract allows one or the other). */
const STAND_INS: Record<UploadedArtifact, RegExp> = { model: /^model\.[^.]/, explainer: /^explainer\.dill$/ };

function listFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === '.git') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) found.push(full);
    }
  };
  walk(root);
  return found;
}

export function planArtifactUploads(input: PlanUploadsInput): ArtifactUploadPlan[] {
  return input.sources.map(({ artifact, path, option }) => {
    const problem = isAbsolute(path) ? `"${path}" is absolute; give a path relative to the workspace root` : contractPathProblem(path);
    if (problem) throw new ArtifactUploadError(`option "${option}": ${problem}`);
    const absolute = join(input.workspaceRoot, ...path.split('/'));
    let isFolder: boolean;
    try {
      isFolder = statSync(absolute).isDirectory();
    } catch {
      throw new ArtifactUploadError(`option "${option}": "${path}" does not exist; build the artifact first (e.g. run the training target) or fix the path`);
    }
    const artifactFolder = join(input.workspaceRoot, ...input.projectRoot.split('/').filter(Boolean), artifact);
    let clash: string | undefined;
    try {
      clash = readdirSync(artifactFolder).find((name) => STAND_INS[artifact].test(name));
    } catch {
      // No artifact folder yet (an explainer added by this upload): it is created with the reference.
    }
    if (clash) {
      throw new ArtifactUploadError(
        `option "${option}": ${artifact}/${clash} is in the contract, and an uploaded ${artifact} is referenced by ${artifact}/reference.json instead; remove ${artifact}/${clash} from the contract`,
      );
    }
    const folderPath = [input.contractPath, artifact].filter(Boolean).join('/');
    const files = (isFolder ? listFiles(absolute) : [absolute]).map((file) => {
      const within = isFolder ? relative(absolute, file).split(sep) : [file.slice(file.lastIndexOf(sep) + 1)];
      const fileName = within.pop() as string;
      return { absolutePath: file, folderPath: [folderPath, ...within].join('/'), fileName, size: statSync(file).size };
    });
    if (files.length === 0) throw new ArtifactUploadError(`option "${option}": the folder "${path}" holds no files to upload`);
    return {
      artifact,
      source: path,
      folderPath,
      referenceFile: join(artifactFolder, 'reference.json'),
      referencePath: `${folderPath}/reference.json`,
      files,
    };
  });
}

/** The upload call, as the API client offers it. */
export type UploadFn = (file: { uploadId: string; folderPath: string; fileName: string; content: Buffer }) => Promise<{ referencePath: string }>;

/** One file's reply, with where it was sent. */
export interface StoredUpload {
  referencePath: string;
  /** The folder the file was sent to (the artifact folder or a sub-folder of it). */
  folderPath: string;
  fileName: string;
}

/**
 * Where the reference of an upload points, from the storage path Deeploy answered for one of its
 * files (deeploy-api.md §2, §8; the form of that path was never seen):
 * - the path ends with the file's folder and name: cut it there and point at the artifact folder;
 * - the artifact folder is inside it: cut just after it (what Deeploy's own client does);
 * - no folder in it (e.g. `<uuid>/repositories/<uuid>/commits/<uuid>`, the one form in any
 *   fixture): the path as Deeploy gave it, which is what its own client writes (cutting after a
 *   folder that is not there leaves the path whole), less a trailing file name, so that every
 *   file of the upload names the same place.
 * The result is checked by the caller with the same rule as any reference (`blobUrlProblem`).
 */
export function uploadedLocation(stored: StoredUpload, artifactFolder: string): string {
  const { referencePath, folderPath, fileName } = stored;
  const own = `/${folderPath}/${fileName}`;
  if (referencePath.endsWith(own)) return `${referencePath.slice(0, -own.length)}/${artifactFolder}`;
  const marker = `/${artifactFolder}/`;
  const at = referencePath.indexOf(marker);
  if (at >= 0) return referencePath.slice(0, at + marker.length - 1);
  return referencePath.endsWith(`/${fileName}`) ? referencePath.slice(0, -fileName.length - 1) : referencePath;
}

/** A server's text in a message: one line, bounded, without a query string (it may carry a signature). */
function shown(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const bare = text.split(/[?#]/)[0].replace(/[\x00-\x1f\x7f]/g, ' ');
  return JSON.stringify(bare.length > 200 ? `${bare.slice(0, 200)}…` : bare);
}

/**
 * Uploads each artifact's files under one fresh upload id (Deeploy groups an upload's files by
 * it) and rewrites its reference.json to the uploaded folder. The reference is written only when
 * every file's reply names the same place and that place is a reference our validator (and so
 * Deeploy) accepts; otherwise nothing is written, with one line saying why. Returns the
 * repository-relative reference files written, for the commit.
 */
export async function uploadArtifacts(plans: readonly ArtifactUploadPlan[], upload: UploadFn): Promise<string[]> {
  const written: string[] = [];
  for (const plan of plans) {
    const uploadId = randomUUID();
    const locations = new Set<string>();
    for (const file of plan.files) {
      const { referencePath } = await upload({ uploadId, folderPath: file.folderPath, fileName: file.fileName, content: readFileSync(file.absolutePath) });
      locations.add(uploadedLocation({ referencePath, folderPath: file.folderPath, fileName: file.fileName }, plan.folderPath));
    }
    const [url, other] = [...locations];
    const unchanged = `the ${plan.files.length} file${plan.files.length === 1 ? ' was' : 's were'} uploaded, but ${plan.referencePath} was not changed`;
    if (other !== undefined) {
      throw new ArtifactUploadError(
        `Deeploy stored the files of one upload in different places (${shown(url)}, ${shown(other)}); ${unchanged}: report this, with the Deeploy version`,
      );
    }
    const problem = blobUrlProblem(url);
    if (problem) {
      throw new ArtifactUploadError(
        `Deeploy answered the upload with the storage path ${shown(url)}, which ${problem}; ${unchanged}: report this, with the Deeploy version`,
      );
    }
    mkdirSync(dirname(plan.referenceFile), { recursive: true });
    writeFileSync(plan.referenceFile, `${JSON.stringify({ reference: { blob: { url } } }, null, 2)}\n`);
    written.push(plan.referencePath);
  }
  return written;
}
