import { HELP, parseCli } from './cli';

describe('the deeploy-emulator command line', () => {
  it('has defaults that need no flags', () => {
    expect(parseCli([])).toMatchObject({ help: false, port: 4010, host: '127.0.0.1', readyDelayMs: 200, dialect: 'conservative', allowDuplicateNames: false });
  });

  it('reads every option', () => {
    const options = parseCli([
      '--port',
      '0',
      '--data',
      './state.json',
      '--seed',
      'seed.json',
      '--ready-delay',
      '5',
      '--dialect',
      '{"preset":"classic","pageCap":3}',
      '--api-prefix',
      '/v2',
      '--allow-duplicate-names',
    ]);
    expect(options).toEqual({
      help: false,
      port: 0,
      host: '127.0.0.1',
      dataFile: './state.json',
      seedFile: 'seed.json',
      readyDelayMs: 5,
      dialect: { preset: 'classic', pageCap: 3 },
      apiPrefix: '/v2',
      allowDuplicateNames: true,
    });
  });

  it('documents every option in --help', () => {
    expect(parseCli(['--help']).help).toBe(true);
    for (const flag of ['--port', '--host', '--data', '--seed', '--ready-delay', '--dialect', '--api-prefix', '--allow-duplicate-names', '--help']) {
      expect(HELP).toContain(flag);
    }
  });

  it.each([
    [['--port', 'abc'], '--port must be a whole number from 0 to 65535, got "abc"'],
    [
      ['--dialect', 'paged'],
      '--dialect: unknown dialect "paged"; known: conservative, classic, items-with-totals, ids-everywhere, unpaged-lists-without-versions',
    ],
    [['--dialect', '{"paging":"cursor"}'], '--dialect: dialect.paging must be one of pages, items, none'],
    [['--dialect', '{"paging":'], '--dialect is not valid JSON'],
    [['--verbose'], "Unknown option '--verbose'"],
  ])('refuses %j with one line', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(message);
  });
});
