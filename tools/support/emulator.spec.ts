import { describe, expect, it } from '@jest/globals';
import { TEST_SECRET_KEY, TEST_WORKSPACE_ID, deeployEnvFor, deploymentIdOf, isWriteRequest, startTestEmulator, testSeed, writesIn } from './emulator';

describe('the emulator helpers', () => {
  it('count as writes exactly the requests that could change Deeploy, never the admin ones', () => {
    const log = [
      { method: 'GET', path: '/workspaces/w/deployments' },
      { method: 'head', path: '/workspaces/w/deployments' },
      { method: 'OPTIONS', path: '/workspaces/w/deployments' },
      { method: 'POST', path: '/workspaces/w/deployments' },
      { method: 'patch', path: '/workspaces/w/deployments/d1' },
      { method: 'PUT', path: '/workspaces/w/deployments/d1/upload' },
      { method: 'DELETE', path: '/workspaces/w/deployments/d1' },
      { method: 'POST', path: '/__emulator/faults' },
    ];
    expect(log.filter(isWriteRequest).map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /workspaces/w/deployments',
      'patch /workspaces/w/deployments/d1',
      'PUT /workspaces/w/deployments/d1/upload',
      'DELETE /workspaces/w/deployments/d1',
    ]);
    expect(deploymentIdOf({ path: '/workspaces/w/deployments/d1?x=1' })).toBe('d1');
    expect(deploymentIdOf({ path: '/workspaces/w/deployments' })).toBeUndefined();
  });

  it('start a seeded emulator the plugin reaches with the DEEPLOY_* settings it gives', async () => {
    const seed = testSeed({ remotePath: '/tmp/origin.git' });
    const emulator = await startTestEmulator(seed);
    try {
      const env = deeployEnvFor(emulator, seed);
      expect(env).toEqual({
        DEEPLOY_API_URL: emulator.url,
        DEEPLOY_WORKSPACE_ID: TEST_WORKSPACE_ID,
        DEEPLOY_ACCESS_KEY: 'test-access-key',
        DEEPLOY_SECRET_KEY: TEST_SECRET_KEY,
      });
      const reply = await fetch(`${emulator.url}/workspaces/${TEST_WORKSPACE_ID}/repositories`, {
        headers: { authorization: `Basic ${Buffer.from(`${env.DEEPLOY_ACCESS_KEY}:${env.DEEPLOY_SECRET_KEY}`).toString('base64')}` },
      });
      expect(reply.status).toBe(200);
      expect(writesIn(emulator.requestLog())).toEqual([]);
    } finally {
      await emulator.stop();
    }
  });
});
