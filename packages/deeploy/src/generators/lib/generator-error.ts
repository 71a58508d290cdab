/**
 * The error a generator throws for bad input: one line, starting with the generator
 * (`deeploy:contract: --dockerPort: must be ...`), so Nx prints something a person can act on.
 * Several problems are joined on the same line, so one run reports all of them.
 */
import { UserError } from '../../user-error';

export class GeneratorInputError extends UserError {
  constructor(
    readonly generator: string,
    readonly problems: readonly string[],
  ) {
    super(`deeploy:${generator}: ${problems.join('; also ')}`);
  }
}

/** Throws when there is any problem; generators call it once, before their first write. */
export function throwIfProblems(generator: string, problems: readonly string[]): void {
  if (problems.length > 0) throw new GeneratorInputError(generator, problems);
}
