/**
 * Generator options checked with their zod schema. Nx checks `schema.json` first on the command
 * line; this check also covers programmatic calls (other generators, tests, Nx Console) and turns
 * zod's issues into the same one-line, flag-named errors.
 */
import type { z } from 'zod';
import { GeneratorInputError } from './generator-error';

export function parseOptions<S extends z.ZodType>(generator: string, schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `--${key}: is not an option of deeploy:${generator}; see nx g deeploy:${generator} --help`);
    }
    const flag = `--${issue.path.map(String).join('.')}`;
    const given = (raw as Record<string, unknown> | undefined)?.[String(issue.path[0])];
    if (issue.code === 'invalid_type' && given === undefined) return [`${flag}: is required`];
    if (issue.code === 'invalid_type') return [`${flag}: must be ${issue.expected === 'boolean' ? 'true or false' : `a ${issue.expected}`}`];
    if (issue.code === 'invalid_union') return [`${flag}: must be text or a number`];
    return [`${flag}: ${issue.message}`];
  });
  throw new GeneratorInputError(generator, problems);
}
