/** Writes BENCHMARKS.md: the machine, then each section's tables, goals and notes. */
import type { Machine } from './machine.ts';
import { type Goal, met, type Section, type Table } from './section.ts';

function table(t: Table): string[] {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    ...(t.title ? [`**${t.title}**`, ''] : []),
    row(t.header),
    row(t.header.map(() => '---')),
    ...t.rows.map(row),
    '',
  ];
}

function goalLine(goal: Goal): string {
  const sign = goal.kind === 'at-least' ? '≥' : '≤';
  const digits = goal.unit === '×' ? 3 : 1;
  const verdict = met(goal) ? '**met**' : '**MISSED**';
  return `- ${goal.name}: ${goal.value.toFixed(digits)}${goal.unit} (goal ${sign} ${goal.target}${goal.unit}) — ${verdict}`;
}

function section(s: Section): string[] {
  const lines = [`## ${s.title}`, ''];
  if (s.notMeasured) return [...lines, `Not measured: ${s.notMeasured}.`, '', `Rerun: \`${s.rerun}\``, ''];
  lines.push(s.what, '');
  for (const t of s.tables) lines.push(...table(t));
  if (s.goals.length > 0) lines.push(...s.goals.map(goalLine), '');
  if (s.notes.length > 0) lines.push(...s.notes, '');
  lines.push(`Rerun: \`${s.rerun}\``, '');
  return lines;
}

function summary(sections: readonly Section[]): string[] {
  const rows = sections.flatMap((s) =>
    s.notMeasured ? [[s.title, 'not measured', '—']] : s.goals.map((g) => [s.title, g.name, met(g) ? 'met' : 'MISSED']),
  );
  return table({ header: ['section', 'goal', 'result'], rows });
}

/** The whole report as Markdown. */
export function renderReport(machine: Machine, sections: readonly Section[], startedAt: Date, seconds: number): string {
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (scripts/bench/run.ts); do not edit by hand. Every ratio compares the',
    'subject with a baseline measured in the same run, alternating baseline and subject rounds;',
    'figures are medians with the min–max of the rounds in parentheses.',
    '',
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}`,
    `- Node ${machine.node}`,
    `- Run: ${startedAt.toISOString()}, ${Math.round(seconds)} s in all`,
    '',
    ...summary(sections),
    ...sections.flatMap(section),
    '## Rerun',
    '',
    '- Everything: `npm run bench` (builds the packages first, writes this file).',
    '- One section: `npm run build && npx tsx scripts/bench/run.ts <name> [<name>…]`; names: `handler-http`,',
    '  `handler-inprocess`, `validation`, `client`, `ledger`, `memory`, `size`. A partial run prints its',
    '  report and leaves this file alone unless `--write` is given.',
    '- Size budget only (CI): `npm run size`.',
    '- Longer rounds: `BENCH_ROUNDS=5 BENCH_SECONDS=10 npm run bench`.',
    '',
  ].join('\n');
}
