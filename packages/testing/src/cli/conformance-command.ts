/**
 * `tbb-wallet conformance`: certifies an operator wallet. Progress goes to standard
 * error as the scenarios run; the result (table and summary, or `--json`) to standard output.
 */
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { runConformance } from '../conformance/run-conformance.ts';
import { selectScenarios, UnknownScenarioError } from '../conformance/scenarios.ts';
import type { ConformanceOptions, ConformancePlayer } from '../conformance/types.ts';
import type { SecretOptions } from './common.ts';
import { addSecretOptions, exitCodes, parsePositiveInt, parseUrl, requireSecret, UsageError } from './common.ts';
import { readPlayersFile } from './players-file.ts';
import { htmlReport } from './report-html.ts';
import { junitXml } from './report-junit.ts';
import { exchangeLines, planLine, printReport, progressLine } from './report-text.ts';

interface Options extends SecretOptions {
  url: string;
  json?: boolean;
  player?: string;
  players?: string;
  currency: string;
  unknownPlayer?: string;
  blockedPlayer?: string;
  only?: string[];
  timeout: number;
  all?: boolean;
  junit?: string;
  report?: string;
  verbose?: boolean;
}

/** The `conformance` command. */
export function conformanceCommand(): Command {
  const command = new Command('conformance')
    .description("play the platform against an operator's wallet URL and report every scenario")
    .requiredOption('--url <url>', "the operator's full wallet URL", parseUrl);
  return addSecretOptions(command)
    .option('--json', 'print a machine-readable JSON report on standard output instead of the table')
    .option(
      '--player <id>',
      'the test player to play with (at least 10.00 on it); default: a fresh id a sandbox creates',
    )
    .option(
      '--players <file>',
      'take the test player (first unblocked) and --blocked-player (first blocked) from a players file',
    )
    .option('--currency <code>', "the test player's currency (with --player)", 'EUR')
    .option('--unknown-player <id>', 'a player id the wallet does not know (enables the 404 scenarios)')
    .option('--blocked-player <id>', 'a blocked player in the same currency (enables the 407 scenario)')
    .option('--only <ids...>', 'run only these scenario ids or groups')
    .addOption(new Option('--timeout <ms>', 'time one call may take').argParser(parsePositiveInt).default(5000))
    .option('--all', 'list passed scenarios in the table too (the others are always listed)')
    .option('--junit <file>', 'also write a JUnit XML report (one testcase per scenario, a testsuite per group) for CI')
    .option('--report <file>', 'also write a self-contained HTML report: every raw request and answer, failures first')
    .option('--verbose', 'stream every HTTP exchange (raw request and answer) to standard error as it happens')
    .action(async (options: Options) => {
      const secret = await requireSecret(options);
      for (const file of [options.junit, options.report]) if (file) await assertWritable(file);
      const total = selectedCount(options.only);
      const { player, blockedPlayer } = await players(options);
      const conformance: ConformanceOptions = {
        url: options.url,
        secret,
        timeoutMs: options.timeout,
        player,
        unknownPlayerId: options.unknownPlayer,
        blockedPlayer,
        only: options.only,
      };
      const who = player
        ? `player ${player.player_id}`
        : 'a fresh player id (against a real wallet pass --player <id>)';
      process.stderr.write(`Playing ${total} scenarios against ${options.url} as ${who}\n`);
      const counts = { passed: 0, failed: 0, skipped: 0, 'not-run': 0 };
      const report = await runConformance({
        ...conformance,
        onPlan: (plan) => process.stderr.write(`${planLine(plan)}\n`),
        onScenarioEnd: (result, index, of) => {
          counts[result.status]++;
          if (result.status !== 'not-run') process.stderr.write(`${progressLine(result, index, of, counts)}\n`);
        },
        onExchange: options.verbose
          ? (exchange, scenario) => process.stderr.write(`${exchangeLines(exchange, scenario?.id)}\n`)
          : undefined,
      });
      if (options.junit) await writeFile(options.junit, junitXml(report));
      if (options.report) await writeFile(options.report, htmlReport(report));
      if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else printReport(report, options.all === true);
      process.exitCode = report.ok ? exitCodes.ok : exitCodes.failed;
    });
}

/** Fails before the run, rather than after it, when a report cannot be written where asked. */
async function assertWritable(file: string): Promise<void> {
  try {
    await access(dirname(resolve(file)), constants.W_OK);
  } catch {
    throw new UsageError(`cannot write ${file}: its folder does not exist or is not writable`);
  }
}

/** How many scenarios `--only` selects. @throws UsageError naming an unknown id or group, listing the valid ones. */
function selectedCount(only: readonly string[] | undefined): number {
  try {
    return selectScenarios(only).length;
  } catch (error) {
    if (error instanceof UnknownScenarioError) throw new UsageError(`--only: ${error.message}`);
    throw error;
  }
}

/** The test player and blocked player from --player, --blocked-player and --players. */
async function players(options: Options): Promise<{ player?: ConformancePlayer; blockedPlayer?: ConformancePlayer }> {
  const listed = options.players ? await readPlayersFile(options.players) : [];
  const fromFile = (blocked: boolean) => {
    const found = listed.find((p) => p.blocked === blocked);
    return found && { player_id: found.player_id, currency_code: found.currency_code };
  };
  const given = (id: string | undefined) => id && { player_id: id, currency_code: options.currency };
  const player = given(options.player) || fromFile(false);
  if (options.players && !player) throw new UsageError(`the players file ${options.players} lists no unblocked player`);
  return { player: player || undefined, blockedPlayer: given(options.blockedPlayer) || fromFile(true) || undefined };
}
