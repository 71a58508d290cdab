/**
 * The form of the storage path the upload endpoint answers with (`{"data": {"referencePath"}}`).
 * No one has seen what a real Deeploy returns there (deeploy-api.md §8): the one storage path in
 * any fixture has no scheme (`<uuid>/repositories/<uuid>/commits/<uuid>`). Clients must write a
 * reference Deeploy accepts whatever the form, so the emulator can answer in each plausible one.
 */

export const UPLOAD_REFERENCE_FORMS = ['s3-file', 'storage-file', 'storage-commit', 's3-commit', 'gs-file', 'azure-file'] as const;
export type UploadReferenceForm = (typeof UPLOAD_REFERENCE_FORMS)[number];

export interface UploadedFile {
  workspaceId: string;
  repositoryId: string;
  /** The upload id the client sent as `commitSha`. */
  uploadId: string;
  folderPath: string;
  fileName: string;
}

/**
 * - `s3-file` (default): `s3://deeploy-emulator/<ws>/<repo>/<upload>/<folder>/<file>`
 * - `storage-file`: `<ws>/repositories/<repo>/commits/<upload>/<folder>/<file>` (no scheme)
 * - `storage-commit`: `<ws>/repositories/<repo>/commits/<upload>` (no scheme, no folder: the fixture's form)
 * - `s3-commit`: `s3://deeploy-emulator/<ws>/repositories/<repo>/commits/<upload>` (no folder)
 * - `gs-file`, `azure-file`: the storage path of `storage-file` in a Google or Azure bucket
 */
export function uploadReferencePath(form: UploadReferenceForm, file: UploadedFile): string {
  const storage = `${file.workspaceId}/repositories/${file.repositoryId}/commits/${file.uploadId}`;
  const inFolder = `${storage}/${file.folderPath}/${file.fileName}`;
  switch (form) {
    case 's3-file':
      return `s3://deeploy-emulator/${file.workspaceId}/${file.repositoryId}/${file.uploadId}/${file.folderPath}/${file.fileName}`;
    case 'storage-file':
      return inFolder;
    case 'storage-commit':
      return storage;
    case 's3-commit':
      return `s3://deeploy-emulator/${storage}`;
    case 'gs-file':
      return `gs://deeploy-emulator/${inFolder}`;
    case 'azure-file':
      return `https://deeployemulator.blob.core.windows.net/uploads/${inFolder}`;
  }
}
