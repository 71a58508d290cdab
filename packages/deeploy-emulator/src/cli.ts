/**
 * The command line of `deeploy-emulator`: parsing and help text, pure so they can be tested
 * without starting a process.
 */
import { parseArgs } from 'node:util';
import { dialectProblem, type DialectSetting } from './dialect';

export const HELP = `Usage: deeploy-emulator [options]

A local emulator of the Deeploy API (for tests, demos and offline work).

Options:
  --port <n>              port to listen on (default 4010; 0 picks a free port)
  --host <address>        address to bind (default 127.0.0.1)
  --data <file>           JSON file the state is saved to and reloaded from
                          (default: in memory only, lost on exit)
  --seed <file>           JSON seed: {"credentials": {"accessKey", "secretKey", "tokens"?},
                          "workspaces": [{"id", "name"?, "repositories": [{"id"?, "name", "remotePath"}]}]}
                          (default: the built-in seed, credentials listed in the README)
  --ready-delay <ms>      how long a deployment stays pending before it runs or fails (default 200)
  --dialect <name|json>   how the open parts of the wire read (paging, version fields, status,
                          errorDetails, error bodies): a preset (conservative (default), classic,
                          items-with-totals, ids-everywhere, unpaged-lists-without-versions) or a
                          JSON object of options, e.g. '{"preset":"classic","pageCap":5}'
  --api-prefix <path>     serve Deeploy's paths under a prefix such as /v2 (default none)
  --allow-duplicate-names accept a deployment whose name is taken (default: 409), as a server
                          without unique names would
  -h, --help              show this help

Admin API (not part of Deeploy): GET/DELETE /__emulator/requests, GET/PUT /__emulator/faults,
GET/PUT /__emulator/dialect, GET /__emulator/state.
`;

export interface CliOptions {
  help: boolean;
  port: number;
  host: string;
  dataFile?: string;
  seedFile?: string;
  readyDelayMs: number;
  dialect: DialectSetting;
  apiPrefix?: string;
  allowDuplicateNames: boolean;
}

/** Parses the arguments; throws one line naming the option and the rule for bad input. */
export function parseCli(argv: string[]): CliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]}; see deeploy-emulator --help`);
  }
  const { values } = parsed;
  const dialect = dialectArg(values.dialect);
  return {
    help: values.help ?? false,
    port: wholeNumber('--port', values.port, 4010, 65535),
    host: values.host ?? '127.0.0.1',
    dataFile: values.data,
    seedFile: values.seed,
    readyDelayMs: wholeNumber('--ready-delay', values['ready-delay'], 200),
    dialect,
    apiPrefix: values['api-prefix'],
    allowDuplicateNames: values['allow-duplicate-names'] ?? false,
  };
}

/** A preset name, or a JSON object of dialect options. */
function dialectArg(text: string | undefined): DialectSetting {
  if (text === undefined) return 'conservative';
  let value: unknown = text;
  if (text.trim().startsWith('{')) {
    try {
      value = JSON.parse(text);
    } catch {
      throw new Error('--dialect is not valid JSON; pass a preset name or a JSON object such as \'{"preset":"classic"}\'');
    }
  }
  const problem = dialectProblem(value);
  if (problem) throw new Error(`--dialect: ${problem}`);
  return value as DialectSetting;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean', short: 'h' },
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      seed: { type: 'string' },
      'ready-delay': { type: 'string' },
      dialect: { type: 'string' },
      'api-prefix': { type: 'string' },
      'allow-duplicate-names': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
}

function wholeNumber(option: string, text: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max) throw new Error(`${option} must be a whole number from 0 to ${max}, got "${text}"`);
  return Number(text);
}
