/** Test helper: plain HTTP calls to a running emulator with the default seed's credentials. */
import { defaultSeed } from '../seed';

const { accessKey, secretKey, tokens } = defaultSeed().credentials;
export const BASIC = `Basic ${Buffer.from(`${accessKey}:${secretKey}`).toString('base64')}`;
export const BEARER = `Bearer ${(tokens ?? [])[0]}`;

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { json?: unknown; body?: NonNullable<Parameters<typeof fetch>[1]>['body']; authorization?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const authorization = options.authorization === undefined ? BASIC : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
