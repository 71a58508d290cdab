/**
 * Flags → `metadata.json`. Parses the command-line forms (comma lists, `a=0,b=1`, JSON) and then
 * checks the result with the contract's metadata zod schema, so the file is valid by construction.
 * Features are always written as `[{name}]`; the legacy `featureLabels` form is never written.
 */
import { z } from 'zod';
import { PROBLEM_TYPES, enumValueProblem } from '../../contract/enums';
import { metadataSchema } from '../../contract/metadata-schema';
import type { Metadata } from '../../contract/metadata-schema';

const textOrNumber = z.union([z.string(), z.number()]).optional();
const jsonObjectFlag = z.union([z.string(), z.record(z.string(), z.unknown())]).optional();

/** The metadata flags, in the order their fields are written to `metadata.json`. */
export const metadataFlagsShape = {
  features: z.string().optional(),
  predictionClasses: jsonObjectFlag,
  problemType: z.string().optional(),
  exampleInput: jsonObjectFlag,
  exampleOutput: jsonObjectFlag,
  inputTensorShape: textOrNumber,
  outputTensorShape: textOrNumber,
  customId: textOrNumber,
};

export type MetadataFlags = { [K in keyof typeof metadataFlagsShape]?: z.infer<(typeof metadataFlagsShape)[K]> };

export interface MetadataFromFlags {
  /** The metadata, or undefined when no metadata flag was given (deeploy:contract then writes a skeleton). */
  readonly metadata?: Metadata;
  readonly problems: string[];
}

function parseFeatures(raw: string): { value?: { name: string }[]; problem?: string } {
  const names = raw.split(',').map((n) => n.trim());
  const empty = names.findIndex((n) => n === '');
  if (empty >= 0) {
    return { problem: `--features: name ${empty + 1} is empty; give feature names separated by commas, in input order, e.g. --features=age,income` };
  }
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) return { problem: `--features: lists "${twice}" twice; each feature is named once, in input order` };
  return { value: names.map((name) => ({ name })) };
}

function parseJsonObject(flag: string, raw: string | Record<string, unknown>, example: string): { value?: Record<string, unknown>; problem?: string } {
  if (typeof raw !== 'string') return { value: raw };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { problem: `--${flag}: is not valid JSON (${(error as Error).message}); give a JSON object, e.g. --${flag}='${example}'` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { problem: `--${flag}: must be a JSON object, e.g. --${flag}='${example}'` };
  }
  return { value: parsed as Record<string, unknown> };
}

/** A class's model output as written after `=`: a number or boolean when it reads as one. */
function classValue(text: string): string | number | boolean {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

/** `--predictionClasses` as JSON (`{"no":0,"yes":1}`) or as `no=0,yes=1`. */
function parsePredictionClasses(raw: string | Record<string, unknown>): { value?: Record<string, unknown>; problem?: string } {
  if (typeof raw !== 'string' || raw.trim().startsWith('{')) return parseJsonObject('predictionClasses', raw, '{"no":0,"yes":1}');
  const classes: Record<string, unknown> = {};
  for (const pair of raw.split(',')) {
    const eq = pair.indexOf('=');
    const label = pair.slice(0, eq).trim();
    if (eq < 0 || label === '' || pair.slice(eq + 1).trim() === '') {
      return { problem: `--predictionClasses: "${pair}" is not label=value; write e.g. --predictionClasses=no=0,yes=1 or a JSON object` };
    }
    if (label in classes) return { problem: `--predictionClasses: label "${label}" is given twice` };
    classes[label] = classValue(pair.slice(eq + 1).trim());
  }
  return { value: classes };
}

export function metadataFromFlags(flags: MetadataFlags): MetadataFromFlags {
  const given = (Object.keys(metadataFlagsShape) as (keyof MetadataFlags)[]).filter((k) => flags[k] !== undefined);
  if (given.length === 0) return { problems: [] };

  const problems: string[] = [];
  const metadata: Record<string, unknown> = {};
  const take = (key: string, result: { value?: unknown; problem?: string }) => {
    if (result.problem) problems.push(result.problem);
    else metadata[key] = result.value;
  };

  for (const key of given) {
    const raw = flags[key]!;
    switch (key) {
      case 'features':
        take(key, parseFeatures(raw as string));
        break;
      case 'predictionClasses':
        take(key, parsePredictionClasses(raw as string | Record<string, unknown>));
        break;
      case 'problemType': {
        const problem = enumValueProblem(String(raw), PROBLEM_TYPES);
        take(key, problem ? { problem: `--problemType: ${problem}` } : { value: raw });
        break;
      }
      case 'exampleInput':
      case 'exampleOutput':
        take(key, parseJsonObject(key, raw as string | Record<string, unknown>, '{"instances":[[1,2,3]]}'));
        break;
      default:
        take(key, { value: String(raw) });
    }
  }
  if (problems.length > 0) return { problems };

  const parsed = metadataSchema.safeParse(metadata);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map(
        (issue) => `--${String(issue.path[0])}: ${issue.path.length > 1 ? `at ${issue.path.slice(1).join('.')}: ` : ''}${issue.message}`,
      ),
    };
  }
  return { metadata: parsed.data, problems };
}
