/**
 * Matching the git remote to a Deeploy repository (whose `remotePath` is the URL Deeploy clones).
 * The same repository is written many ways: `git@github.com:acme/models.git`,
 * `ssh://git@github.com/acme/models`, `https://user:token@GitHub.com/acme/models/`. Both sides are
 * reduced to `host[:port]/path`, lower-cased, before comparing. Pure.
 */
import { UserError } from '../user-error';

export class RepositoryMatchError extends UserError {}

const DEFAULT_PORTS: Record<string, string> = { 'https:': '443', 'http:': '80', 'ssh:': '22', 'git:': '9418' };

function trimPath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .replace(/\/+$/, '')
    .replace(/\/{2,}/g, '/');
}

/**
 * The canonical form of a git remote: `host[:port]/path` (no scheme, user, credentials, query,
 * `.git` or trailing slash), or `file:/abs/path` for a repository on disk. Lower-cased: hosts are
 * case-insensitive, and so are repository paths on the common hosts (GitHub, GitLab, Bitbucket).
 * An ssh port is dropped (it says how to connect, not which repository); an http(s) port is kept
 * unless it is the default one.
 */
export function normalizeRemoteUrl(raw: string): string {
  const text = raw.trim();
  // scp-like syntax: [user@]host:path (no scheme, and no slash before the first colon).
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/\/)(.*)$/.exec(text);
  if (scp && !/^[a-zA-Z]:[\\/]/.test(text)) {
    return `${scp[1]}/${trimPath(scp[2]).replace(/^\/+/, '')}`.toLowerCase();
  }
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(text)) {
    const scheme = text.slice(0, text.indexOf(':') + 1).toLowerCase();
    if (scheme === 'file:') return `file:${trimPath(decodeURIComponent(text.slice('file://'.length)))}`.toLowerCase();
    let url: URL;
    try {
      // `git+ssh://` and `ssh+git://` are spellings of ssh; URL parses them as opaque schemes.
      url = new URL(text.replace(/^[^:]+:/, scheme.includes('ssh') ? 'ssh:' : scheme));
    } catch {
      return trimPath(text).toLowerCase();
    }
    const protocol = url.protocol;
    const keepPort = url.port && protocol !== 'ssh:' && DEFAULT_PORTS[protocol] !== url.port;
    const host = url.hostname + (keepPort ? `:${url.port}` : '');
    return `${host}/${trimPath(decodeURIComponent(url.pathname)).replace(/^\/+/, '')}`.toLowerCase();
  }
  // A local path (absolute, or Windows drive path): a repository on disk.
  return `file:${trimPath(text)}`.toLowerCase();
}

export interface RepositoryLike {
  id: string;
  name?: string;
  remotePath?: string;
}

/** The one Deeploy repository whose remotePath is the same repository as the git remote. */
export function matchRepository<R extends RepositoryLike>(remoteUrl: string, repositories: readonly R[], remoteName = 'origin'): R {
  const wanted = normalizeRemoteUrl(remoteUrl);
  const matches = repositories.filter((r) => r.remotePath && normalizeRemoteUrl(r.remotePath) === wanted);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new RepositoryMatchError(
      `git remote "${remoteName}" (${wanted}) matches ${matches.length} Deeploy repositories (${matches.map(describe).join(', ')}): remove the duplicate in Deeploy`,
    );
  }
  const known = repositories.filter((r) => r.remotePath).map((r) => normalizeRemoteUrl(r.remotePath as string));
  const list = known.length
    ? `the workspace's repositories are ${known.slice(0, 10).join(', ')}${known.length > 10 ? ` and ${known.length - 10} more` : ''}`
    : 'the workspace has no repositories';
  throw new RepositoryMatchError(
    `git remote "${remoteName}" (${wanted}) matches no Deeploy repository (${list}): add the repository in Deeploy, or set the "remote" option to the remote Deeploy knows`,
  );
}

function describe(r: RepositoryLike): string {
  return r.name ? `${r.name} (${r.id})` : r.id;
}
