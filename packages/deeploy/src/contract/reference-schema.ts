/**
 * The zod schemas of `reference.json` (deeploy-api.md §5, §8): the single source of truth for the
 * file's shape; the TypeScript types are inferred from them.
 * Read as Deeploy reads it: Deeploy's published schema types every optional field as
 * string-or-null and does not forbid extra keys, and older official clients wrote explicit
 * `null`s and a `credentialsId` in `blob` and `docker`. So an optional `null` reads as absent, and
 * an unknown key is kept (it is reported as a warning by `referenceUnknownKeys`, because a
 * misspelt optional field is silently ignored by Deeploy). Our writers still write no nulls.
 */
import { z } from 'zod';
import { blobUrlProblem, dockerImageProblem, portProblem, routeProblem } from './validators';

function checkedString(problem: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

const nonEmpty = z.string().min(1, 'must not be empty');

/** An optional field: `null` (as older clients wrote) reads as absent. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.optional());
}

const port = z.number().superRefine((value, ctx) => {
  const message = portProblem(value);
  if (message) ctx.addIssue({ code: 'custom', message });
});

export const blobReferenceSchema = z.looseObject({
  url: checkedString(blobUrlProblem),
  region: optional(nonEmpty),
});

export const dockerReferenceSchema = z.looseObject({
  image: checkedString(dockerImageProblem),
  uri: checkedString(routeProblem),
  port: optional(port),
});

export const mlflowReferenceSchema = z.looseObject({
  model: nonEmpty,
  version: optional(nonEmpty),
  stage: optional(nonEmpty),
  alias: optional(nonEmpty),
  blob: optional(z.looseObject({ region: optional(nonEmpty) })),
});

export const azureMLReferenceSchema = z.looseObject({
  image: checkedString(dockerImageProblem),
  uri: checkedString(routeProblem),
  port,
  readinessPath: checkedString(routeProblem),
  livenessPath: checkedString(routeProblem),
  model: optional(nonEmpty),
  version: optional(nonEmpty),
});

export const databricksReferenceSchema = z.looseObject({
  model: nonEmpty,
  alias: optional(nonEmpty),
  version: optional(nonEmpty),
});

export const huggingfaceReferenceSchema = z.looseObject({
  model: nonEmpty,
});

const kindSchemas = {
  blob: blobReferenceSchema,
  docker: dockerReferenceSchema,
  mlflow: mlflowReferenceSchema,
  azureML: azureMLReferenceSchema,
  databricks: databricksReferenceSchema,
  huggingface: huggingfaceReferenceSchema,
};

export type BlobReference = z.infer<typeof blobReferenceSchema>;
export type DockerReference = z.infer<typeof dockerReferenceSchema>;
export type MlflowReference = z.infer<typeof mlflowReferenceSchema>;
export type AzureMLReference = z.infer<typeof azureMLReferenceSchema>;
export type DatabricksReference = z.infer<typeof databricksReferenceSchema>;
export type HuggingfaceReference = z.infer<typeof huggingfaceReferenceSchema>;

/** The combinations of kinds each artifact may hold, as sorted key lists. */
export const ALLOWED_KIND_SETS = {
  model: [['blob'], ['docker'], ['mlflow'], ['azureML'], ['databricks'], ['huggingface']],
  explainer: [
    ['blob'],
    ['docker'],
    ['mlflow'],
    ['azureML'],
    ['databricks'],
    ['huggingface'],
    ['blob', 'docker'],
    ['docker', 'mlflow'],
    ['databricks', 'docker'],
  ],
  transformer: [['docker'], ['blob', 'docker']],
} as const;

function describeSets(sets: readonly (readonly string[])[]): string {
  return sets.map((s) => s.join('+')).join(', ');
}

/** The inner object of a reference: every kind optional, and the combination checked as a whole. */
function referenceBody(artifact: keyof typeof ALLOWED_KIND_SETS) {
  const allowed = ALLOWED_KIND_SETS[artifact];
  return z
    .strictObject(
      {
        blob: optional(blobReferenceSchema),
        docker: optional(dockerReferenceSchema),
        mlflow: optional(mlflowReferenceSchema),
        azureML: optional(azureMLReferenceSchema),
        databricks: optional(databricksReferenceSchema),
        huggingface: optional(huggingfaceReferenceSchema),
      },
      {
        // The commonest slip is leaving out the wrapper: say what the file looks like.
        error: (issue) =>
          issue.input === undefined
            ? 'is missing; a reference.json is {"reference": {"<kind>": {...}}}, e.g. {"reference": {"blob": {"url": "s3://bucket/path"}}}'
            : undefined,
      },
    )
    .superRefine((body, ctx) => {
      const kinds = Object.keys(body)
        .filter((k) => (body as Record<string, unknown>)[k] !== undefined)
        .sort();
      const ok = allowed.some((set) => set.length === kinds.length && set.every((k, i) => k === kinds[i]));
      if (!ok) {
        const got = kinds.length === 0 ? 'no kind' : kinds.join('+');
        ctx.addIssue({
          code: 'custom',
          message: `holds ${got}; a ${artifact} reference holds exactly one of: ${describeSets(allowed)}`,
        });
      }
    });
}

// The file and each kind object keep unknown keys (warned about); the kinds themselves are a
// closed set, because a reference holding no kind Deeploy knows deploys nothing.
export const modelReferenceFileSchema = z.looseObject({ reference: referenceBody('model') });
export const explainerReferenceFileSchema = z.looseObject({ reference: referenceBody('explainer') });
export const transformerReferenceFileSchema = z.looseObject({ reference: referenceBody('transformer') });

export const referenceFileSchemas = {
  model: modelReferenceFileSchema,
  explainer: explainerReferenceFileSchema,
  transformer: transformerReferenceFileSchema,
} as const;

export type ReferenceBody = z.infer<typeof modelReferenceFileSchema>['reference'];
export type ReferenceFile = { reference: ReferenceBody };

export { kindSchemas };

function unknownKeysOf(value: unknown, known: readonly string[], path: string): string[] {
  if (!value || typeof value !== 'object') return [];
  return (
    Object.keys(value)
      .filter((key) => !known.includes(key))
      // A key is the file's text: quoted unless plain, so a warning line stays one clean line.
      .map((key) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? [path, key].filter(Boolean).join('.') : `${path}[${JSON.stringify(key)}]`))
  );
}

/**
 * The JSON paths of the keys a parsed reference.json holds that Deeploy's schema does not name
 * (`reference.blob.credentialsId`), for one warning each. They are kept, not refused.
 */
export function referenceUnknownKeys(file: { reference: ReferenceBody } & Record<string, unknown>): string[] {
  const found = unknownKeysOf(file, ['reference'], '');
  for (const [kind, schema] of Object.entries(kindSchemas)) {
    const value = (file.reference as Record<string, unknown>)[kind];
    found.push(...unknownKeysOf(value, Object.keys(schema.shape), `reference.${kind}`));
    if (kind === 'mlflow') found.push(...unknownKeysOf((value as { blob?: unknown } | undefined)?.blob, ['region'], 'reference.mlflow.blob'));
  }
  return found;
}
