import { DeeployApiError, OutcomeUnknownError, serverMessageOf, textOfHtml } from './errors';
import { echoesOf, leakedFragment } from './testing/secret-leaks';

describe('serverMessageOf', () => {
  it.each([
    ['{"message":"Deployment does not exist","statusCode":404}', 'Deployment does not exist'],
    ['{"message":["name should not be empty","modelType must be an integer"]}', 'name should not be empty; modelType must be an integer'],
    ['{"error":"invalid_token"}', 'invalid_token'],
    ['{"detail":"Not found"}', 'Not found'],
    ['{"error":{"message":"nested reason"}}', 'nested reason'],
    ['<html><head><style>p{}</style><title>502</title></head><body><h1>Bad\n\n gateway</h1></body></html>', '502 Bad gateway'],
    ['  upstream   connect error\n or disconnect  ', 'upstream connect error or disconnect'],
    ['{"statusCode":500}', '{"statusCode":500}'],
    ['', undefined],
  ])('%s → %s', (body, expected) => {
    expect(serverMessageOf(body, [])).toBe(expected);
  });

  it('keeps the first 200 characters of a long body', () => {
    expect(serverMessageOf('x'.repeat(500), [])).toBe(`${'x'.repeat(200)}…`);
  });
});

describe('error messages', () => {
  it('name method, path, status and the server message', () => {
    const error = new DeeployApiError({ method: 'PATCH', path: '/workspaces/w/deployments/d', status: 409, serverMessage: 'busy', secrets: [] });
    expect(error.message).toBe('PATCH /workspaces/w/deployments/d failed: 409 Conflict: busy');
    expect(error).toMatchObject({ method: 'PATCH', path: '/workspaces/w/deployments/d', status: 409, serverMessage: 'busy', name: 'DeeployApiError' });
  });

  it('describe a failure without a status', () => {
    expect(new DeeployApiError({ method: 'GET', path: '/x', failure: 'connection failed (ECONNRESET)', note: 'after 5 attempts', secrets: [] }).message).toBe(
      'GET /x failed: connection failed (ECONNRESET) (after 5 attempts)',
    );
  });

  it('are redacted, fields included', () => {
    const error = new DeeployApiError({ method: 'GET', path: '/x', status: 500, serverMessage: 'echo s3cr3t-value', secrets: ['s3cr3t-value'] });
    expect(error.message).toBe('GET /x failed: 500 Internal Server Error: echo [REDACTED]');
    expect(error.serverMessage).toBe('echo [REDACTED]');
    const unknown = new OutcomeUnknownError({ method: 'POST', path: '/x', reason: 'reset by s3cr3t-value', secrets: ['s3cr3t-value'] });
    expect(unknown.message).toBe('POST /x: outcome unknown (reset by [REDACTED]); it may have been applied, so look it up before sending it again');
  });
});

describe('a secret echoed by the server, at every position around the 200-character cut', () => {
  const access = 'AKcanary-access-2Q';
  const secret = 'Cn4ry&Secr<et"7f/+=x9Lw';
  const basic = Buffer.from(`${access}:${secret}`).toString('base64');
  const secrets = [access, secret, basic];
  const wrappers: Record<string, (text: string) => string> = {
    'plain text': (text) => text,
    'an HTML page': (text) => `<html><body><h1>Error</h1><p>${text}</p></body></html>`,
    'a JSON message': (text) => JSON.stringify({ message: text }),
  };

  it.each(Object.keys(wrappers))('never leaves 8 characters of it in %s', (wrapper) => {
    let checked = 0;
    for (const [form, echo] of Object.entries(echoesOf(secret, basic))) {
      for (let offset = 200 - echo.length - 2; offset <= 202; offset++) {
        const text = `${'.'.repeat(Math.max(0, offset - 21))}Credential received: ${echo} and more text after it`.slice(-(offset + echo.length + 30));
        const body = wrappers[wrapper](text);
        const message = serverMessageOf(body, secrets) ?? '';
        const error = new DeeployApiError({ method: 'POST', path: '/x', status: 400, serverMessage: message, secrets });
        for (const line of [message, error.message]) {
          const leaked = leakedFragment(line, secrets);
          if (leaked !== undefined) throw new Error(`${form} at offset ${offset}: "${leaked}" survived in ${JSON.stringify(line)}`);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('never leaves a piece of it when the server message reaches the error unshortened', () => {
    const long = `${'x'.repeat(195)}${secret}${'y'.repeat(100)}`;
    const error = new DeeployApiError({ method: 'GET', path: '/x', status: 200, serverMessage: `unexpected reply: ${long}`, secrets });
    expect(leakedFragment(error.message, secrets)).toBeUndefined();
    expect(error.serverMessage?.length).toBeLessThanOrEqual(201);
  });
});

describe('server text from a hostile server', () => {
  it('drops terminal escapes and control characters, so a reply cannot recolour or rewrite the line', () => {
    expect(serverMessageOf('bad\u001b[2J\u001b[31m request\r::error::x\u0007', [])).toBe('bad [2J [31m request ::error::x');
  });

  it('survives deeply nested error objects', () => {
    const nested = `${'{"error":'.repeat(100_000)}"deep"${'}'.repeat(100_000)}`;
    expect(serverMessageOf(nested, [])).toMatch(/^\{"error":/);
  });

  it.each([
    ['2 MB of "<"', '<'.repeat(2 * 1024 * 1024)],
    ['2 MB of unclosed <script', '<html><script>'.repeat(150_000)],
    ['a 2 MB HTML page', `<html><body>${'<div class="row"><p>upstream failed</p></div>\n'.repeat(40_000)}</body></html>`],
    ['150 KB of message', JSON.stringify({ message: 'word '.repeat(30_000) })],
  ])('reads %s in linear time', (_, body) => {
    const started = Date.now();
    const message = serverMessageOf(body, ['some-secret-value']);
    // Generous for a loaded CI machine: the quadratic version took minutes.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((message ?? '').length).toBeLessThanOrEqual(201);
  });

  it('strips tags and the content of script and style', () => {
    expect(textOfHtml('<p>a</p><SCRIPT>var x = "<p>";</Script>b<style>p{}</style>c < d')).toBe(' a  b c < d');
  });
});
