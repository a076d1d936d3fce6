/**
 * The conformance report as a terminal table.
 */
import Table from 'cli-table3';
import pc from 'picocolors';
import type { ScenarioResult } from '../conformance/types.ts';

const marks = {
  passed: pc.green('pass'),
  failed: pc.red('FAIL'),
  skipped: pc.yellow('skip'),
  'not-run': pc.dim('not run'),
} as const;

/** One row per scenario: status, id, what it proves, what was sent, expected and got. */
export function reportTable(results: readonly ScenarioResult[]): string {
  const width = Math.max(100, process.stdout.columns ?? 120);
  const table = new Table({
    head: ['', 'scenario', 'sent', 'expected', 'got'].map((h) => pc.bold(h)),
    colWidths: [6, 34, Math.floor((width - 40) * 0.4), Math.floor((width - 40) * 0.3), Math.floor((width - 40) * 0.3)],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const r of results) {
    table.push([marks[r.status], `${r.id}\n${pc.dim(r.title)}`, r.sent, r.expected, r.got]);
  }
  return table.toString();
}
