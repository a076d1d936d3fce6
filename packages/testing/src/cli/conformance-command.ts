/**
 * `tbb-wallet conformance`: certifies an operator wallet; a table, a summary, exit 1 on any failure.
 */
import { Command, Option } from 'commander';
import { createSpinner } from 'nanospinner';
import pc from 'picocolors';
import { runConformance } from '../conformance/run-conformance.ts';
import type { ConformanceOptions, ConformanceReport } from '../conformance/types.ts';
import { exitCodes, parsePositiveInt, parseUrl, requireSecret, secretOption } from './common.ts';
import { reportTable } from './report-table.ts';

interface Options {
  url: string;
  secret?: string;
  json?: boolean;
  player?: string;
  currency: string;
  unknownPlayer?: string;
  blockedPlayer?: string;
  only?: string[];
  timeout: number;
  all?: boolean;
}

/** The `conformance` command. */
export function conformanceCommand(): Command {
  return new Command('conformance')
    .description("play the platform against an operator's wallet URL and report every scenario")
    .requiredOption('--url <url>', "the operator's full wallet URL", parseUrl)
    .addOption(secretOption())
    .option('--json', 'print a machine-readable JSON report on standard output instead of the table')
    .option('--player <id>', 'test player to play with (needs at least 1000 subunits); default: a fresh id')
    .option('--currency <code>', "the test player's currency", 'EUR')
    .option('--unknown-player <id>', 'a player id the wallet does not know (enables the 404 scenarios)')
    .option('--blocked-player <id>', 'a blocked player in the same currency (enables the 407 scenario)')
    .option('--only <ids...>', 'run only these scenario ids or groups')
    .addOption(new Option('--timeout <ms>', 'time one call may take').argParser(parsePositiveInt).default(5000))
    .option('--all', 'list passed scenarios in the table too (failed and skipped ones are always listed)')
    .action(async (options: Options) => {
      const secret = requireSecret(options.secret);
      const conformance: ConformanceOptions = {
        url: options.url,
        secret,
        timeoutMs: options.timeout,
        player: options.player ? { player_id: options.player, currency_code: options.currency } : undefined,
        unknownPlayerId: options.unknownPlayer,
        blockedPlayer: options.blockedPlayer
          ? { player_id: options.blockedPlayer, currency_code: options.currency }
          : undefined,
        only: options.only,
      };
      const report = options.json ? await runConformance(conformance) : await runWithProgress(conformance);
      if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else printReport(report, options.all === true);
      process.exitCode = report.ok ? exitCodes.ok : exitCodes.failed;
    });
}

async function runWithProgress(options: ConformanceOptions): Promise<ConformanceReport> {
  // nanospinner needs a terminal with a width (it computes the lines to clear from it).
  const spinner =
    process.stderr.isTTY && process.stderr.columns > 0
      ? createSpinner('starting', { stream: process.stderr }).start()
      : undefined;
  let failed = 0;
  const report = await runConformance({
    ...options,
    onScenarioStart: (scenario, index, total) => spinner?.update({ text: `${index + 1}/${total} ${scenario.id}` }),
    onScenarioEnd: (result) => {
      if (result.status === 'failed') failed++;
    },
  });
  if (failed > 0) spinner?.error({ text: `${report.results.length} scenarios run against ${report.url}` });
  else spinner?.success({ text: `${report.results.length} scenarios run against ${report.url}` });
  return report;
}

function printReport(report: ConformanceReport, all: boolean): void {
  if (!report.reachable) {
    console.log(pc.red(`✖ ${report.url}: ${report.results[0]?.got ?? 'no answer'}`));
    console.log(pc.red(pc.bold(`0 passed, ${report.failed} failed`)));
    return;
  }
  const shown = report.results.filter((r) => all || r.status !== 'passed');
  if (shown.length > 0) console.log(reportTable(shown));
  const summary = `${report.passed} passed, ${report.failed} failed${report.skipped ? `, ${report.skipped} skipped` : ''}`;
  console.log(report.ok ? pc.green(pc.bold(summary)) : pc.red(pc.bold(summary)));
  if (!all && report.passed > 0) console.log(pc.dim('(add --all to list the passed scenarios too)'));
}
