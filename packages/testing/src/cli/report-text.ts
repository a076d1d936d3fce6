/**
 * The conformance run as text: the plan before it, one line per scenario as it ends,
 * and the result (causes, table, warnings, summary, balance).
 */
import pc from 'picocolors';
import type { ConformancePlan, ConformanceReport, Exchange, ScenarioResult } from '../conformance/types.ts';
import { reportTable } from './report-table.ts';

/** Subunits as money: `1234` → `12.34`. */
export function money(subunits: number): string {
  const sign = subunits < 0 ? '-' : '';
  const abs = Math.abs(subunits);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** What the run will move, said before the first scenario. */
export function planLine(plan: ConformancePlan): string {
  const { player_id, currency_code } = plan.player;
  return (
    `Player ${player_id} holds ${money(plan.openingBalance)} ${currency_code}. The run debits ${money(plan.debits)} ` +
    `and credits ${money(plan.credits)} ${currency_code} on it in total, then puts the balance back to ` +
    `${money(plan.openingBalance)} with one bet or win of the difference.`
  );
}

const marks = { passed: pc.green('✔'), failed: pc.red('✖'), skipped: pc.yellow('○'), 'not-run': pc.dim('·') } as const;

/** One scenario as it ends, with the counts so far: `✔ 3/57 signatures.empty  3 passed, 0 failed, 0 skipped`. */
export function progressLine(
  result: ScenarioResult,
  index: number,
  total: number,
  counts: { passed: number; failed: number; skipped: number },
): string {
  const warn = result.warnings.length > 0 ? pc.yellow(' (warning)') : '';
  const so = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
  return `${marks[result.status]} ${index + 1}/${total} ${result.id}${warn}  ${pc.dim(so)}`;
}

/** The summary: `50 passed, 2 failed, 5 skipped` (+ not run, warnings when there are any). */
export function summaryLine(report: ConformanceReport): string {
  const parts = [`${report.passed} passed`, `${report.failed} failed`];
  if (report.skipped) parts.push(`${report.skipped} skipped`);
  if (report.notRun) parts.push(`${report.notRun} not run`);
  if (report.warned) parts.push(`${report.warned} with warnings`);
  return parts.join(', ');
}

/** Prints the result on standard output: causes first, then the table, warnings, summary and balance. */
export function printReport(report: ConformanceReport, all: boolean): void {
  for (const cause of report.causes) console.log(pc.red(`✖ ${cause.message}`));
  const shown = report.results.filter((r) => r.status !== 'not-run' && (all || r.status !== 'passed'));
  if (shown.length > 0) console.log(reportTable(shown));
  for (const r of report.results.filter((r) => r.warnings.length > 0)) {
    for (const warning of r.warnings) console.log(pc.yellow(`warning: ${r.id}: ${warning}`));
  }
  console.log(report.ok ? pc.green(pc.bold(summaryLine(report))) : pc.red(pc.bold(summaryLine(report))));
  const { opening, closing, restored } = report.balance;
  if (opening !== undefined) {
    const end = closing === undefined ? 'unknown (the wallet did not answer)' : money(closing);
    const note = restored ? 'as found' : pc.red('NOT as found');
    console.log(`Balance of player ${report.player.player_id}: ${money(opening)} before, ${end} after (${note}).`);
  }
  if (!all && report.passed > 0) console.log(pc.dim('(add --all to list the passed scenarios too)'));
}

/** One exchange, raw, for `--verbose`: the request with its headers and body, then the answer. */
export function exchangeLines(exchange: Exchange, scenarioId: string | undefined): string {
  // Control characters from a wallet's answer are shown, not sent to the terminal.
  const control = (n: number) => (n < 32 && n !== 9 && n !== 10) || (n >= 0x7f && n < 0xa0);
  const visible = (text: string) =>
    Array.from(text, (c) =>
      control(c.charCodeAt(0)) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c,
    ).join('');
  const indent = (text: string) => visible(text).replace(/^/gm, '    ');
  const headers = (h: Readonly<Record<string, string>>) =>
    Object.entries(h)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');
  const where = pc.dim(scenarioId ? `[${scenarioId}]` : '[the run]');
  const sent = `${pc.cyan('→')} ${exchange.method} ${exchange.url} ${where}\n${indent(headers(exchange.requestHeaders))}\n${indent(exchange.requestBody)}`;
  const answer =
    exchange.status === 0
      ? `${pc.red('←')} no answer after ${exchange.durationMs} ms: ${exchange.error ?? ''}`
      : `${pc.cyan('←')} ${exchange.status} in ${exchange.durationMs} ms\n${indent(headers(exchange.responseHeaders))}\n${indent(exchange.responseBody)}`;
  return `${sent}\n${answer}`;
}
