/**
 * Test helper: a generator's `schema.json` (what Nx and Nx Console read) must list the same
 * options, enums and required options as its zod options schema (what the generator checks).
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';

interface JsonSchema {
  properties: Record<string, { enum?: string[]; type?: string | string[] }>;
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
