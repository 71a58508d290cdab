#!/usr/bin/env node
/**
 * `deeploy-emulator`: starts the emulator until interrupted. See `deeploy-emulator --help`.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HELP, parseCli } from './cli';
import { seedProblem } from './seed';
import { startEmulator } from './server';
import type { EmulatorSeed } from './types';

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseCli(argv);
  } catch (error) {
    process.stderr.write(`deeploy-emulator: ${(error as Error).message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }
  let seed: EmulatorSeed | undefined;
  if (options.seedFile) {
    const seedFile = path.resolve(options.seedFile);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(seedFile, 'utf8'));
    } catch (error) {
      process.stderr.write(`deeploy-emulator: --seed ${options.seedFile}: cannot be read as JSON (${(error as Error).message.split('\n')[0]})\n`);
      return 2;
    }
    const problem = seedProblem(parsed);
    if (problem) {
      process.stderr.write(`deeploy-emulator: --seed ${options.seedFile}: ${problem}\n`);
      return 2;
    }
    seed = parsed as EmulatorSeed;
  }

  const emulator = await startEmulator({
    port: options.port,
    host: options.host,
    dataFile: options.dataFile ? path.resolve(options.dataFile) : undefined,
    seed,
    readyDelayMs: options.readyDelayMs,
    dialect: options.dialect,
    apiPrefix: options.apiPrefix,
    allowDuplicateNames: options.allowDuplicateNames,
  });
  // The credentials' source, never their values: the defaults are listed in the README.
  const credentials = options.seedFile ? `from the seed file ${options.seedFile}` : 'the built-in defaults (see the deeploy-emulator README)';
  process.stdout.write(
    [
      `Deeploy emulator listening on ${emulator.url}${options.apiPrefix ? ` (API prefix ${options.apiPrefix})` : ''}`,
      `credentials: ${credentials}`,
      `state: ${options.dataFile ? `saved to ${options.dataFile}` : 'in memory (use --data <file> to keep it)'}`,
      `dialect: ${typeof options.dialect === 'string' ? options.dialect : JSON.stringify(options.dialect)} (see --help)`,
      `admin API: ${emulator.url}/__emulator/requests, /__emulator/faults, /__emulator/dialect, /__emulator/state`,
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`deeploy-emulator: ${error.message}\n`);
    process.exit(1);
  },
);
