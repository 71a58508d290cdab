/**
 * Test helper: a generator's `schema.json` (what Nx and Nx Console read) must list the same
 * options, enums and required options as its zod options schema (what the generator checks).
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { derivedType } from '../artifact-types';
import { kindsOf } from '../reference-from-flags';

interface JsonSchema {
  properties: Record<string, { enum?: string[]; type?: string | string[]; description?: string }>;
  required?: string[];
  additionalProperties?: boolean;
}

export function readSchemaJson(path: string): JsonSchema {
  return JSON.parse(readFileSync(path, 'utf-8')) as JsonSchema;
}

export function expectSchemaInStep(schemaJson: JsonSchema, options: z.ZodObject, enums: Record<string, readonly string[]>): void {
  const shape = options.shape as Record<string, z.ZodType>;
  expect(Object.keys(schemaJson.properties).sort()).toEqual(Object.keys(shape).sort());
  const withEnum = Object.entries(schemaJson.properties)
    .filter(([, p]) => p.enum)
    .map(([name, p]) => [name, p.enum]);
  expect(Object.fromEntries(withEnum)).toEqual(Object.fromEntries(Object.entries(enums).map(([name, values]) => [name, [...values]])));
  const required = Object.keys(shape).filter((name) => !shape[name].safeParse(undefined).success);
  expect([...(schemaJson.required ?? [])].sort()).toEqual(required.sort());
}

/** "a", "a and b", "a, b and c": lists as the help texts write them. */
function listText(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The `--modelType` help must say what `contract/derive-types` does: required for exactly the
 * reference kinds whose type cannot be derived, and the type each other kind gets.
 */
export function expectModelTypeHelpToMatchDerivation(description: string): void {
  const underivable = kindsOf('model').filter((kind) => derivedType('model', [kind]) === undefined);
  expect(description).toContain(`equired for ${listText(underivable)} models`);
  const byType = new Map<string, string[]>();
  for (const kind of kindsOf('model')) {
    const type = derivedType('model', [kind]);
    if (type) byType.set(type, [...(byType.get(type) ?? []), kind]);
  }
  for (const [type, kinds] of byType) expect(description).toContain(`${listText(kinds)} models are ${type}`);
}
