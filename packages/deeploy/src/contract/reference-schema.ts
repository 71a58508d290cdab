/**
 * The zod schemas of `reference.json` (deeploy-api.md §5): the single source of truth for the
 * file's shape; the TypeScript types are inferred from them.
 * Kind objects are strict: a misspelt optional field would be silently ignored by Deeploy, so we
 * refuse it here, where the fix is cheap.
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
const port = z.number().superRefine((value, ctx) => {
  const message = portProblem(value);
  if (message) ctx.addIssue({ code: 'custom', message });
});

export const blobReferenceSchema = z.strictObject({
  url: checkedString(blobUrlProblem),
  region: nonEmpty.optional(),
});

export const dockerReferenceSchema = z.strictObject({
  image: checkedString(dockerImageProblem),
  uri: checkedString(routeProblem),
  port: port.optional(),
});

export const mlflowReferenceSchema = z.strictObject({
  model: nonEmpty,
  version: nonEmpty.optional(),
  stage: nonEmpty.optional(),
  alias: nonEmpty.optional(),
  blob: z.strictObject({ region: nonEmpty.optional() }).optional(),
});

export const azureMLReferenceSchema = z.strictObject({
  image: checkedString(dockerImageProblem),
  uri: checkedString(routeProblem),
  port,
  readinessPath: checkedString(routeProblem),
  livenessPath: checkedString(routeProblem),
  model: nonEmpty.optional(),
  version: nonEmpty.optional(),
});

export const databricksReferenceSchema = z.strictObject({
  model: nonEmpty,
  alias: nonEmpty.optional(),
  version: nonEmpty.optional(),
});

export const huggingfaceReferenceSchema = z.strictObject({
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
        blob: blobReferenceSchema.optional(),
        docker: dockerReferenceSchema.optional(),
        mlflow: mlflowReferenceSchema.optional(),
        azureML: azureMLReferenceSchema.optional(),
        databricks: databricksReferenceSchema.optional(),
        huggingface: huggingfaceReferenceSchema.optional(),
      },
      {
        // The commonest slip is leaving out the wrapper: say what the file looks like.
        error: (issue) =>
          issue.input === undefined ? 'is missing; a reference.json is {"reference": {"<kind>": {...}}}, e.g. {"reference": {"blob": {"url": "s3://bucket/path"}}}' : undefined,
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

export const modelReferenceFileSchema = z.strictObject({ reference: referenceBody('model') });
export const explainerReferenceFileSchema = z.strictObject({ reference: referenceBody('explainer') });
export const transformerReferenceFileSchema = z.strictObject({ reference: referenceBody('transformer') });

export const referenceFileSchemas = {
  model: modelReferenceFileSchema,
  explainer: explainerReferenceFileSchema,
  transformer: transformerReferenceFileSchema,
} as const;

export type ReferenceBody = z.infer<typeof modelReferenceFileSchema>['reference'];
export type ReferenceFile = { reference: ReferenceBody };

export { kindSchemas };
