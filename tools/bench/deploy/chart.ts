/**
 * The deploy benchmark's curve as a hand-written SVG: wall time against the number of contracts,
 * one line per case. Pure: figures in, SVG text out.
 */

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { top: 40, right: 230, bottom: 50, left: 60 };
// Distinguishable in colour and, for readers without it, in dash pattern.
const STYLES = [
  { color: '#1f77b4', dash: '' },
  { color: '#2ca02c', dash: '' },
  { color: '#d62728', dash: '' },
  { color: '#1f77b4', dash: '6 4' },
  { color: '#2ca02c', dash: '6 4' },
  { color: '#7f7f7f', dash: '2 3' },
];

const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => XML_ENTITIES[c]);

export interface Series {
  label: string;
  /** [contracts, seconds] */
  points: Array<[number, number]>;
}

/** A round step that gives about `count` ticks up to `max`. */
function tickStep(max: number, count = 5): number {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? 10 * power;
}

/**
 * `series`: [{ label, points: [[contracts, seconds], …] }]; `title` and `subtitle` go on top.
 * Returns the SVG document.
 */
export function renderCurve({ title, subtitle, series }: { title: string; subtitle: string; series: Series[] }): string {
  const xs = series.flatMap((s) => s.points.map(([x]) => x));
  const ys = series.flatMap((s) => s.points.map(([, y]) => y));
  const xMax = Math.max(...xs, 1);
  const yStep = tickStep(Math.max(...ys, 1) * 1.05);
  const yMax = Math.ceil((Math.max(...ys, 1) * 1.05) / yStep) * yStep;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const px = (x: number): number => MARGIN.left + (x / xMax) * plotW;
  const py = (y: number): number => MARGIN.top + plotH - (y / yMax) * plotH;
  const round = (v: number): number => Math.round(v * 10) / 10;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  parts.push(`<text x="${MARGIN.left}" y="18" font-size="14" font-weight="bold">${escapeXml(title)}</text>`);
  parts.push(`<text x="${MARGIN.left}" y="33" fill="#555555">${escapeXml(subtitle)}</text>`);
  for (let y = 0; y <= yMax + 1e-9; y += yStep) {
    parts.push(`<line x1="${MARGIN.left}" y1="${round(py(y))}" x2="${MARGIN.left + plotW}" y2="${round(py(y))}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${round(py(y)) + 4}" text-anchor="end">${round(y)}</text>`);
  }
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    parts.push(`<line x1="${round(px(x))}" y1="${MARGIN.top + plotH}" x2="${round(px(x))}" y2="${MARGIN.top + plotH + 5}" stroke="#333333"/>`);
    parts.push(`<text x="${round(px(x))}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${x}</text>`);
  }
  parts.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="#333333"/>`);
  parts.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="#333333"/>`);
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">contracts</text>`);
  parts.push(`<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">wall time (s), median</text>`);
  series.forEach((s, i) => {
    const { color, dash } = STYLES[i % STYLES.length];
    const points = [...s.points].sort((a, b) => a[0] - b[0]);
    const dashAttr = dash ? ` stroke-dasharray="${dash}"` : '';
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2"${dashAttr} points="${points.map(([x, y]) => `${round(px(x))},${round(py(y))}`).join(' ')}"/>`,
    );
    for (const [x, y] of points)
      parts.push(
        `<circle cx="${round(px(x))}" cy="${round(py(y))}" r="3" fill="${color}"><title>${escapeXml(`${s.label}: ${x} contracts, ${y.toFixed(2)} s`)}</title></circle>`,
      );
    const ly = MARGIN.top + 10 + i * 20;
    const lx = MARGIN.left + plotW + 15;
    parts.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${color}" stroke-width="2"${dashAttr}/>`);
    parts.push(`<text x="${lx + 30}" y="${ly + 4}">${escapeXml(s.label)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
