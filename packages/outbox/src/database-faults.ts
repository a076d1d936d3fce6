/**
 * Which database errors mean the connection is gone (destroyed, never pooled again) or the
 * database could not be used for now, and the listeners that keep a dying connection from
 * crashing the process. The same classification as the ledger's `connection-faults.ts`.
 */
import type pg from 'pg';
import { OutboxDatabaseError, OutboxNotMigratedError } from './errors.ts';

const socketCodes =
  /^(08|ECONNRESET$|ECONNREFUSED$|ECONNABORTED$|ETIMEDOUT$|EPIPE$|EHOSTUNREACH$|ENETUNREACH$|ENOTFOUND$|EAI_AGAIN$|57P0[1235]$|25P03$|25006$)/;
const lostMessages =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Query read timeout|Cannot use a pool after calling end/i;

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** The error's own words. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message || codeOf(error) || error.name : String(error);
}

/**
 * The socket closed or reset, the server shut the session down, or the session only reads (25006: a
 * standby, or a primary demoted by a failover, where the next connection may reach the new primary):
 * the connection cannot be used again.
 */
export function isLostConnection(error: unknown): boolean {
  return socketCodes.test(codeOf(error)) || lostMessages.test(messageOf(error));
}

/**
 * The error as an {@link OutboxDatabaseError} when it means the database could not be used
 * (lost connection, statement timeout or cancel, too many connections); undefined for an
 * error of the SQL itself, which is rethrown as it is.
 */
export function unavailable(error: unknown, statementMs: number): OutboxDatabaseError | undefined {
  if (error instanceof OutboxDatabaseError) return error;
  if (codeOf(error) === '25006')
    return new OutboxDatabaseError(
      "the outbox's database only reads (SQLSTATE 25006: a standby, a primary demoted by a failover, or default_transaction_read_only on); the connection was dropped, so the next one may reach the primary: if this goes on, point the outbox's `database` at the primary",
      { cause: error },
    );
  if (isLostConnection(error))
    return new OutboxDatabaseError(`the connection to the outbox's database was lost (${messageOf(error)})`, {
      cause: error,
    });
  const code = codeOf(error);
  if (code === '57014')
    return new OutboxDatabaseError(
      `the outbox's database cancelled a statement after ${statementMs} ms (databaseTimeouts.statementMs) or by request`,
      { cause: error },
    );
  if (code.startsWith('53'))
    return new OutboxDatabaseError(`the outbox's database is out of resources (${messageOf(error)})`, {
      cause: error,
    });
  return undefined;
}

/**
 * `error` as an {@link OutboxNotMigratedError} when a table, column or function of the outbox is
 * missing (42P01, 42703, 42883); otherwise as it is.
 */
export function notMigrated(error: unknown): unknown {
  const code = codeOf(error);
  return code === '42P01' || code === '42703' || code === '42883'
    ? new OutboxNotMigratedError({ cause: error })
    : error;
}

const watched = new WeakSet<pg.Pool>();

/**
 * Listens for errors on a pool and on every client it hands out, so that no connection error
 * (idle, checked out, or a FATAL in the same read as "ready") is an unhandled 'error' event that
 * ends the process. Idle connections' errors go to `report`; a checked-out connection's error also
 * rejects its query, where the outbox handles it. A pool passed in that has an 'error' listener
 * of its own keeps it, and gets no second one.
 */
export function watchPool(pool: pg.Pool, report: (error: unknown) => void): void {
  if (watched.has(pool)) return;
  watched.add(pool);
  if (pool.listenerCount('error') === 0) pool.on('error', report);
  const ignore = () => {};
  // 'acquire' is emitted as a client is handed out, before pg-pool removes its own idle listener.
  pool.on('acquire', (client: pg.PoolClient) => {
    if (client.listeners('error').includes(ignore)) return;
    client.on('error', ignore);
  });
}
