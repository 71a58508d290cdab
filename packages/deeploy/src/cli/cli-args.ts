/**
 * Command-line arguments of `deeploy-ci`, parsed into one plain value per subcommand. Bad
 * arguments give one line naming the argument, the rule and an example.
 */
import { parseArgs } from 'node:util';
import { UserError } from '../user-error';

export const USAGE = [
  'Usage:',
  '  deeploy-ci summary [--reports <dir>] [--out <file>] [--print]',
  "      The run's deploy/update reports (default .deeploy/reports) as one Markdown table,",
  '      written to --out (e.g. "$GITHUB_STEP_SUMMARY") and/or printed (the default without --out).',
  '  deeploy-ci guard --base <sha> --head <sha> [--target deeploy-deploy]',
  '      Exits 1 with an explanation when every project with the target is affected,',
  '      unless DEEPLOY_ALLOW_ALL=true.',
  '  deeploy-ci doctor [--out <file>]',
  '      Read-only check of your Deeploy account with the environment keys: auth and workspace,',
  '      the repository of the git remote, how the deployment list pages, and the shape of a',
  '      deployment. Prints a table, writes a redacted JSON (default',
  '      .deeploy/reports/doctor/deeploy-doctor.json) and exits 1 when an assumption fails.',
  '  deeploy-ci orphans [--branch <name>] [--out <file>] [--fail-on-orphans]',
  '      Lists the deployments of this repository whose contract folder no longer exists at HEAD',
  '      (read-only: deleting stays your decision); --out adds them to a step summary file.',
  '      Needs the Deeploy settings and keys a deploy needs. Exits 2 when it cannot tell, and with',
  '      --fail-on-orphans 1 when there are orphans.',
].join('\n');

export type CliCommand =
  | { command: 'help' }
  | { command: 'summary'; reports?: string; out?: string; print: boolean }
  | { command: 'guard'; base: string; head: string; target: string }
  | { command: 'doctor'; out?: string }
  | { command: 'orphans'; branch?: string; out?: string; failOnOrphans: boolean };

/** A command line deeploy-ci cannot run: the message names the argument and gives an example. */
export class UsageError extends UserError {}

const COMMIT_REF = /^[^\s-]\S*$/;
const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9:._-]*$/;
/** What git accepts as a branch name, roughly: no spaces, control characters or leading "-". */
// eslint-disable-next-line no-control-regex -- control characters are what this rejects
const BRANCH_NAME = /^[^\s\x00-\x1f\x7f~^:?*[\\-][^\s\x00-\x1f\x7f~^:?*[\\]*$/;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === 'summary') {
    const { values } = parse(command, rest, {
      reports: { type: 'string' },
      out: { type: 'string' },
      print: { type: 'boolean', default: false },
    });
    for (const name of ['reports', 'out'] as const) {
      if (values[name] === '')
        throw new UsageError(
          `deeploy-ci summary: --${name} is empty; pass a path, e.g. --${name}=${name === 'out' ? '"$GITHUB_STEP_SUMMARY"' : '.deeploy/reports'}.`,
        );
    }
    return { command, reports: values.reports as string | undefined, out: values.out as string | undefined, print: values.print === true };
  }
  if (command === 'guard') {
    const { values } = parse(command, rest, {
      base: { type: 'string' },
      head: { type: 'string' },
      target: { type: 'string', default: 'deeploy-deploy' },
    });
    const base = commitArg(values.base, 'base', 'NX_BASE');
    const head = commitArg(values.head, 'head', 'NX_HEAD');
    const target = String(values.target);
    if (!TARGET_NAME.test(target)) throw new UsageError(`deeploy-ci guard: --target "${target}" is not a target name; e.g. --target=deeploy-deploy.`);
    return { command, base, head, target };
  }
  if (command === 'doctor') {
    const { values } = parse(command, rest, { out: { type: 'string' } });
    if (values.out === '') throw new UsageError('deeploy-ci doctor: --out is empty; pass a path, e.g. --out=doctor.json.');
    return { command, out: values.out as string | undefined };
  }
  if (command === 'orphans') {
    const { values } = parse(command, rest, {
      branch: { type: 'string' },
      out: { type: 'string' },
      'fail-on-orphans': { type: 'boolean', default: false },
    });
    if (values.out === '') throw new UsageError('deeploy-ci orphans: --out is empty; pass a path, e.g. --out="$GITHUB_STEP_SUMMARY".');
    const branch = values.branch as string | undefined;
    if (branch !== undefined && !BRANCH_NAME.test(branch)) {
      throw new UsageError(`deeploy-ci orphans: --branch "${branch}" is not a branch name; e.g. --branch=main.`);
    }
    return { command, branch, out: values.out as string | undefined, failOnOrphans: values['fail-on-orphans'] === true };
  }
  throw new UsageError(`deeploy-ci: unknown command "${command}"; use summary, guard, orphans or doctor (deeploy-ci --help).`);
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>;

function parse(command: string, args: readonly string[], options: OptionSpec) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false });
  } catch (error) {
    // node's messages name the argument ("Unknown option '--x'"); keep only the first sentence.
    const reason = (error as Error).message.split('\n')[0].replace(/\. .*$/, '');
    throw new UsageError(`deeploy-ci ${command}: ${reason}; see deeploy-ci --help.`);
  }
}

function commitArg(value: unknown, name: string, variable: string): string {
  if (value === undefined) throw new UsageError(`deeploy-ci guard: --${name} is missing; pass the ${name} commit, e.g. --${name}="$${variable}".`);
  const text = String(value);
  if (text === '')
    throw new UsageError(
      `deeploy-ci guard: --${name} is empty (is $${variable} set? nrwl/nx-set-shas or the pipeline's base step sets it); pass a commit sha.`,
    );
  if (!COMMIT_REF.test(text)) throw new UsageError(`deeploy-ci guard: --${name} "${text}" is not a commit; pass a sha or ref such as HEAD~1.`);
  return text;
}
