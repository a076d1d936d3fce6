/**
 * `tbb-wallet sandbox`: serves a sandbox operator wallet until stopped, one log line per call.
 */
import type { WalletEvent } from '@tbb-wallet/handler';
import { Command, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import type { Faults } from '../sandbox/faults.ts';
import { createFaults, faultSpecHelp } from '../sandbox/faults.ts';
import { chooseWallet } from './choose-wallet.ts';
import { parsePort, requireSecret, secretOption } from './common.ts';
import { serveWallet } from './serve.ts';

interface SandboxOptions {
  port: number;
  host: string;
  secret?: string;
  players?: string;
  currency: string;
  database?: string;
  dataDir?: string;
  faults?: Faults;
}

/** One line per call: time, action, player, transaction, status, duration. */
export function callLine(event: WalletEvent): string {
  const time = new Date().toISOString().slice(11, 23);
  const status = event.status === 200 ? pc.green : event.status >= 500 ? pc.red : pc.yellow;
  const what = [event.action ?? '(unparsed)', event.player_id && `player=${event.player_id}`]
    .concat(event.transaction_id ? [`tx=${event.transaction_id}`] : [])
    .filter(Boolean)
    .join(' ');
  return `${pc.dim(time)}  ${what}  → ${status(String(event.status))} ${pc.dim(`${Math.round(event.durationMs)}ms`)}`;
}

/** The `sandbox` command. */
export function sandboxCommand(): Command {
  return new Command('sandbox')
    .description(
      'serve a sandbox operator wallet over HTTP until stopped (Ctrl+C): in memory, or the PostgreSQL ledger with --database',
    )
    .addOption(new Option('--port <port>', 'port to listen on (0: any free port)').argParser(parsePort).default(8080))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(secretOption())
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
    .addHelpText('after', `\n--faults <spec>, ${faultSpecHelp}`)
    .action(async (options: SandboxOptions) => {
      const secret = requireSecret(options.secret);
      const chosen = await chooseWallet({
        players: options.players,
        currency: options.currency,
        database: options.database,
        dataDir: options.dataDir,
      });
      const server = await serveWallet({
        wallet: chosen.wallet,
        secret,
        port: options.port,
        host: options.host,
        onEvent: (event) => console.log(callLine(event)),
        onError: (error) => console.error(pc.red(`wallet error: ${error instanceof Error ? error.message : error}`)),
        ...(options.faults ? { faults: options.faults, onFault: (kind) => console.log(faultLine(kind)) } : {}),
      });
      // Listen for the stop signals before announcing the URL, so a stop right after it is clean.
      const stopped = new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      console.log(`${pc.bold('tbb-wallet sandbox')} listening on ${pc.cyan(server.url)}`);
      console.log(pc.dim(`${chosen.description}. Press Ctrl+C to stop.`));
      if (options.faults) console.log(pc.yellow(`faults: ${options.faults.describe()}`));
      await stopped;
      await server.close();
      await chosen.close?.();
      console.log(pc.dim('sandbox stopped'));
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
