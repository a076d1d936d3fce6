/**
 * `tbb-wallet outbox work`: deliver an outbox's jobs to one operator until stopped, one
 * log line per attempt that settled or failed, and the queue's depth and age now and then.
 */

import { readFile } from 'node:fs/promises';
import type { OutboxEvent } from '@tbb-wallet/outbox';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import type { SecretOptions } from './common.ts';
import { addSecretOptions, parsePositiveInt, parseUrl, requireSecret } from './common.ts';
import { databaseOption, openOutbox } from './outbox-database.ts';

interface WorkOptions extends SecretOptions {
  database: string;
  url: string;
  concurrency: number;
  timeout: number;
  statsEvery: number;
}

/** One line per event; the secret is never part of one. */
export function outboxEventLine(event: OutboxEvent): string | undefined {
  const time = pc.dim(new Date().toISOString().slice(11, 23));
  if (event.type === 'stats')
    return `${time}  ${pc.dim(`queue: ${event.pending} pending (${event.due} due, oldest ${Math.round(event.oldestPendingAgeMs / 1000)} s), ${event.delivered} delivered, ${event.refused} refused, ${event.dead} dead`)}`;
  if (event.type === 'error')
    return `${time}  ${pc.red(`error: ${event.error instanceof Error ? event.error.message : String(event.error)}`)}`;
  if (event.type === 'database') return undefined;
  const job = `job ${event.jobId} ${event.action} tx=${event.transactionId} attempt ${event.attempt}`;
  if (event.type === 'settled') {
    const paint = event.state === 'delivered' ? pc.green : event.state === 'refused' ? pc.magenta : pc.red;
    return `${time}  ${job}  → ${paint(`${event.state} ${event.status}`)} ${pc.dim(event.reason)}`;
  }
  if (event.type === 'forbidden')
    return `${time}  ${job}  → ${pc.red('403: the secret does not match')} ${pc.dim(`(again in ${event.retryInMs} ms)`)}`;
  if (event.type === 'retry')
    return `${time}  ${job}  → ${pc.yellow(event.status ? String(event.status) : event.error)} ${pc.dim(`(again in ${event.retryInMs} ms)`)}`;
  return `${time}  ${job}  → ${pc.dim('lease lost: another worker has it')}`;
}

/** The `outbox work` command. */
export function outboxWorkCommand(): Command {
  const command = new Command('work')
    .description('deliver the queued jobs to an operator until stopped (Ctrl+C finishes the deliveries in flight)')
    .addOption(databaseOption())
    .requiredOption('--url <url>', "the operator's wallet URL", parseUrl)
    .addOption(new Option('--concurrency <n>', 'deliveries in flight at once').argParser(parsePositiveInt).default(8))
    .addOption(new Option('--timeout <ms>', 'time one attempt may take').argParser(parsePositiveInt).default(10_000))
    .addOption(
      new Option('--stats-every <ms>', 'how often to print the queue depth and oldest age')
        .argParser(parsePositiveInt)
        .default(30_000),
    )
    .addHelpText(
      'after',
      '\nMany workers need a PostgreSQL server (--database postgres://…); an embedded PGlite directory serves one process.\n\nExample:\n  tbb-wallet outbox work --database .tbb-outbox --url http://127.0.0.1:8080/wallet --secret S',
    );
  return addSecretOptions(command).action(async (options: WorkOptions) => {
    const first = await requireSecret(options);
    // A secret file is read again at every send, so a rotation reaches the jobs already waiting.
    const file = options.secretFile;
    const secret =
      file && file !== '-'
        ? async () => (await readFile(file, 'utf8').catch(() => '')).replace(/\r?\n$/, '') || first
        : first;
    const outbox = await openOutbox(options.database, {
      wallet: { baseUrl: options.url, secret },
      concurrency: options.concurrency,
      timeoutMs: options.timeout,
      leaseMs: Math.max(60_000, options.timeout * 2),
      statsIntervalMs: options.statsEvery,
      onEvent: (event) => {
        const line = outboxEventLine(event);
        if (line) console.log(line);
      },
    });
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    outbox.start();
    const stats = await outbox.stats();
    console.log(
      `${pc.bold('tbb-wallet outbox work')} delivering to ${pc.cyan(options.url)}: ${stats.pending} pending. Press Ctrl+C to stop.`,
    );
    await stopped;
    await outbox.close();
    console.log(pc.dim('outbox worker stopped'));
  });
}
