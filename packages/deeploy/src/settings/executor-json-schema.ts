/**
 * The executors' `schema.json` (what Nx validates flags with and Nx Console shows), generated from
 * the zod settings schema so the two cannot drift; `executor-json-schema.spec.ts` compares the
 * committed files with this and rewrites them when UPDATE_EXECUTOR_SCHEMAS=1.
 * Only what Nx needs is kept: type, enum, array item type and the description. Ranges and patterns
 * stay with zod, whose messages name the layer a value came from. No `default`s (see settings-schema).
 */
import { z } from 'zod';
import type { TaskKind } from './context-layers';
import { settingsSchema } from './settings-schema';

const ABOUT: Record<TaskKind, { title: string; description: string }> = {
  deploy: {
    title: 'Deeploy deploy',
    description:
      'Create, update or skip the Deeploy deployment of a contract folder (idempotent): validates the contract, checks that git has it pushed, then applies it. Secrets come only from the environment (DEEPLOY_ACCESS_KEY, DEEPLOY_SECRET_KEY).',
  },
  update: {
    title: 'Deeploy update',
    description:
      "Update the existing Deeploy deployment of a contract folder; fails when there is none (run deeploy-deploy first). Falls back to the deploy target's options. Secrets come only from the environment.",
  },
};

type JsonSchema = Record<string, unknown>;

function propertyOf(field: z.ZodType): JsonSchema {
  const full = z.toJSONSchema(field, { io: 'input' }) as JsonSchema;
  const property: JsonSchema = { type: full.type };
  if (full.enum) property.enum = full.enum;
  if (full.type === 'array') property.items = { type: (full.items as JsonSchema).type };
  property.description = full.description;
  return property;
}

export function executorJsonSchema(kind: TaskKind): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [key, field] of Object.entries(settingsSchema.shape)) properties[key] = propertyOf(field as z.ZodType);
  return {
    $schema: 'https://json-schema.org/schema',
    version: 2,
    title: ABOUT[kind].title,
    description: ABOUT[kind].description,
    type: 'object',
    properties,
  };
}
