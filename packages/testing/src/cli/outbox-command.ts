/**
 * `tbb-wallet outbox list|retry|resolve|work`: run or inspect a provider's delivery queue
 * (@tbb-wallet/outbox) on PostgreSQL or on an embedded PGlite directory.
 */
import type { Job, JobState, Outbox } from '@tbb-wallet/outbox';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import { parsePositiveInt, UsageError } from './common.ts';
import { databaseOption, openOutbox } from './outbox-database.ts';
import { outboxWorkCommand } from './outbox-work-command.ts';

const states: readonly JobState[] = ['pending', 'delivered', 'refused', 'dead', 'resolved'];

/** The `outbox` command and its subcommands. */
export function outboxCommand(): Command {
  const command = new Command('outbox').description(
    "run or inspect a provider's delivery queue of wins, refunds and rollback-wins (@tbb-wallet/outbox)",
  );
  for (const sub of [listCommand(), retryCommand(), resolveCommand(), outboxWorkCommand()]) {
    command.addCommand(sub.showHelpAfterError('(add --help for usage)').exitOverride());
  }
  return command.exitOverride();
}

function listCommand(): Command {
  return new Command('list')
    .description('list jobs, oldest first, with their state, attempts and last answer')
    .addOption(databaseOption())
    .addOption(new Option('--state <state>', 'only jobs in this state').choices(states))
    .option('--player <player_id>', "only this player's jobs")
    .option('--round <round_id>', "only this round's jobs")
    .option('--limit <n>', 'at most this many', parsePositiveInt, 1000)
    .option('--json', 'one JSON object per line instead of a table')
    .action(
      async (options: {
        database: string;
        state?: JobState;
        player?: string;
        round?: string;
        limit: number;
        json?: boolean;
      }) => {
        await withOutbox(options.database, async (outbox) => {
          const jobs = await outbox.jobs({
            ...(options.state ? { state: options.state } : {}),
            ...(options.player ? { player_id: options.player } : {}),
            ...(options.round ? { round_id: options.round } : {}),
            limit: options.limit,
          });
          if (options.json) for (const job of jobs) console.log(JSON.stringify(job));
          else printJobs(jobs);
          const stats = await outbox.stats();
          console.error(
            pc.dim(
              `${stats.pending} pending (oldest ${Math.round(stats.oldestPendingAgeMs / 1000)} s), ` +
                `${stats.delivered} delivered, ${stats.refused} refused, ${stats.dead} dead, ${stats.resolved} resolved`,
            ),
          );
        });
      },
    );
}

function retryCommand(): Command {
  return new Command('retry')
    .description('send a dead or refused job again (or a waiting one now), with a fresh retry schedule')
    .argument('<id>', 'the job id (see `tbb-wallet outbox list`)')
    .addOption(databaseOption())
    .action(async (id: string, options: { database: string }) => {
      const job = await withOutbox(options.database, (outbox) => managed(() => outbox.retry(id)));
      console.log(`job ${job.id} is ${job.state}: a running \`tbb-wallet outbox work\` sends it now`);
    });
}

function resolveCommand(): Command {
  return new Command('resolve')
    .description('settle a job by hand (state resolved): it is never sent again')
    .argument('<id>', 'the job id (see `tbb-wallet outbox list`)')
    .requiredOption('--note <note>', 'how it was settled, e.g. "credited by hand, ticket 42"')
    .addOption(databaseOption())
    .action(async (id: string, options: { database: string; note: string }) => {
      const job = await withOutbox(options.database, (outbox) => managed(() => outbox.resolve(id, options.note)));
      console.log(`job ${job.id} is ${job.state}: ${job.note}`);
    });
}

/** Runs `run` on the outbox at `database`, then closes it. */
async function withOutbox<T>(database: string, run: (outbox: Outbox) => Promise<T>): Promise<T> {
  const outbox = await openOutbox(database);
  try {
    return await run(outbox);
  } finally {
    await outbox.close();
  }
}

/** A job id that does not exist or a job in the wrong state is the user's mistake: exit 2 with the reason. */
async function managed(run: () => Promise<Job>): Promise<Job> {
  try {
    return await run();
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'OutboxJobNotFoundError' || name === 'OutboxJobStateError' || error instanceof TypeError)
      throw new UsageError((error as Error).message);
    throw error;
  }
}

function printJobs(jobs: readonly Job[]): void {
  if (jobs.length === 0) {
    console.log('no jobs');
    return;
  }
  const paint = { pending: pc.yellow, delivered: pc.green, refused: pc.magenta, dead: pc.red, resolved: pc.cyan };
  for (const job of jobs) {
    const last = job.lastStatus === null ? (job.lastError ?? '') : `last ${job.lastStatus}`;
    const when = job.state === 'pending' ? `next ${job.nextAttemptAt.toISOString()}` : (job.note ?? '');
    console.log(
      [
        job.id.padStart(5),
        paint[job.state](job.state.padEnd(9)),
        job.action.padEnd(12),
        `tx=${job.transactionId}`,
        `player=${job.playerId}`,
        `round=${job.roundId}`,
        `amount=${job.amount}`,
        `attempts=${job.attempts}`,
        last,
        pc.dim(when),
      ].join('  '),
    );
  }
}
