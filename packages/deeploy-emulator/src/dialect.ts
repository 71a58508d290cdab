/**
 * How the emulator speaks where Deeploy's sources leave the wire open (deeploy-api.md §7-§8): list
 * paging, version fields, status meanings, failure reasons, error bodies, field spellings. The
 * emulator was built from the same guesses as the plugin, so each guess is a knob here and the
 * plugin's tests run against every preset.
 *
 * The default (`conservative`) is the reading that breaks the most of the plugin's old assumptions
 * while staying plausible: Deeploy's documented paging (offset counts pages) under a page cap of
 * 10 (its documented default limit), bare arrays without totals, versions as ids in lists (objects
 * only in a GET of one deployment), `updatingTo` while a version rolls out, status `1` both while
 * deploying and running (it was only ever seen on a create), failures in `errorDetails`, `publicUrl`,
 * and `null` for every absent optional field. Error bodies stay JSON by default: that is what
 * Deeploy's API (NestJS) sends; text and HTML (a gateway's) are options.
 */

export interface EmulatorDialect {
  /** `offset` of the deployment list counts pages (Deeploy's documented paging), items, or is ignored (the whole list). */
  paging: 'pages' | 'items' | 'none';
  /** `{data, total, offset, limit}` pages (true) or bare arrays (false). */
  totals: boolean;
  /** The most items a page holds, whatever `limit` asks (with `paging: none`, the most the list ever shows); 0 = no cap. */
  pageCap: number;
  /** Page size when the request gives no `limit`. */
  defaultLimit: number;
  /** `activeVersion`/`updatingTo`/`lastVersion` in list items: objects, version ids, or left out. */
  versionsInList: 'object' | 'id' | 'absent';
  /** The same in a GET of one deployment (and the replies to writes). */
  versionsInGet: 'object' | 'id' | 'absent';
  /** `updatingTo`: a new version shows there until it settles; `in-place`: `activeVersion` is the newest at once. */
  versionLifecycle: 'updatingTo' | 'in-place';
  /** `distinct`: 0 pending, 1 running, 2 failed, 3 stopped; `one-for-both`: 1 while deploying and running, 2 failed, 3 stopped. */
  status: 'distinct' | 'one-for-both';
  /** Where a failure's reason is: `errorDetails: [{message}]` (§8) or `statusMessage`. */
  failureReason: 'errorDetails' | 'statusMessage';
  /** Error replies: JSON `{statusCode, message, error}`, plain text, or an HTML page (a gateway's). */
  errorBody: 'json' | 'text' | 'html';
  publicUrlField: 'publicUrl' | 'publicURL';
  /** Absent optional fields as `null` (true) or left out. */
  nulls: boolean;
}

export const CONSERVATIVE_DIALECT: Readonly<EmulatorDialect> = Object.freeze({
  paging: 'pages',
  totals: false,
  pageCap: 10,
  defaultLimit: 10,
  versionsInList: 'id',
  versionsInGet: 'object',
  versionLifecycle: 'updatingTo',
  status: 'one-for-both',
  failureReason: 'errorDetails',
  errorBody: 'json',
  publicUrlField: 'publicUrl',
  nulls: true,
});

/** Named dialects, each a set of changes to the conservative one. */
export const DIALECT_PRESETS: Readonly<Record<string, Partial<EmulatorDialect>>> = Object.freeze({
  conservative: {},
  /** The emulator before issue 14: the plugin's first guesses. */
  classic: {
    paging: 'none',
    pageCap: 0,
    defaultLimit: 50,
    versionsInList: 'object',
    versionsInGet: 'object',
    versionLifecycle: 'in-place',
    status: 'distinct',
    failureReason: 'statusMessage',
    publicUrlField: 'publicURL',
    nulls: false,
  },
  /** Item offsets with totals and a small cap; versions as ids in a GET too, objects in lists; HTML errors. */
  'items-with-totals': { paging: 'items', totals: true, pageCap: 7, versionsInList: 'object', versionsInGet: 'id', status: 'distinct', errorBody: 'html' },
  /** Nothing ever says what runs: versions are ids everywhere; text errors. */
  'ids-everywhere': { pageCap: 5, versionsInList: 'id', versionsInGet: 'id', errorBody: 'text' },
  /** No paging at all; lists leave versions out; a GET shows them. */
  'unpaged-lists-without-versions': {
    paging: 'none',
    pageCap: 0,
    versionsInList: 'absent',
    versionsInGet: 'object',
    status: 'distinct',
    publicUrlField: 'publicURL',
    nulls: false,
  },
});

const CHOICES: { [K in keyof EmulatorDialect]?: readonly string[] } = {
  paging: ['pages', 'items', 'none'],
  versionsInList: ['object', 'id', 'absent'],
  versionsInGet: ['object', 'id', 'absent'],
  versionLifecycle: ['updatingTo', 'in-place'],
  status: ['distinct', 'one-for-both'],
  failureReason: ['errorDetails', 'statusMessage'],
  errorBody: ['json', 'text', 'html'],
  publicUrlField: ['publicUrl', 'publicURL'],
};

/** One line saying what is wrong with a dialect (a preset name or an object of knobs), or undefined. */
export function dialectProblem(value: unknown): string | undefined {
  if (typeof value === 'string') return value in DIALECT_PRESETS ? undefined : `unknown dialect "${value}"; known: ${Object.keys(DIALECT_PRESETS).join(', ')}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the dialect must be a preset name or an object of dialect options';
  for (const [key, knob] of Object.entries(value)) {
    if (key === 'preset') {
      if (typeof knob !== 'string' || !(knob in DIALECT_PRESETS)) return `dialect.preset must be one of ${Object.keys(DIALECT_PRESETS).join(', ')}`;
    } else if (key === 'totals' || key === 'nulls') {
      if (typeof knob !== 'boolean') return `dialect.${key} must be true or false`;
    } else if (key === 'pageCap' || key === 'defaultLimit') {
      if (!Number.isInteger(knob) || (knob as number) < (key === 'pageCap' ? 0 : 1))
        return `dialect.${key} must be a whole number${key === 'pageCap' ? ', 0 or more (0 = no cap)' : ', 1 or more'}`;
    } else if (key in CHOICES) {
      const choices = CHOICES[key as keyof EmulatorDialect] as readonly string[];
      if (!choices.includes(knob as string)) return `dialect.${key} must be one of ${choices.join(', ')}`;
    } else {
      return `unknown dialect option "${key}"; known: preset, ${Object.keys(CONSERVATIVE_DIALECT).join(', ')}`;
    }
  }
  return undefined;
}

/** What `startEmulator({dialect})`, `--dialect` and `PUT /__emulator/dialect` take. */
export type DialectSetting = string | (Partial<EmulatorDialect> & { preset?: string });

/** The full dialect of a preset name or an object of knobs (with an optional `preset` to start from). */
export function resolveDialect(value: DialectSetting | undefined): EmulatorDialect {
  const problem = value === undefined ? undefined : dialectProblem(value);
  if (problem) throw new Error(`dialect: ${problem}`);
  if (value === undefined) return { ...CONSERVATIVE_DIALECT };
  if (typeof value === 'string') return { ...CONSERVATIVE_DIALECT, ...DIALECT_PRESETS[value] };
  const { preset, ...knobs } = value;
  return { ...CONSERVATIVE_DIALECT, ...(preset ? DIALECT_PRESETS[preset] : {}), ...knobs };
}
