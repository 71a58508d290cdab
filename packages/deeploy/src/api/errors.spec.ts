import { DeeployApiError, OutcomeUnknownError, serverMessageOf } from './errors';

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
    expect(serverMessageOf(body)).toBe(expected);
  });

  it('keeps the first 200 characters of a long body', () => {
    expect(serverMessageOf('x'.repeat(500))).toBe(`${'x'.repeat(200)}…`);
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
