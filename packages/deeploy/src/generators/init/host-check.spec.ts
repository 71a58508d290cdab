/**
 * `nx g deeploy:init --host` and the API client check a Deeploy host with the same function: a host
 * init writes into nx.json is one the client calls, and a host either refuses, both refuse with the
 * same rule and the same fix, each naming the option in its own words.
 */
import { readNxJson } from '../../nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { resolveApiBaseUrl } from '../../api/base-url';
import { captureLog, changesOf } from '../lib/testing/tree-helpers';
import { initGenerator } from './generator';

type Outcome = { accepted: string } | { refused: string };

async function throughInit(host: string): Promise<Outcome> {
  const tree = createTreeWithEmptyWorkspace();
  const log = captureLog();
  const before = changesOf(tree);
  try {
    await initGenerator(tree, { skipFormat: true, host });
  } catch (error) {
    expect(changesOf(tree)).toBe(before);
    return { refused: (error as Error).message.replace(/^deeploy:init: /, '').replaceAll('--host', 'HOST') };
  } finally {
    log.restore();
  }
  const entry = readNxJson(tree)?.plugins?.find((p) => typeof p === 'object' && p.plugin === 'nx-deeploy');
  return { accepted: String((entry as { options: { host: string } }).options.host) };
}

function throughClient(host: string): Outcome {
  try {
    return { accepted: resolveApiBaseUrl({ host }) };
  } catch (error) {
    return { refused: (error as Error).message.replaceAll('host (DEEPLOY_HOST)', 'HOST') };
  }
}

describe('the Deeploy host check, through init and through the client', () => {
  it.each([
    ['x.deeploy.ml', 'https://api.x.deeploy.ml'],
    ['X.Deeploy.ml', 'https://api.x.deeploy.ml'],
    ['x.deeploy.ml:8443', 'https://api.x.deeploy.ml:8443'],
  ])('both accept %j: init writes it, the client calls %s', async (host, url) => {
    expect(await throughInit(host)).toEqual({ accepted: host });
    expect(throughClient(host)).toEqual({ accepted: url });
  });

  it.each([
    [
      'https://api.x.deeploy.ml',
      'HOST "https://api.x.deeploy.ml" must not include a scheme; set HOST to the bare domain "x.deeploy.ml" (the API URL becomes https://api.x.deeploy.ml), or use apiUrl (DEEPLOY_API_URL) for a full URL',
    ],
    ['api.x.deeploy.ml', 'HOST "api.x.deeploy.ml" must not start with "api."; write "x.deeploy.ml" (the client adds "api.")'],
    [
      'x.deeploy.ml/v2',
      'HOST "x.deeploy.ml/v2" must not include a path; set HOST to the bare domain "x.deeploy.ml" (the API URL becomes https://api.x.deeploy.ml), and put a path prefix in apiPrefix',
    ],
    ['x.deeploy.ml/', 'HOST "x.deeploy.ml/" must not end with "/"; write "x.deeploy.ml"'],
    [
      'user:hunter2@x.deeploy.ml',
      'HOST must not contain credentials ("user:password@"); set HOST to the bare domain, e.g. "example.deeploy.ml" (the API URL becomes https://api.example.deeploy.ml), and keep keys in DEEPLOY_ACCESS_KEY / DEEPLOY_SECRET_KEY',
    ],
    [
      'http://x.deeploy.ml',
      'HOST "http://x.deeploy.ml" must not include a scheme; set HOST to the bare domain "x.deeploy.ml" (the API URL becomes https://api.x.deeploy.ml), or use apiUrl (DEEPLOY_API_URL) for a full URL',
    ],
    [
      'http://127.0.0.1:4010',
      'HOST "http://127.0.0.1:4010" must not include a scheme; set HOST to the bare domain "127.0.0.1:4010" (the API URL becomes https://api.127.0.0.1:4010), or use apiUrl (DEEPLOY_API_URL) for a full URL',
    ],
    ['[::1]', 'HOST "[::1]" is not a host name; set HOST to the bare domain, e.g. "example.deeploy.ml" (the API URL becomes https://api.example.deeploy.ml)'],
    [
      '',
      'HOST is empty; set HOST to the bare domain, e.g. "example.deeploy.ml" (the API URL becomes https://api.example.deeploy.ml), or use apiUrl (DEEPLOY_API_URL) for a full URL',
    ],
  ])('both refuse %j with the same line, and init writes nothing', async (host, line) => {
    expect(await throughInit(host)).toEqual({ refused: line });
    expect(throughClient(host)).toEqual({ refused: line });
  });

  it('shows a control character escaped, so a value cannot drive the terminal', async () => {
    const line =
      'HOST "x\\u001b[2Jy.deeploy.ml" is not a host name; set HOST to the bare domain, e.g. "example.deeploy.ml" (the API URL becomes https://api.example.deeploy.ml)';
    expect(await throughInit('x\u001b[2Jy.deeploy.ml')).toEqual({ refused: line });
    expect(throughClient('x\u001b[2Jy.deeploy.ml')).toEqual({ refused: line });
  });

  it('never echoes what looks like a password, in either path', async () => {
    for (const host of ['user:hunter2@x.deeploy.ml', 'x.deeploy.ml@hunter2', 'https://user:hunter2@x.deeploy.ml/']) {
      const outcomes = [await throughInit(host), throughClient(host)];
      for (const outcome of outcomes) {
        expect(outcome).toHaveProperty('refused');
        expect(JSON.stringify(outcome)).not.toContain('hunter2');
      }
    }
  });
});
