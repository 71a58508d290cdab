import { HELP, parseCli } from './cli';

describe('the deeploy-emulator command line', () => {
  it('has defaults that need no flags', () => {
    expect(parseCli([])).toMatchObject({ help: false, port: 4010, host: '127.0.0.1', readyDelayMs: 200, listShape: 'bare', omitActiveVersion: false, allowDuplicateNames: false });
  });

  it('reads every option', () => {
    const options = parseCli(['--port', '0', '--data', './state.json', '--seed', 'seed.json', '--ready-delay', '5', '--list-shape', 'wrapped', '--page-size', '3', '--api-prefix', '/v2', '--omit-active-version', '--allow-duplicate-names']);
    expect(options).toEqual({
      help: false,
      port: 0,
      host: '127.0.0.1',
      dataFile: './state.json',
      seedFile: 'seed.json',
      readyDelayMs: 5,
      listShape: 'wrapped',
      pageSize: 3,
      apiPrefix: '/v2',
      omitActiveVersion: true,
      allowDuplicateNames: true,
    });
  });

  it('documents every option in --help', () => {
    expect(parseCli(['--help']).help).toBe(true);
    for (const flag of ['--port', '--host', '--data', '--seed', '--ready-delay', '--list-shape', '--page-size', '--api-prefix', '--omit-active-version', '--allow-duplicate-names', '--help']) {
      expect(HELP).toContain(flag);
    }
  });

  it.each([
    [['--port', 'abc'], '--port must be a whole number from 0 to 65535, got "abc"'],
    [['--list-shape', 'paged'], '--list-shape must be "bare" or "wrapped", got "paged"'],
    [['--verbose'], "Unknown option '--verbose'"],
  ])('refuses %j with one line', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(message);
  });
});
