/**
 * Deeploy's two ways in (deeploy-api.md §1): `Basic base64(accessKey:secretKey)` with a personal
 * key pair, and `Bearer <token>` with a deployment token or an OIDC JWT.
 */
import type { EmulatorCredentials } from './types';

export type AuthKind = 'basic' | 'bearer' | 'none' | 'invalid';

export function authOf(header: string | undefined, credentials: EmulatorCredentials): AuthKind {
  if (!header) return 'none';
  const match = /^(\w+)\s+(\S+)\s*$/.exec(header);
  if (!match) return 'invalid';
  const scheme = match[1].toLowerCase();
  if (scheme === 'basic') {
    const decoded = Buffer.from(match[2], 'base64').toString('utf8');
    return decoded === `${credentials.accessKey}:${credentials.secretKey}` ? 'basic' : 'invalid';
  }
  if (scheme === 'bearer') return (credentials.tokens ?? []).includes(match[2]) ? 'bearer' : 'invalid';
  return 'invalid';
}
