/**
 * How long the ledger waits for PostgreSQL before it answers 503: short enough that a
 * frozen or unreachable database is answered well inside the caller's 5 s attempt.
 *
 * @see WALLET-PROTOCOL.md §6, the operator's database is unreachable, frozen or lost mid-call
 */
import { resolveMilliseconds } from '@tbb-wallet/core';

/** The ledger's bounds on a PostgreSQL server, in milliseconds (PGlite runs in-process and has none). */
export interface LedgerTimeouts {
  /**
   * Getting a connection: a free one from the pool, or a new one (TCP and start-up).
   * On a pool made from a URL this is also pg's `connectionTimeoutMillis`. Default 2000.
   */
  acquireMs: number;
  /**
   * Server side, each statement: `SET LOCAL statement_timeout` in every transaction (waits for a
   * player's row lock included). Default 2000.
   */
  statementMs: number;
  /**
   * Client side, all the queries of one call together (`BEGIN` to `COMMIT`): past it the call is
   * answered 503 and its connection is destroyed, never returned to the pool. Default 2500.
   */
  queryMs: number;
}

/** The defaults: at worst a call waits `acquireMs + queryMs` = 4.5 s; a frozen database answers 503 in ≤ 2.5 s. */
export const defaultTimeouts: Readonly<LedgerTimeouts> = Object.freeze({
  acquireMs: 2000,
  statementMs: 2000,
  queryMs: 2500,
});

/** Bounds for `migrate()`: DDL and waiting for another process's migration take longer than a call. */
export const migrationTimeouts: Readonly<Pick<LedgerTimeouts, 'statementMs' | 'queryMs'>> = Object.freeze({
  statementMs: 30_000,
  queryMs: 30_000,
});

/**
 * The defaults with the caller's overrides.
 *
 * @throws TypeError — an unknown key (a typo would otherwise be ignored), named with the one it meant.
 * @throws RangeError — a value that is not a whole number of milliseconds above 0, or above 2^31−1 (a longer timer fires at once).
 */
export function resolveTimeouts(given: Partial<LedgerTimeouts> | undefined): LedgerTimeouts {
  return resolveMilliseconds('createLedger({ timeouts })', defaultTimeouts, given);
}
