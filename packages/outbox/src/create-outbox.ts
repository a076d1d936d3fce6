/**
 * `createOutbox()`: a durable queue of the credits a provider owes (win, refund,
 * rollback-win), delivered in the background until the operator answers.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { BetInput, WalletClient } from '@tbb-wallet/client';
import { assertHookOptions, assertKnownOptions } from '@tbb-wallet/core';
import type { OutboxBetOptions, OutboxBetResult } from './bet-or-refund.ts';
import { betOrQueueRefund } from './bet-or-refund.ts';
import { openDatabase } from './database.ts';
import { notMigrated } from './database-faults.ts';
import { resolveDatabaseTimeouts } from './database-timeouts.ts';
import type { Enqueued, EnqueueOptions, OutboxRequest } from './enqueue.ts';
import { enqueueOptionNames, givenTransaction, insertJob, storedBody } from './enqueue.ts';
import { OutboxDatabaseError } from './errors.ts';
import { emitter } from './events.ts';
import type { Job, JobFilter, OutboxStats } from './job.ts';
import { getJob, listJobs, readStats, resolveJob, retryJob } from './manage-jobs.ts';
import { migrate } from './migrations.ts';
import type { OutboxOptions } from './options.ts';
import { resolveOperators, resolveSettings } from './options.ts';
import { createSendAttempt } from './send-attempt.ts';
import { createWorker } from './worker.ts';

/** A durable delivery queue. */
export interface Outbox {
  /** Where the jobs are kept: for an embedded PGlite, the data directory (absolute). */
  readonly database: { readonly kind: 'pglite' | 'postgres'; readonly dataDir?: string };
  /** Creates or upgrades the table (in the connection's `search_path`); answers the versions applied now. */
  migrate(): Promise<number[]>;
  /**
   * Queues a win, refund or rollback-win (`action` included); resolves once it is durable —
   * or, with `{ transaction }`, once it is written in your transaction (durable when you commit).
   * The same operator, action and transaction_id again with the same body adds nothing.
   * @throws TypeError for a request the spec refuses or an unknown operator;
   *   OutboxConflictError for a queued transaction_id with another body;
   *   OutboxDatabaseError when the database could not be used within `databaseTimeouts` (its
   *   message says whether the job surely was not queued): enqueue the same request again;
   *   OutboxNotMigratedError when `migrate()` did not run on this database.
   */
  enqueue(request: OutboxRequest, options?: EnqueueOptions): Promise<Enqueued>;
  /** Starts delivering in the background (no-op when started). */
  start(): void;
  /** Picks no new job and resolves once the deliveries in flight are written. */
  stop(): Promise<void>;
  /** Jobs matching the filter, oldest first. */
  jobs(filter?: JobFilter): Promise<Job[]>;
  /** One job. @throws OutboxJobNotFoundError */
  job(id: string): Promise<Job>;
  /** Sends a dead, refused or waiting job now, with a fresh schedule. @throws OutboxJobStateError for a delivered one. */
  retry(id: string): Promise<Job>;
  /** Settles a job by hand (`resolved`) with a note. @throws OutboxJobStateError for a delivered one. */
  resolve(id: string, note: string): Promise<Job>;
  /** Queue depth, jobs due, the oldest pending job's age, counts per state. */
  stats(): Promise<OutboxStats>;
  /**
   * Places a bet with `wallet.bet`; when its outcome is unknown, queues its refund and
   * answers `{ outcome: 'refund-queued' }` once the refund is durable.
   */
  betOrRefund(wallet: Pick<WalletClient, 'bet'>, bet: BetInput, options: OutboxBetOptions): Promise<OutboxBetResult>;
  /** `stop()`, then closes the database the outbox opened itself (a pool or PGlite passed in stays open). */
  close(): Promise<void>;
}

/** Every option of {@link OutboxOptions}: a misspelt one is refused, not ignored. */
const outboxOptionNames = {
  wallet: true,
  database: true,
  databaseTimeouts: true,
  backoff: true,
  timeoutMs: true,
  leaseMs: true,
  concurrency: true,
  pollMs: true,
  statsIntervalMs: true,
  workerId: true,
  onEvent: true,
  telemetry: true,
} as const satisfies Record<keyof OutboxOptions, true>;

/**
 * Creates an outbox. Call `migrate()` once, `enqueue()` what you owe, and `start()` a worker
 * in every process that should deliver (many processes need a PostgreSQL server; an
 * embedded PGlite serves one process).
 *
 * @throws TypeError for a `wallet` or `database` it cannot use; RangeError for settings out of range.
 * @example
 * const outbox = createOutbox({ wallet: { baseUrl, secret }, database: process.env.DATABASE_URL });
 * await outbox.migrate();
 * outbox.start();
 * await outbox.enqueue({ action: 'win', ...winRequest });
 */
export function createOutbox(options: OutboxOptions): Outbox {
  assertKnownOptions('createOutbox', options, outboxOptionNames);
  assertHookOptions('createOutbox', options, ['onEvent'], 'start');
  const operators = resolveOperators(options.wallet);
  const settings = resolveSettings(options);
  const emit = emitter(options.onEvent);
  const db = openDatabase(
    options.database,
    'database' in options,
    resolveDatabaseTimeouts(options.databaseTimeouts),
    (error) => emit({ type: 'error', error }),
  );
  const database = { kind: db.kind, ...(db.dataDir === undefined ? {} : { dataDir: db.dataDir }) };
  emit({ type: 'database', ...database });
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const worker = createWorker({
    db,
    send: createSendAttempt(operators, settings.timeoutMs, options.telemetry?.client),
    settings,
    workerId,
    operators: [...operators.keys()],
    emit,
    reportStats: async () => emit({ type: 'stats', ...(await readStats(db)) }),
    telemetry: options.telemetry,
  });
  options.telemetry?.watchQueue?.(() => readStats(db));

  const noWallet =
    'this outbox was created without a `wallet`: pass createOutbox({ wallet: { baseUrl, secret } }) to deliver';
  const operatorOf = (name: string | undefined): string => {
    if (operators.size === 0) throw new TypeError(`outbox.enqueue: ${noWallet}.`);
    const chosen = name ?? (operators.size === 1 ? [...operators.keys()][0]! : undefined);
    if (chosen === undefined)
      throw new TypeError(
        `outbox.enqueue: name the operator ({ operator }): one of ${[...operators.keys()].join(', ')}.`,
      );
    if (!operators.has(chosen))
      throw new TypeError(`outbox.enqueue: no operator named "${chosen}"; known: ${[...operators.keys()].join(', ')}.`);
    return chosen;
  };

  let closed = false;
  /** The options of an enqueue, checked before anything is stored (or, for betOrRefund, before the bet). */
  const checkEnqueueOptions = (enqueueOptions: EnqueueOptions) => {
    // Not the database's fault, which the message of a failed enqueue would say: nothing to wait out.
    if (closed) throw new TypeError('outbox.enqueue: this outbox was closed (outbox.close()); nothing was queued.');
    assertKnownOptions('outbox.enqueue', enqueueOptions, enqueueOptionNames);
    return { operator: operatorOf(enqueueOptions.operator), given: givenTransaction(enqueueOptions) };
  };

  const outbox: Outbox = {
    database,
    migrate: () => migrate(db),
    async enqueue(request, enqueueOptions = {}) {
      const { operator, given } = checkEnqueueOptions(enqueueOptions);
      const stored = storedBody(request); // checked before any database work
      const enqueued = await (given
        ? insertJob(given, operator, stored).catch((error: unknown) => {
            throw notMigrated(error);
          })
        : db
            .transaction((tx) => insertJob(tx, operator, stored))
            .catch((error: unknown) => {
              throw enqueueFailure(error);
            }));
      worker.wake();
      return enqueued;
    },
    start() {
      if (operators.size === 0) throw new TypeError(`outbox.start: ${noWallet}.`);
      worker.start();
    },
    stop: () => worker.stop(),
    jobs: (filter) => listJobs(db, filter),
    job: (id) => getJob(db, id),
    async retry(id) {
      const job = await retryJob(db, id);
      worker.wake();
      return job;
    },
    resolve: (id, note) => resolveJob(db, id, note),
    stats: () => readStats(db),
    betOrRefund: (wallet, bet, betOptions) =>
      betOrQueueRefund(outbox.enqueue, checkEnqueueOptions, wallet, bet, betOptions),
    async close() {
      closed = true;
      await worker.stop();
      await db.close();
    },
  };
  return outbox;
}

/** An enqueue's database failure, saying whether the job was queued and what to do. */
function enqueueFailure(error: unknown): unknown {
  if (!(error instanceof OutboxDatabaseError)) return error;
  const what = error.mayHaveCommitted
    ? 'the job may be queued (the database did not answer COMMIT)'
    : 'nothing was queued';
  return new OutboxDatabaseError(
    `outbox.enqueue: ${what}: ${error.message}. Enqueue the same request again once the database answers: the same body is queued once.`,
    { cause: error.cause ?? error, mayHaveCommitted: error.mayHaveCommitted },
  );
}
