/** The small table writer: sections to Markdown, and the chart of every ratio against its goal as SVG. */
import { met, type Ratio, type Sample, type Spread, spread } from './measure.ts';

/** What a section hands the report: its table as Markdown lines; or why it did not run (`skipped`, `crashed`). */
export type Section = { title: string; table?: string[]; ratios: Ratio[]; skipped?: string; crashed?: string };

export type Column = readonly [label: string, figure: string, digits: number];
export const httpColumns: Column[] = [
  ['per second', 'perSecond', 0],
  ['p50 ms', 'p50', 1],
  ['p99 ms', 'p99', 1],
  ['machine CPU µs/call', 'cpu', 0],
];

const fmt = (n: number, d: number) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '∞';
const spreadText = (s: Spread, digits: number, unit = '') =>
  `${fmt(s.median, digits)}${unit}${s.min === s.max ? '' : ` (${fmt(s.min, digits)}–${fmt(s.max, digits)})`}`;
export const markdownTable = (header: readonly string[], rows: readonly (readonly string[])[]) =>
  [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);

/** One row per candidate (labelled by its name, or `labels`): each column's median (min–max) over the rounds. */
export function sampleTable(samples: Record<string, Sample[]>, columns: Column[], labels: Record<string, string> = {}) {
  const rows = Object.entries(samples).map(([name, rounds]) => [
    labels[name] ?? name,
    ...columns.map(([, figure, digits]) => spreadText(spread(rounds.map((r) => r[figure]!)), digits)),
  ]);
  return markdownTable(['', ...columns.map(([label]) => label)], rows);
}

const goalCells = (r: Ratio) => (r.goal ? [`${r.goal[0]} ${r.goal[1]}×`, met(r) ? 'met' : '**missed**'] : ['—', '—']);

export const ratioLines = (sections: readonly Section[]) =>
  markdownTable(
    ['ratio', 'median (min–max)', 'goal', ''],
    sections.flatMap((s) => s.ratios.map((r) => [r.name, spreadText(r.value, 2, '×'), ...goalCells(r)])),
  );

export function sectionLines(s: Section): string[] {
  const why = s.skipped ? `Not measured: ${s.skipped}.` : s.crashed ? `**Crashed:** ${s.crashed}` : undefined;
  return [`## ${s.title}`, '', ...(why ? [why, ''] : []), ...(s.table ? [...s.table, ''] : [])];
}

/** Horizontal bars: each ratio's median, its min–max as a whisker, its goal as a black mark, 1× dashed. */
export function chartSvg(ratios: readonly Ratio[]): string {
  const [left, bar, top] = [430, 400, 34];
  const limit = Math.max(2, ...ratios.map((r) => Math.min(r.value.max, 4))) * 1.05;
  const x = (v: number) => Math.round(left + (Math.min(v, limit) / limit) * bar);
  const height = top + ratios.length * 26 + 30;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${height}" font-family="sans-serif" font-size="12">`,
    '<title>Each ratio of npm run bench against its goal</title>',
    `<rect width="900" height="${height}" fill="#fff"/><text x="10" y="20" font-size="14" font-weight="bold">` +
      `Each ratio: median bar, min–max line, goal mark (green met, orange missed, grey no goal; cut at ${fmt(limit, 1)}×)</text>`,
    `<line x1="${x(1)}" y1="${top - 6}" x2="${x(1)}" y2="${height - 24}" stroke="#999" stroke-dasharray="3,3"/>`,
    `<text x="${x(1)}" y="${height - 10}" text-anchor="middle" fill="#666">1×</text>`,
  ];
  for (const [i, { name, goal, value }] of ratios.entries()) {
    const y = top + i * 26;
    const colour = !goal ? '#8a9bb0' : met(ratios[i]!) ? '#3a9d5d' : '#d9822b';
    parts.push(
      `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${name.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`,
      `<rect x="${left}" y="${y + 4}" width="${x(value.median) - left}" height="16" fill="${colour}"/>`,
      `<line x1="${x(value.min)}" y1="${y + 12}" x2="${x(value.max)}" y2="${y + 12}" stroke="#333"/>`,
      `<text x="${Math.max(x(value.max), goal ? x(goal[1]) : 0) + 6}" y="${y + 16}">${fmt(value.median, 2)}×</text>`,
      goal ? `<rect x="${x(goal[1]) - 2}" y="${y}" width="4" height="24" fill="#111"/>` : '',
    );
  }
  return [...parts.filter(Boolean), '</svg>', ''].join('\n');
}
