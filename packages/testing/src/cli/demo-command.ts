/**
 * `tbb-wallet demo`: plays a scripted session and prints each call and its answer.
 * Without `--url` it starts its own sandbox on a free port first.
 */
import { randomBytes } from 'node:crypto';
import Table from 'cli-table3';
import { Command } from 'commander';
import pc from 'picocolors';
import { createSandboxWallet } from '../sandbox/sandbox-wallet.ts';
import type { SecretOptions } from './common.ts';
import { addSecretOptions, exitCodes, parsePort, parseUrl, requireSecret, UsageError } from './common.ts';
import type { DemoRow } from './demo-script.ts';
import { playDemo } from './demo-script.ts';
import { serveWallet } from './serve.ts';

interface Options extends SecretOptions {
  url?: string;
  port?: number;
  player: string;
  currency: string;
}

/** The `demo` command. */
export function demoCommand(): Command {
  const command = new Command('demo')
    .description('play a scripted session (balance, bet, win, duplicate win, refused bet, refund, rollback-win)')
    .option('--url <url>', "an operator's wallet URL (default: start a sandbox on a free port)", parseUrl)
    .option('--port <port>', 'without --url: the port of the sandbox it starts (default: a free one)', parsePort);
  return addSecretOptions(command)
    .option('--player <id>', 'the player to play with', 'demo-player')
    .option('--currency <code>', "the player's currency", 'EUR')
    .action(async (options: Options) => {
      let url = options.url;
      let secret: string;
      let stop = async () => {};
      if (url) {
        if (options.port !== undefined) throw new UsageError('--port is for the sandbox demo starts: drop it or --url');
        secret = await requireSecret(options);
      } else {
        const given = options.secret !== undefined || options.secretFile !== undefined;
        secret = given ? await requireSecret(options) : randomBytes(16).toString('hex');
        const wallet = createSandboxWallet({ currency: options.currency });
        const server = await serveWallet({ wallet, secret, port: options.port ?? 0, host: '127.0.0.1' });
        url = server.url;
        stop = () => server.close();
        console.log(pc.dim(`Started a sandbox wallet at ${url} (any player gets 1,000.00 ${options.currency}).`));
      }
      console.log(`Playing a session as player ${pc.bold(options.player)} against ${pc.cyan(url)}\n`);
      try {
        const rows = await playDemo({ url, secret, player_id: options.player, currency_code: options.currency });
        console.log(demoTable(rows));
        const bad = rows.filter((row) => !row.ok);
        if (bad.length === 0 && rows.length === 8) {
          console.log(pc.green(pc.bold(`✔ all ${rows.length} steps answered as expected`)));
          process.exitCode = exitCodes.ok;
        } else {
          const which = bad.map((row) => `step ${rows.indexOf(row) + 1} (${row.step})`).join(', ');
          console.log(pc.red(pc.bold(`✖ not as expected: ${which || 'the session stopped early'}`)));
          process.exitCode = exitCodes.failed;
        }
      } finally {
        await stop();
      }
    });
}

function demoTable(rows: readonly DemoRow[]): string {
  const table = new Table({
    head: ['#', 'step', 'action', 'sent', 'status', 'answer', 'balance'].map((h) => pc.bold(h)),
    style: { head: [], border: [] },
  });
  rows.forEach((row, index) => {
    const body = row.answer.body as { balance?: number; transaction_id?: string; message?: string } | undefined;
    const status = row.ok ? pc.green(String(row.answer.status)) : pc.red(`${row.answer.status || 'none'} ✖`);
    const answer =
      row.answer.status === 200
        ? body?.transaction_id
          ? `tx ${body.transaction_id}`
          : 'ok'
        : (body?.message ?? row.answer.problem ?? '');
    const balance = typeof body?.balance === 'number' ? (body.balance / 100).toFixed(2) : '';
    const expected = row.ok ? '' : pc.red(`\nexpected ${row.expected}`);
    const note = row.ok && row.note ? `\n${pc.dim(row.note)}` : '';
    table.push([String(index + 1), row.step, row.action, row.sent, status + expected, answer + note, balance]);
  });
  return table.toString();
}
