import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { echoesOf, leakedFragment } from '../api/testing/secret-leaks';
import deployExecutor from '../executors/deploy/executor';
import { createHarness, type Harness } from '../executors/testing/harness';

const ACCESS = 'AKcanary-access-2Q';
const SECRET = 'Cn4ry&Secr<et"7f/+=x9Lw';
const BASIC = Buffer.from(`${ACCESS}:${SECRET}`).toString('base64');
/** Where the server message is cut in the failure line. */
const CUT = 200;
const LEAD = 'Credential received: ';

describe('a server that echoes the key at the cut of its message', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ accessKey: ACCESS, secretKey: SECRET });
  });
  afterAll(() => h.close());

  /** Each echo at offsets where it straddles the cut, through the deploy task, as a user sees it. */
  const cases = Object.entries(echoesOf(SECRET, BASIC)).flatMap(([form, echo]) => {
    const straddling = Array.from({ length: echo.length + 1 }, (_, k) => CUT - echo.length + k);
    const offsets = form === 'plain' ? straddling : straddling.filter((_, k) => k % 12 === 0);
    return offsets.map((offset) => ({ form, echo, offset }));
  });

  it(`leaves no 8 characters of it in the terminal, the JSON report or the step summary (${cases.length} runs)`, async () => {
    const summary = join(h.repo.dir, '..', 'step-summary.md');
    const reportDir = join(h.repo.dir, '.deeploy', 'reports');
    h.setEnv({ GITHUB_STEP_SUMMARY: summary, GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1' });
    for (const { form, echo, offset } of cases) {
      h.printed.length = 0;
      rmSync(summary, { force: true });
      rmSync(reportDir, { recursive: true, force: true });
      const text = `${'.'.repeat(Math.max(0, offset - LEAD.length))}${LEAD}${echo} (your key)`;
      h.emulator.setFaults({ serverErrors: { method: 'GET', count: 1, status: 500, body: `<html><body><p>${text}</p></body></html>` } });
      expect(await deployExecutor(h.options('deeploy-deploy'), h.context())).toEqual({ success: false });
      const outputs = {
        terminal: h.printed.join('\n'),
        report: readdirSync(reportDir)
          .map((f) => readFileSync(join(reportDir, f), 'utf8'))
          .join('\n'),
        summary: readFileSync(summary, 'utf8'),
      };
      expect(outputs.terminal).toContain('500 Internal Server Error: ');
      for (const [where, output] of Object.entries(outputs)) {
        const leaked = leakedFragment(output, [ACCESS, SECRET, BASIC]);
        if (leaked !== undefined) throw new Error(`the ${form} echo at offset ${offset} left "${leaked}" in the ${where}: ${output}`);
      }
    }
  });
});
