/**
 * How long the outbox waits for its own PostgreSQL: an `enqueue` in a game round, a worker's
 * claim or settle never hangs on a frozen or unreachable database. Same shape and names as the
 * ledger's `timeouts`.
 */
import { resolveMilliseconds } from '@tbb-wallet/core';

/** The outbox's bounds on a PostgreSQL server, in milliseconds (PGlite runs in-process and has none). */
export interface OutboxDatabaseTimeouts {
  /**
   * Getting a connection: a free one from the pool, or a new one (TCP and start-up).
   * On a pool made from a URL this is also pg's `connectionTimeoutMillis`. Default 2000.
   */
  acquireMs: number;
  /** Server side, each statement: `SET LOCAL statement_timeout` in every transaction. Default 2000. */
  statementMs: number;
  /**
   * Client side, all the queries of one operation together (`BEGIN` to `COMMIT`): past it the
   * operation fails with `OutboxDatabaseError` and its connection is destroyed (the server
   * rolls back). Default 2500.
   */
  queryMs: number;
}

/** The defaults: an `enqueue` on a frozen database fails after at most `acquireMs + queryMs` = 4.5 s. */
export const defaultDatabaseTimeouts: Readonly<OutboxDatabaseTimeouts> = Object.freeze({
  acquireMs: 2000,
  statementMs: 2000,
  queryMs: 2500,
});

/** Bounds for `migrate()`: DDL and waiting for another process's migration take longer. */
export const migrationTimeouts: Readonly<Pick<OutboxDatabaseTimeouts, 'statementMs' | 'queryMs'>> = Object.freeze({
  statementMs: 30_000,
  queryMs: 30_000,
});

/**
 * The defaults with the caller's overrides.
 * @throws TypeError — an unknown key, named with the one it meant; RangeError — not a whole number of milliseconds above 0, or above 2^31−1 (a longer timer fires at once).
 */
export function resolveDatabaseTimeouts(given: Partial<OutboxDatabaseTimeouts> | undefined): OutboxDatabaseTimeouts {
  return resolveMilliseconds('createOutbox({ databaseTimeouts })', defaultDatabaseTimeouts, given);
}
