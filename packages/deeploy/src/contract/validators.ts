/**
 * Pure checks of the values that appear in contract files, flags and options.
 * Each returns `undefined` when the value is valid, else one sentence saying which rule it breaks
 * and how to fix it. Callers add where the value came from (file, JSON path or option name).
 */

// The distribution/reference grammar (github.com/distribution/reference, regexp.go), spelled out
// so that each part of an image reference can be checked and explained on its own.
const ALPHA_NUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHA_NUMERIC}(?:${SEPARATOR}${ALPHA_NUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
// The grammar admits any algorithm; registries verify the registered ones exactly
// (github.com/opencontainers/go-digest): lowercase hex of the algorithm's length.
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

const PATH_COMPONENT_RE = new RegExp(`^${PATH_COMPONENT}$`);
const DOMAIN_RE = new RegExp(`^${DOMAIN}$`);
const TAG_RE = new RegExp(`^${TAG}$`);
const DIGEST_RE = new RegExp(`^${DIGEST}$`);
const NAME_MAX = 255;

const IMAGE_EXAMPLE = 'e.g. docker.io/acme/model:1.2.3';

/** A docker image reference: `[domain[:port]/]path[:tag][@digest]`, lowercase path, name ≤255. */
export function dockerImageProblem(ref: string): string | undefined {
  if (ref.length === 0) return `must not be empty; give an image reference (${IMAGE_EXAMPLE})`;
  if (/\s/.test(ref)) return `must not contain whitespace; give an image reference (${IMAGE_EXAMPLE})`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref)) return `must not start with a URL scheme; write the reference without it (${IMAGE_EXAMPLE})`;

  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) return `has an invalid digest "${digest}"; a digest is <algorithm>:<hex>, e.g. sha256:<64 hex digits>`;
    const [algorithm, hex] = digest.split(':');
    const length = DIGEST_HEX_LENGTH[algorithm];
    if (length !== undefined && !new RegExp(`^[0-9a-f]{${length}}$`).test(hex)) {
      return `has an invalid digest "${digest}"; a ${algorithm} digest is ${length} lowercase hex digits`;
    }
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG_RE.test(tag)) return `has an invalid tag "${tag}"; a tag is 1-128 letters, digits, "_", "." or "-" and does not start with "." or "-"`;
  }
  const name = rest;
  if (name.length === 0) return `has no image name (${IMAGE_EXAMPLE})`;
  if (name.length > NAME_MAX) return `has a name of ${name.length} characters; an image name is at most ${NAME_MAX}`;

  const parts = name.split('/');
  // The first component is a registry domain only when it looks like one: it has a "." or a
  // ":port", or is "localhost". Docker also takes an uppercase first component for a domain
  // ("Acme/model" would pull from a host named Acme); that is almost always a mistyped
  // repository, so it is refused below as an uppercase repository name instead.
  const first = parts[0];
  const hasDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasDomain && !DOMAIN_RE.test(first)) return `has an invalid registry "${first}"; a registry is a host name with an optional :port`;
  const pathParts = hasDomain ? parts.slice(1) : parts;
  if (pathParts.length === 0) return `has no repository after the registry (${IMAGE_EXAMPLE})`;
  for (const part of pathParts) {
    if (part !== part.toLowerCase()) return `has uppercase letters in "${part}"; image repository names must be lowercase`;
    if (!PATH_COMPONENT_RE.test(part)) {
      return `has an invalid path component "${part}"; use lowercase letters and digits separated by ".", "_", "__" or "-"`;
    }
  }
  return undefined;
}

/** A TCP port a container listens on. */
export function portProblem(port: unknown): string | undefined {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    return `must be a whole number from 1 to 65535 (got ${JSON.stringify(port)})`;
  }
  return undefined;
}

/** A route inside a container, such as the predict URI or a readiness path. */
export function routeProblem(uri: string): string | undefined {
  if (/\s/.test(uri)) return `must not contain whitespace (got ${JSON.stringify(uri)})`;
  if (!uri.startsWith('/')) return `must start with "/" (e.g. "/v1/models/model:predict"), got ${JSON.stringify(uri)}`;
  if (uri.includes('://')) return 'must be a path inside the container, not a full URL';
  return undefined;
}

// Query keys of pre-signed / SAS URLs (AWS SigV4, Google V4, Azure SAS): they grant access, so
// they are secrets, and they expire, so a deployment built on them breaks later.
const SIGNED_QUERY_KEYS = new Set([
  'sig',
  'signature',
  'sv',
  'se',
  'token',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
  'x-goog-signature',
  'x-goog-credential',
  'awsaccesskeyid',
  'googleaccessid',
]);

function credentialProblem(url: URL): string | undefined {
  if (url.username || url.password) {
    return 'must not embed credentials; remove the user:password@ part and give Deeploy a blob credential id instead';
  }
  for (const key of url.searchParams.keys()) {
    if (SIGNED_QUERY_KEYS.has(key.toLowerCase())) {
      return 'must not carry a signed or token query string; remove the "?..." part and use a blob credential id instead';
    }
  }
  return undefined;
}

const S3_BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const GCS_BUCKET_RE = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;
const GCS_BUCKET_EXAMPLE =
  'bucket names are 3-63 lowercase letters, digits, "-", "_" or "." (up to 222 when dotted, each dot-separated part at most 63), starting and ending with a letter or digit';
const AZURE_ACCOUNT_RE = /^[a-z0-9]{3,24}$/;
const AZURE_CONTAINER_RE = /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
const BLOB_EXAMPLE = 's3://bucket/path/to/model, gs://bucket/path or https://<account>.blob.core.windows.net/<container>/path';

/** An AWS S3 bucket name (AWS's general purpose bucket naming rules). */
export function s3BucketProblem(bucket: string): string | undefined {
  if (!S3_BUCKET_RE.test(bucket)) {
    return `has an invalid S3 bucket "${bucket}"; bucket names are 3-63 lowercase letters, digits, "." or "-", starting and ending with a letter or digit`;
  }
  if (bucket.includes('..')) return `has an invalid S3 bucket "${bucket}"; a bucket name must not contain ".."`;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(bucket)) return `has an invalid S3 bucket "${bucket}"; a bucket name must not look like an IP address`;
  if (['xn--', 'sthree-', 'amzn-s3-demo-'].some((p) => bucket.startsWith(p))) return `has an invalid S3 bucket "${bucket}"; that prefix is reserved by AWS`;
  if (['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].some((s) => bucket.endsWith(s))) {
    return `has an invalid S3 bucket "${bucket}"; that suffix is reserved by AWS`;
  }
  return undefined;
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/**
 * A storage path inside Deeploy's own store, as its upload endpoint returns it without a scheme
 * (`<workspace>/repositories/<repository>/commits/<upload>`, optionally followed by the uploaded
 * folder): the one form in any fixture. Deeploy's own client writes it into reference.json as
 * given, so Deeploy reads it; no other scheme-less path is a reference.
 */
const DEEPLOY_STORAGE_PATH = new RegExp(`^${UUID}/repositories/${UUID}/commits/${UUID}(?:/[^/?#\\\\%]+)*$`);

function storagePathProblem(raw: string): string | undefined {
  if (!DEEPLOY_STORAGE_PATH.test(raw)) {
    return `is not a URL; give a blob URL such as ${BLOB_EXAMPLE} (a path without a scheme is taken only in the form Deeploy's upload returns: <workspace-id>/repositories/<repository-id>/commits/<upload-id>/...)`;
  }
  if (raw.split('/').some((segment) => segment === '.' || segment === '..')) return 'must not contain "." or ".." segments';
  return undefined;
}

/**
 * A blob storage URL Deeploy can read: S3, Google Cloud Storage or Azure Blob Storage, or a
 * storage path in Deeploy's own store as its upload endpoint returns it (no scheme).
 */
export function blobUrlProblem(raw: string): string | undefined {
  // The WHATWG parser silently drops tabs and newlines, which would accept a URL Deeploy cannot read.
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  if (/[\s\x00-\x1f]/.test(raw)) return 'must not contain whitespace or control characters';
  if (!/^[a-z][a-z0-9+.-]*:/i.test(raw)) return storagePathProblem(raw);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `is not a URL; give a blob URL such as ${BLOB_EXAMPLE}`;
  }
  const credentials = credentialProblem(url);
  if (credentials) return credentials;
  const path = url.pathname.replace(/^\/+/, '');
  switch (url.protocol) {
    case 's3:': {
      const bucketProblem = s3BucketProblem(url.hostname);
      if (bucketProblem) return bucketProblem;
      if (url.port) return 'must not have a port; write s3://<bucket>/<path>';
      return undefined;
    }
    case 'gs:': {
      const bucket = url.hostname;
      const parts = bucket.split('.');
      const tooLong = parts.length === 1 ? bucket.length > 63 : parts.some((p) => p.length > 63);
      if (!GCS_BUCKET_RE.test(bucket) || bucket.includes('..') || tooLong) {
        return `has an invalid Google Cloud Storage bucket "${bucket}"; ${GCS_BUCKET_EXAMPLE}`;
      }
      if (url.port) return 'must not have a port; write gs://<bucket>/<path>';
      return undefined;
    }
    case 'https:': {
      const match = /^([^.]+)\.blob\.core\.windows\.net$/i.exec(url.hostname);
      if (!match) return `is an https URL but not Azure Blob Storage; use ${BLOB_EXAMPLE}`;
      if (!AZURE_ACCOUNT_RE.test(match[1])) {
        return `has an invalid Azure storage account "${match[1]}"; account names are 3-24 lowercase letters or digits`;
      }
      const container = path.split('/')[0];
      if (!container) return 'names no Azure container; write https://<account>.blob.core.windows.net/<container>/<path>';
      if (!AZURE_CONTAINER_RE.test(container)) {
        return `has an invalid Azure container "${container}"; container names are 3-63 lowercase letters, digits or single hyphens`;
      }
      return undefined;
    }
    case 'http:':
      return 'must use https (Azure) or s3:// / gs://; plain http is not a blob store Deeploy reads';
    default:
      return `has the unsupported scheme "${url.protocol}"; use ${BLOB_EXAMPLE}`;
  }
}

/**
 * A contract path as Deeploy receives it: repository-relative, POSIX, no `..`, not absolute,
 * no backslash or drive letter. The empty string means the repository root.
 * (That the path, once resolved, stays inside the workspace through symlinks is checked with the
 * file system in `contract-path.ts`.)
 */
export function contractPathProblem(path: string): string | undefined {
  // JSON.stringify keeps the message on one line whatever the path holds.
  const shown = JSON.stringify(path);
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  if (/[\x00-\x1f\x7f]/.test(path)) return `${shown} contains a control character; give a plain folder path`;
  if (path.includes('\\')) return `${shown} contains a backslash; write the path with "/" separators`;
  if (/^[a-zA-Z]:/.test(path)) return `${shown} starts with a drive letter; give a path relative to the workspace root`;
  if (path.startsWith('/')) return `${shown} is absolute; give a path relative to the workspace root, e.g. "models/churn"`;
  if (path.startsWith('~')) return `${shown} starts with "~", which is not expanded; give a path relative to the workspace root`;
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return `${shown} contains ".."; contract folders must stay inside the workspace`;
  return undefined;
}

/** The canonical form of a contract path: no `./`, no duplicate or trailing slashes; root is "". */
export function normalizeContractPath(path: string): string {
  return path
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}
