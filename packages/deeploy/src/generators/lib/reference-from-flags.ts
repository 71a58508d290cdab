/**
 * Flags → `reference.json`, for every reference kind, from ONE table.
 *
 * Every kind flag is `<prefix><Kind><Field>`: unprefixed for the model (`--blobUrl`,
 * `--dockerPort`, `--mlflowBlobRegion`) and prefixed for the other artifacts
 * (`--explainerBlobUrl`, `--transformerDockerImage`). The table below is the only place that says
 * which flags exist and which reference field each one fills; the options schemas of the
 * generators, their `schema.json` (written by tools/schemas) and the error messages all come from it.
 * Which fields are required, and every value rule, come from the zod reference schemas: building
 * a reference here never re-states a contract rule.
 */
import { z } from 'zod';
import type { Artifact, ReferenceKind } from '../../contract/enums';
import { REFERENCE_KINDS } from '../../contract/enums';
import { ALLOWED_KIND_SETS, kindSchemas, referenceFileSchemas } from '../../contract/reference-schema';
import type { ReferenceFile } from '../../contract/reference-schema';
import { portProblem } from '../../contract/validators';
import { withArticle } from './text';

interface FieldSpec {
  /** Path of the field inside the kind object, dot-separated (`blob.region` for mlflow). */
  readonly field: string;
  readonly description: string;
  readonly example: string;
  /**
   * How `schema.json` types the flag, when not as text: `integer` for ports (Nx Console offers a
   * number field, the Nx CLI hands over a number); `string-or-number` for values that are often
   * all digits (versions, aliases), which an Nx CLI that parses numbers hands over as numbers and
   * a `string` type would then refuse.
   */
  readonly nxType?: 'integer' | 'string-or-number';
}

/** Kind → flag suffix → field. */
export const KIND_FLAG_TABLE = {
  blob: {
    Url: { field: 'url', description: 'blob storage URL of the folder holding the artifact', example: 's3://bucket/path/to/model' },
    Region: { field: 'region', description: 'region of the blob storage', example: 'eu-west-1' },
  },
  docker: {
    Image: { field: 'image', description: 'docker image reference', example: 'docker.io/acme/model:1.2.3' },
    Uri: { field: 'uri', description: 'predict route inside the container', example: '/v1/models/model:predict' },
    Port: { field: 'port', description: 'port the container listens on', example: '8080', nxType: 'integer' },
  },
  mlflow: {
    Model: { field: 'model', description: 'MLflow registered model name', example: 'churn' },
    Version: { field: 'version', description: 'MLflow model version', example: '3', nxType: 'string-or-number' },
    Stage: { field: 'stage', description: 'MLflow model stage', example: 'Production' },
    Alias: { field: 'alias', description: 'MLflow model alias', example: 'champion', nxType: 'string-or-number' },
    BlobRegion: { field: 'blob.region', description: 'region of the blob storage behind MLflow', example: 'eu-west-1' },
  },
  azureML: {
    Image: { field: 'image', description: 'docker image reference', example: 'acme.azurecr.io/model:1.2.3' },
    Uri: { field: 'uri', description: 'predict route inside the container', example: '/score' },
    Port: { field: 'port', description: 'port the container listens on', example: '5001', nxType: 'integer' },
    ReadinessPath: { field: 'readinessPath', description: 'readiness probe route', example: '/ready' },
    LivenessPath: { field: 'livenessPath', description: 'liveness probe route', example: '/live' },
    Model: { field: 'model', description: 'Azure ML model name', example: 'churn' },
    Version: { field: 'version', description: 'Azure ML model version', example: '1', nxType: 'string-or-number' },
  },
  databricks: {
    Model: { field: 'model', description: 'Databricks (Unity Catalog) model name', example: 'main.default.churn' },
    Alias: { field: 'alias', description: 'Databricks model alias', example: 'champion', nxType: 'string-or-number' },
    Version: { field: 'version', description: 'Databricks model version', example: '2', nxType: 'string-or-number' },
  },
  huggingface: {
    Model: { field: 'model', description: 'Hugging Face model id', example: 'distilbert-base-uncased' },
  },
} as const satisfies Record<ReferenceKind, Record<string, FieldSpec>>;

type KindTable = typeof KIND_FLAG_TABLE;
type Suffix<K extends ReferenceKind> = keyof KindTable[K] & string;

/** '' for the model's flags (and for `reference`, which applies them to `--artifact`). */
export type FlagPrefix = '' | 'explainer' | 'transformer';

/** The flag names of one prefix and a set of kinds, as a type: `blobUrl`, `explainerDockerPort`... */
export type KindFlag<P extends FlagPrefix, K extends ReferenceKind = ReferenceKind> = {
  [Kind in K]: `${P extends '' ? Kind : `${P}${Capitalize<Kind>}`}${Suffix<Kind>}`;
}[K];

/** The kinds an artifact may hold at all (in any allowed combination), in table order. */
export function kindsOf(artifact: Artifact): ReferenceKind[] {
  const allowed = new Set<string>(ALLOWED_KIND_SETS[artifact].flat());
  return REFERENCE_KINDS.filter((kind) => allowed.has(kind));
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function kindFlagName(prefix: FlagPrefix, kind: ReferenceKind, suffix: string): string {
  return prefix === '' ? `${kind}${suffix}` : `${prefix}${capitalize(kind)}${suffix}`;
}

export interface KindFlagSpec extends FieldSpec {
  readonly flag: string;
  readonly kind: ReferenceKind;
  readonly required: boolean;
}

/** A field is required when its kind's zod schema refuses it missing. */
function isRequired(kind: ReferenceKind, field: string): boolean {
  const top = field.split('.')[0];
  const shape = kindSchemas[kind].shape as Record<string, z.ZodType>;
  return !shape[top].safeParse(undefined).success;
}

/** Every flag of `prefix` for `kinds`, in table order. */
export function kindFlagSpecs(prefix: FlagPrefix, kinds: readonly ReferenceKind[]): KindFlagSpec[] {
  return kinds.flatMap((kind) =>
    Object.entries(KIND_FLAG_TABLE[kind] as Record<string, FieldSpec>).map(([suffix, spec]) => ({
      ...spec,
      flag: kindFlagName(prefix, kind, suffix),
      kind,
      required: isRequired(kind, spec.field),
    })),
  );
}

/**
 * The Nx CLI (yargs) turns numeric-looking flag values into numbers (`--mlflowVersion=3` arrives
 * as 3), so every kind flag takes a string or a number; text fields are turned back into strings.
 */
const kindFlagValue = z.union([z.string(), z.number()]).optional();

/** The zod shape of the kind flags of `prefix` for `kinds`, typed with the exact flag names. */
export function kindFlagsShape<P extends FlagPrefix, K extends ReferenceKind>(prefix: P, kinds: readonly K[]): Record<KindFlag<P, K>, typeof kindFlagValue> {
  return Object.fromEntries(kindFlagSpecs(prefix, kinds).map((spec) => [spec.flag, kindFlagValue])) as Record<KindFlag<P, K>, typeof kindFlagValue>;
}

/** `blob: --blobUrl [--blobRegion]`: how to write one kind, optional flags in brackets. */
export function describeKindFlags(prefix: FlagPrefix, kind: ReferenceKind): string {
  const flags = kindFlagSpecs(prefix, [kind]).map((s) => (s.required ? `--${s.flag}` : `[--${s.flag}]`));
  return `${kind}: ${flags.join(' ')}`;
}

/** How to write a reference for `artifact` with `prefix`: the allowed kind groups, `; `-separated. */
export function describeArtifactFlags(prefix: FlagPrefix, artifact: Artifact): string {
  return ALLOWED_KIND_SETS[artifact].map((set) => set.map((kind) => describeKindFlags(prefix, kind as ReferenceKind)).join(' + ')).join('; ');
}

export type FlagValues = Readonly<Record<string, unknown>>;

export interface ReferenceFromFlags {
  /** Kinds given on the command line for this prefix (sorted as the table lists them). */
  readonly kinds: ReferenceKind[];
  /** The reference file, when the flags describe a valid one. */
  readonly file?: ReferenceFile;
  /** One sentence per problem, each starting with the flag it is about. */
  readonly problems: string[];
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function flagValue(spec: KindFlagSpec, raw: unknown): { value?: unknown; problem?: string } {
  if (spec.field.endsWith('port')) {
    const port = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    const problem = portProblem(port);
    return problem ? { problem: `--${spec.flag}: ${problem}` } : { value: port };
  }
  return { value: String(raw) };
}

/**
 * Builds the `reference.json` of `artifact` from the flags of `prefix`, and checks it whole with
 * the artifact's zod schema. Gives no file and no problem when none of the flags is set, so the
 * caller decides whether the artifact is required.
 */
export function referenceFromFlags(values: FlagValues, prefix: FlagPrefix, artifact: Artifact): ReferenceFromFlags {
  // All kinds are looked at, not only the allowed ones, so `--mlflowModel` with
  // `--artifact=transformer` is reported instead of silently ignored.
  const specs = kindFlagSpecs(prefix, REFERENCE_KINDS).filter((spec) => values[spec.flag] !== undefined);
  const kinds = REFERENCE_KINDS.filter((kind) => specs.some((spec) => spec.kind === kind));
  if (kinds.length === 0) return { kinds, problems: [] };

  const allowed = ALLOWED_KIND_SETS[artifact].some((set) => set.length === kinds.length && [...set].sort().join() === [...kinds].sort().join());
  if (!allowed) {
    // Name the first flag given of each kind: that is what the user typed and must remove.
    const given = kinds.map((kind) => `--${specs.find((spec) => spec.kind === kind)!.flag}`);
    const what = kinds.length === 1 ? `${withArticle(kinds[0])} reference` : `${kinds.join(' and ')} references together`;
    return {
      kinds,
      problems: [`${given.join(', ')}: ${withArticle(artifact)} cannot have ${what}; give one of: ${describeArtifactFlags(prefix, artifact)}`],
    };
  }

  const problems: string[] = [];
  const body: Record<string, Record<string, unknown>> = {};
  for (const kind of kinds) body[kind] = {};
  for (const spec of specs) {
    const { value, problem } = flagValue(spec, values[spec.flag]);
    if (problem) problems.push(problem);
    else setAt(body[spec.kind], spec.field, value);
  }
  if (problems.length > 0) return { kinds, problems };

  const file = { reference: body };
  const parsed = referenceFileSchemas[artifact].safeParse(file);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(flagProblemOf(prefix, body, issue.path, issue.message));
    return { kinds, problems };
  }
  return { kinds, file: parsed.data as ReferenceFile, problems };
}

/** A zod issue inside `{reference: {...}}` as a sentence about the flag that fills that field. */
function flagProblemOf(prefix: FlagPrefix, body: Record<string, Record<string, unknown>>, path: readonly PropertyKey[], message: string): string {
  const [, kind, ...rest] = path.map(String);
  const field = rest.join('.');
  const spec = kind ? kindFlagSpecs(prefix, [kind as ReferenceKind]).find((s) => s.field === field) : undefined;
  if (!spec) return `${prefix || 'model'} reference: ${message}`;
  const given = field.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], body[kind]);
  if (given === undefined) {
    return `--${spec.flag}: is required for ${withArticle(kind)} reference (${describeKindFlags(prefix, spec.kind)}); e.g. --${spec.flag}=${spec.example}`;
  }
  return `--${spec.flag}: ${message}`;
}
