/**
 * Writes the deploy benchmark's curve into the docs: the table of figures per size between two
 * markers in docs/benchmarks.md, and the chart as docs/bench-curve.svg, which that section shows.
 * The rest of docs/benchmarks.md is prose written by hand and is left alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support';
import { mb, seconds } from '../shared/measure';
import type { Machine } from '../shared/results';
import { renderCurve, type Series } from './chart';
import type { Mode, Phase, SizeEntry } from './run';

const DOC = path.join(REPO_ROOT, 'docs', 'benchmarks.md');
const CHART = path.join(REPO_ROOT, 'docs', 'bench-curve.svg');
const START = '<!-- bench-curve:start (written by tools/bench/deploy/run.ts; edits here are replaced) -->';
const END = '<!-- bench-curve:end -->';

const MODE_LABELS: Record<Mode, string> = { batch: 'batch', perTask: 'one process per task' };
const CASE_LABELS: Record<Phase, string> = { create: 'create', update: 'update', none: 'all affected, none changed' };

export interface Targets {
  wall: Record<'create' | 'update', number>;
  noneChanged: number;
  git: (phase: Phase) => number;
}

export interface CurveSettings {
  sizes: number[];
  perTaskSizes: number[];
  parallel: number;
  latencyMs: number;
  runs: number;
}

const runsOf = (s: { wallRunsMs: number[] }): string => s.wallRunsMs.map((ms) => (ms / 1000).toFixed(1)).join(', ');
const load = (values: number[]): string => values.map((v) => v.toFixed(1)).join(' ');
const entriesOf = <T>(results: Partial<Record<Mode, T>>): Array<[Mode, T]> => Object.entries(results) as Array<[Mode, T]>;

function tableFor(size: number, entry: SizeEntry, targets: Targets): string {
  const { results } = entry;
  const rows = ['| case | wall, median (runs, s) | ratio | git processes: by the tasks / all | requests | peak RSS, whole tree |', '|---|---|---|---|---|---|'];
  for (const [mode, r] of entriesOf(results)) {
    for (const phase of ['create', 'update', 'none'] as const) {
      const s = r[phase];
      const against = phase === 'none' ? '`nx show projects --affected`' : 'the Python-client loop';
      const target = phase === 'none' ? targets.noneChanged : targets.wall[phase];
      const gitTarget = mode === 'batch' ? ` (target ≤ ${targets.git(phase)})` : '';
      const git = `**${s.taskGitProcesses}** / ${s.gitProcesses}${gitTarget}`;
      rows.push(
        `| ${CASE_LABELS[phase]} (${MODE_LABELS[mode]}) | ${seconds(s.wallMs)} (${runsOf(s)}) | **${s.ratio.toFixed(2)}×** ${against} (target ≤ ${target}) | ` +
          `${git} | ${s.requests} | ${mb(s.peakTreeRssBytes)} |`,
      );
    }
  }
  const any = results.batch ?? results.perTask;
  if (!any) throw new Error(`${size} contracts: no results to write`);
  rows.push(`| Python-client loop: create | ${seconds(any.create.baselineMs)} | 1 | n/a | ${any.create.baselineRequests} | n/a |`);
  rows.push(`| Python-client loop: update | ${seconds(any.update.baselineMs)} | 1 | n/a | ${any.update.baselineRequests} | n/a |`);
  const sa = any.showAffected;
  rows.push(
    `| \`nx show projects --affected\` after the nx.json change | ${seconds(sa.wallMs)} (${runsOf(sa)}) | 1 | 0 / ${sa.gitProcesses} | 0 | ${mb(sa.peakTreeRssBytes)} |`,
  );
  return [
    `### ${size.toLocaleString('en-US')} contracts`,
    '',
    `Load average (1 min, 5 min, 15 min) ${load(entry.loadAverageAtStart)} at the start and ${load(entry.loadAverageAtEnd)} at the end; this size took ${(entry.tookMs / 60000).toFixed(1)} min. ` +
      `The 1-minute load average at the end of each run: ${entriesOf(results)
        .map(([mode, r]) => `${MODE_LABELS[mode]} ${load(r.loadAverages)}`)
        .join('; ')}.`,
    '',
    ...rows,
  ].join('\n');
}

/** The chart's series: each case in batch mode (else per task), the Python-client loop, and `nx show projects --affected`. */
function chartSeries(bySize: Record<number, SizeEntry>): Series[] {
  const sizes = Object.keys(bySize)
    .map(Number)
    .sort((a, b) => a - b);
  const pick = (size: number) => {
    const results = bySize[size].results.batch ?? bySize[size].results.perTask;
    if (!results) throw new Error(`${size} contracts: no results to chart`);
    return results;
  };
  const mode = bySize[sizes[0]].results.batch ? 'batch' : 'one process per task';
  const line = (label: string, get: (r: ReturnType<typeof pick>) => number): Series => ({
    label,
    points: sizes.map((size): [number, number] => [size, get(pick(size)) / 1000]),
  });
  return [
    line(`create (${mode})`, (r) => r.create.wallMs),
    line(`update (${mode})`, (r) => r.update.wallMs),
    line('all affected, none changed', (r) => r.none.wallMs),
    line('Python-client loop: create', (r) => r.create.baselineMs),
    line('Python-client loop: update', (r) => r.update.baselineMs),
    line('nx show projects --affected', (r) => r.showAffected.wallMs),
  ];
}

/** Replaces the marked section of docs/benchmarks.md and writes the chart; returns the files written. */
export function writeCurveDocs({
  bySize,
  settings,
  machine,
  targets,
}: {
  bySize: Record<number, SizeEntry>;
  settings: CurveSettings;
  machine: Machine;
  targets: Targets;
}): string[] {
  const doc = fs.readFileSync(DOC, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`${path.relative(REPO_ROOT, DOC)}: the markers "${START}" and "${END}" are missing; put them back around the curve section`);
  const sizes = Object.keys(bySize)
    .map(Number)
    .sort((a, b) => a - b);
  const command = `npm run bench:deploy -- --sizes=${sizes.join(',')} --runs=${settings.runs}${settings.perTaskSizes.join(',') === '40' ? '' : ` --per-task=${settings.perTaskSizes.join(',')}`}`;
  const section = [
    START,
    '',
    `Written by \`${command}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${machine.nproc} CPUs, Node ${machine.node}, Nx ${machine.nx}, ` +
      `${settings.latencyMs} ms per request, \`--parallel=${settings.parallel}\`, medians of ${settings.runs}. Peak RSS is the largest of the runs.`,
    '',
    '![Wall time against the number of contracts](bench-curve.svg)',
    '',
    ...sizes.flatMap((size) => [tableFor(size, bySize[size], targets), '']),
    END,
  ].join('\n');
  fs.writeFileSync(DOC, `${doc.slice(0, start)}${section}${doc.slice(end + END.length)}`);
  fs.writeFileSync(
    CHART,
    renderCurve({
      title: 'nx affected -t deeploy-deploy against the Python-client loop',
      subtitle: `${settings.latencyMs} ms per request, medians of ${settings.runs}, ${machine.nproc} CPUs, ${new Date().toISOString().slice(0, 10)}`,
      series: chartSeries(bySize),
    }),
  );
  return [DOC, CHART];
}
