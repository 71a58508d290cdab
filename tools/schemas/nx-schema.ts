/**
 * Builds an Nx `schema.json` (what the Nx CLI checks flags with and Nx Console shows) from a zod
 * object schema. The zod schema gives the option names and their order, the types, the enums, the
 * defaults zod fills and which options are required; a `SchemaView` adds what only Nx reads
 * (titles, help texts, prompts, positional arguments, priorities). Ranges, patterns and their
 * messages stay with zod, whose one-line errors name the option, the rule and an example.
 */
import { z } from 'zod';

export type NxType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | ['string', 'number'];

export interface NxProperty {
  type: NxType;
  items?: { type: NxType };
  enum?: readonly string[];
  default?: unknown;
  description: string;
  [nxOnly: string]: unknown;
}

/** What only Nx reads about one option; `type`, `enum` and `default` only where zod cannot say it. */
export interface OptionView {
  description?: string;
  type?: NxType;
  enum?: readonly string[];
  /** A default Nx shows and fills in, for an option zod leaves undefined. */
  default?: unknown;
  /** `$default`, `x-prompt`, `x-dropdown`, `x-priority`... copied as they are. */
  nx?: Record<string, unknown>;
}

export interface SchemaView {
  /** The file, relative to packages/deeploy/src. */
  file: string;
  /** `$id`/`version`, `title`, `description`, `examples`: the keys before `properties`. */
  head: Record<string, unknown>;
  options: z.ZodObject;
  /** Per option; an option zod has and the view does not is an error, and so is the reverse. */
  view: Record<string, OptionView>;
  /**
   * Generators list their required options and get zod's defaults. Executors do neither: their
   * settings carry no zod defaults, as a default would pass as a flag and mask lower layers.
   */
  kind: 'generator' | 'executor';
  /** A generator's Nx refuses unknown flags: always for a strict zod object, else when the view says so. */
  refuseUnknownFlags?: boolean;
}

type JsonSchema = { type?: string; anyOf?: JsonSchema[]; enum?: unknown[]; items?: JsonSchema; default?: unknown; description?: string };

/** The type Nx coerces and checks a flag with. In a union Nx treats integer as number. */
function nxTypeOf(json: JsonSchema): NxType | undefined {
  if (json.anyOf) {
    // An object alternative is for programmatic callers (a JSON flag given as an object): the
    // command line always passes text.
    const types = json.anyOf
      .map(nxTypeOf)
      .filter((type) => type !== undefined && type !== 'object')
      .map((type) => (type === 'integer' ? 'number' : type));
    const unique = [...new Set(types)];
    if (unique.length === 1) return unique[0] as NxType;
    if (unique.length === 2 && unique.includes('string') && unique.includes('number')) return ['string', 'number'];
    return undefined;
  }
  return json.type as NxType | undefined;
}

function isRequired(field: z.ZodType): boolean {
  return !field.safeParse(undefined).success;
}

/** What zod fills in for a missing option (also through a transform, which JSON Schema cannot show). */
function zodDefault(field: z.ZodType): unknown {
  const parsed = field.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}

export function nxSchema(schema: SchemaView): Record<string, unknown> {
  const shape = schema.options.shape as Record<string, z.ZodType>;
  const unknown = Object.keys(schema.view).filter((name) => !(name in shape));
  if (unknown.length > 0)
    throw new Error(`${schema.file}: the view describes ${unknown.join(', ')}, which the zod options do not have; remove them from tools/schemas.`);
  const properties: Record<string, NxProperty> = {};
  for (const [name, field] of Object.entries(shape)) {
    const json = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const view = schema.view[name] ?? {};
    const type = view.type ?? nxTypeOf(json);
    const description = view.description ?? json.description;
    if (!type) throw new Error(`${schema.file}: --${name} has no type Nx can check; give it one in tools/schemas.`);
    if (!description) throw new Error(`${schema.file}: --${name} has no description; describe it in zod or in tools/schemas.`);
    const property: NxProperty = { type, description };
    if (type === 'array') {
      const items = nxTypeOf(json.items ?? {});
      if (!items) throw new Error(`${schema.file}: --${name} is a list of values Nx cannot check; give its items a type in zod.`);
      property.items = { type: items };
    }
    const values = view.enum ?? (json.enum as string[] | undefined);
    if (values) property.enum = values;
    const fallback = schema.kind === 'executor' ? view.default : (view.default ?? zodDefault(field));
    if (fallback !== undefined) property.default = fallback;
    properties[name] = { ...reorder(property), ...view.nx };
  }
  const { examples, ...head } = schema.head;
  // Executors take every flag: `nx affected -t deeploy-validate deeploy-deploy --dryRun` hands each
  // flag to every target. Generators list what they require and may refuse unknown flags.
  if (schema.kind === 'executor') return { $schema: 'https://json-schema.org/schema', ...head, type: 'object', properties };
  return {
    $schema: 'https://json-schema.org/schema',
    ...head,
    type: 'object',
    ...(examples ? { examples } : {}),
    properties,
    required: Object.keys(shape).filter((name) => isRequired(shape[name])),
    ...(isStrict(schema.options) || schema.refuseUnknownFlags ? { additionalProperties: false } : {}),
  };
}

function isStrict(options: z.ZodObject): boolean {
  return options.def.catchall?._zod.def.type === 'never';
}

/** type, items, enum, default, description: one order for every file. */
function reorder({ type, items, enum: values, default: fallback, description }: NxProperty): NxProperty {
  return { type, ...(items && { items }), ...(values && { enum: values }), ...(fallback !== undefined && { default: fallback }), description };
}
