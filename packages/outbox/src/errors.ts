/**
 * The outbox's own errors: each says what to do.
 */

/** No job has this id. */
export class OutboxJobNotFoundError extends Error {
  override name = 'OutboxJobNotFoundError';
  readonly jobId: string;

  constructor(jobId: string) {
    super(`No outbox job has id ${jobId}: list them with outbox.jobs() or \`tbb-wallet outbox list\`.`);
    this.jobId = jobId;
  }
}

/** `retry()` or `resolve()` of a job in a state that does not allow it (a delivered job is never sent again). */
export class OutboxJobStateError extends Error {
  override name = 'OutboxJobStateError';
  readonly jobId: string;
  readonly state: string;

  constructor(jobId: string, state: string, wanted: string) {
    super(`Outbox job ${jobId} is ${state}: ${wanted}.`);
    this.jobId = jobId;
    this.state = state;
  }
}

/**
 * `enqueue()` of a transaction id already queued for the same operator and action, with a
 * different body: the operator would refuse the second one (400), so it is not queued.
 */
export class OutboxConflictError extends Error {
  override name = 'OutboxConflictError';
  readonly jobId: string;

  constructor(jobId: string, transactionId: string) {
    super(
      `transaction_id ${transactionId} is already queued (job ${jobId}) with a different body: give the new call a new transaction_id.`,
    );
    this.jobId = jobId;
  }
}

/**
 * The outbox's own database could not be used: it gave no connection or did not answer
 * within `databaseTimeouts`, the connection was lost, the server cancelled the statement,
 * or the PGlite is closed. Transient: the same call again, once the database answers, does
 * what this one did not (an `enqueue` of the same request is queued once, whatever happened).
 * The database's own error, if any, is `cause`.
 */
export class OutboxDatabaseError extends Error {
  override name = 'OutboxDatabaseError';
  /**
   * True when the failure came while `COMMIT` was on its way: the work may have been
   * committed. False: it surely was not.
   */
  readonly mayHaveCommitted: boolean;

  constructor(message: string, options: { cause?: unknown; mayHaveCommitted?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.mayHaveCommitted = options.mayHaveCommitted ?? false;
  }
}

/**
 * The outbox's table is missing or older than this version of `@tbb-wallet/outbox`: `migrate()`
 * was not run on this database (or schema), or not since an upgrade, or the table was dropped.
 * Said so, instead of the database's "relation does not exist". The database's error is `cause`.
 */
export class OutboxNotMigratedError extends Error {
  override name = 'OutboxNotMigratedError';
  readonly code = 'TBB_WALLET_OUTBOX_NOT_MIGRATED';

  constructor(options: { cause: unknown }) {
    super(
      "The outbox's table is missing or older than this @tbb-wallet/outbox: run `await outbox.migrate()` at " +
        'start-up (idempotent, safe from several processes) with a database user that may create tables, in ' +
        "the connection's search_path.",
      options,
    );
  }
}
