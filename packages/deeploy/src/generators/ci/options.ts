/**
 * Options of `nx g deeploy:ci`. The one source of truth: the type is inferred from it, and
 * tools/schemas writes schema.json (what Nx reads for flags and prompts) from it.
 */
import { z } from 'zod';

export const CI_PROVIDERS = ['github', 'gitlab'] as const;
export type CiProvider = (typeof CI_PROVIDERS)[number];

/** Characters that are safe both in YAML scalars and in a shell word; git allows more. */
const BRANCH_NAME = /^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]+$/;
/** A Node.js version both `actions/setup-node` and the `node:<tag>` image understand. */
const NODE_VERSION = /^\d+(\.\d+){0,2}$/;

export const ciGeneratorOptionsSchema = z.object({
  provider: z.enum(CI_PROVIDERS),
  parallel: z.number().int().min(1).default(3),
  mainBranch: z.string().regex(BRANCH_NAME).default('main'),
  // Nx's command line hands over `--nodeVersion=20` as a number: accept a whole one, keep text.
  // A fraction is refused, as `20.10` would arrive as 20.1.
  nodeVersion: z.union([z.string(), z.number().int()]).transform(String).pipe(z.string().regex(NODE_VERSION)).default('20'),
  overwrite: z.boolean().default(false),
});

export type CiGeneratorOptions = z.infer<typeof ciGeneratorOptionsSchema>;
export type CiGeneratorInput = z.input<typeof ciGeneratorOptionsSchema>;

/** What each option must look like and an example, for the one-line error. */
const OPTION_RULES: Record<keyof CiGeneratorOptions, string> = {
  provider: 'must be github or gitlab; pass --provider=github or --provider=gitlab',
  parallel: 'must be a whole number of at least 1, e.g. --parallel=3',
  mainBranch: 'must be a branch name made of letters, digits, ".", "_", "/" and "-", e.g. --mainBranch=main',
  nodeVersion: 'must be a Node.js major or full version such as 20 or 20.19.0, e.g. --nodeVersion=20',
  overwrite: 'must be true or false',
};

/**
 * Parses raw generator options; on bad input throws ONE line naming the first bad option, its
 * value, the rule and an example, before anything is written.
 */
export function parseCiGeneratorOptions(raw: unknown): CiGeneratorOptions {
  const result = ciGeneratorOptionsSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const option = String(issue.path[0] ?? '') as keyof CiGeneratorOptions;
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[option] : undefined;
  const got = value === undefined ? 'missing' : `got ${JSON.stringify(value)}`;
  const rule = OPTION_RULES[option] ?? issue.message;
  throw new Error(`deeploy:ci: option --${option} (${got}) ${rule}.`);
}
