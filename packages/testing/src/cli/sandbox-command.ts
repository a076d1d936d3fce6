/**
 * `tbb-wallet sandbox`: serves a sandbox operator wallet until stopped, one log line per call.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { newToken } from '../console/access.ts';
import type { Faults } from '../sandbox/faults.ts';
import { createFaults, faultSpecHelp } from '../sandbox/faults.ts';
import { callLine } from './call-log.ts';
import { chooseWallet } from './choose-wallet.ts';
import type { SecretOptions } from './common.ts';
import { addSecretOptions, parsePort, requireSecret } from './common.ts';
import { serveWallet } from './serve.ts';

interface SandboxOptions extends SecretOptions {
  port: number;
  host: string;
  log: 'text' | 'json';
  players?: string;
  currency: string;
  database?: string;
  dataDir?: string;
  faults?: Faults;
  console: boolean;
}

/** The `sandbox` command. */
export function sandboxCommand(): Command {
  const command = new Command('sandbox')
    .description(
      'serve a sandbox operator wallet over HTTP until stopped (Ctrl+C): in memory, or the PostgreSQL ledger with --database',
    )
    .addOption(new Option('--port <port>', 'port to listen on (0: any free port)').argParser(parsePort).default(8080))
    .option('--host <host>', 'address to listen on', '127.0.0.1');
  return addSecretOptions(command)
    .option('--players <file>', 'JSON list of {player_id, currency_code, balance, blocked?}; only they exist')
    .option('--currency <code>', 'currency of players created on first sight', 'EUR')
    .option('--database <url>', 'serve the PostgreSQL ledger instead: postgres://… or `pglite` (embedded, in memory)')
    .option('--data-dir <dir>', 'serve the ledger on an embedded PostgreSQL (PGlite) kept in this directory')
    .addOption(
      new Option(
        '--faults <spec>',
        'misbehave on purpose: 503s, dropped answers, late answers, down (see below)',
      ).argParser(parseFaultsOption),
    )
    .addOption(
      new Option('--log <format>', 'one line per call: text for people, json (one object a line) for machines')
        .choices(['text', 'json'])
        .default('text'),
    )
    .option('--no-console', 'do not serve the console page at / (it needs the token of the link printed at start-up)')
    .addHelpText('after', `\n--faults <spec>, ${faultSpecHelp}`)
    .action(async (options: SandboxOptions) => {
      const secret = await requireSecret(options);
      // With --log json standard output holds only the log's JSON lines; the rest goes to standard error.
      const say = options.log === 'json' ? console.error : console.log;
      const chosen = await chooseWallet({
        players: options.players,
        currency: options.currency,
        database: options.database,
        dataDir: options.dataDir,
      });
      // The console switches faults at run time: it gets a faults object even without --faults.
      const faults = options.faults ?? (options.console ? createFaults() : undefined);
      const server = await serveWallet({
        wallet: chosen.wallet,
        secret,
        port: options.port,
        host: options.host,
        log: {
          balanceOf: chosen.balanceOf,
          onCall: (call) => console.log(options.log === 'json' ? JSON.stringify(call) : callLine(call)),
        },
        onError: (error) => console.error(pc.red(`wallet error: ${error instanceof Error ? error.message : error}`)),
        ...(faults ? { faults, onFault: (kind) => say(faultLine(kind)) } : {}),
        ...(options.console && {
          console: { token: newToken(), controls: chosen.controls, description: chosen.description },
        }),
      });
      // Listen for the stop signals before announcing the URL, so a stop right after it is clean.
      const stopped = new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      say(`${pc.bold('tbb-wallet sandbox')} listening on ${pc.cyan(server.url)}`);
      if (server.consoleUrl) say(`console: ${pc.cyan(server.consoleUrl)} ${pc.dim('(the link carries its token)')}`);
      say(pc.dim(`${chosen.description}. Press Ctrl+C to stop.`));
      if (options.faults) say(pc.yellow(`faults: ${options.faults.describe()}`));
      await stopped;
      await server.close();
      await chosen.close?.();
      say(pc.dim('sandbox stopped'));
    });
}

function parseFaultsOption(spec: string): Faults {
  try {
    return createFaults(spec);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** One line per fault applied. */
function faultLine(kind: string): string {
  return `${pc.dim(new Date().toISOString().slice(11, 23))}  ${pc.yellow(`fault: ${kind}`)}`;
}
