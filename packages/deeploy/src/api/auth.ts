/**
 * Deeploy's two credentials (deeploy-api.md §1) and the headers and secrets each one brings.
 */
import { DeeployConfigError } from './config-error';

export type DeeployAuth = { kind: 'basic'; accessKey: string; secretKey: string } | { kind: 'bearer'; token: string };

export const PERSONAL_KEYS_FIX = 'use a personal key pair: set DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY';

export function authorizationOf(auth: DeeployAuth): string {
  return auth.kind === 'basic' ? `Basic ${basicCredentialsOf(auth.accessKey, auth.secretKey)}` : `Bearer ${auth.token}`;
}

function basicCredentialsOf(accessKey: string, secretKey: string): string {
  return Buffer.from(`${accessKey}:${secretKey}`).toString('base64');
}

/** Every form in which these credentials could leak into text: the raw values and the Basic form. */
export function secretsOf(auth: DeeployAuth): string[] {
  return auth.kind === 'basic' ? [auth.accessKey, auth.secretKey, basicCredentialsOf(auth.accessKey, auth.secretKey)] : [auth.token];
}

/** Refuses unusable credentials before anything is sent; the message never holds their values. */
export function checkAuth(auth: DeeployAuth | undefined): DeeployAuth {
  if (!auth) throw new DeeployConfigError(`no Deeploy credentials: ${PERSONAL_KEYS_FIX} (or DEEPLOY_TOKEN for read-only calls)`);
  if (auth.kind === 'basic') {
    if (!auth.accessKey) throw new DeeployConfigError('the Deeploy access key is empty: set DEEPLOY_ACCESS_KEY');
    if (!auth.secretKey) throw new DeeployConfigError('the Deeploy secret key is empty: set DEEPLOY_SECRET_KEY');
    if (auth.accessKey.includes(':'))
      throw new DeeployConfigError('the Deeploy access key contains ":", which Basic authentication cannot carry: check DEEPLOY_ACCESS_KEY');
  } else if (!auth.token) {
    throw new DeeployConfigError('the Deeploy token is empty: set DEEPLOY_TOKEN');
  }
  for (const value of auth.kind === 'basic' ? [auth.accessKey, auth.secretKey] : [auth.token]) {
    if (/[\r\n\0]/.test(value)) throw new DeeployConfigError('a Deeploy credential contains a line break or NUL character: copy it again without them');
  }
  return auth;
}

/** Deeploy's clients send repositories, create, update and upload with Basic auth only. */
export function requirePersonalKeys(auth: DeeployAuth, operation: string): void {
  if (auth.kind !== 'basic') {
    throw new DeeployConfigError(`${operation} needs a personal key pair, but only a token is configured; ${PERSONAL_KEYS_FIX}`);
  }
}
