/**
 * Which database errors mean "try again later" (answered 503) and which mean the
 * connection itself is gone (destroyed, never pooled again), and the listeners that
 * keep a dying connection from crashing the process.
 */
import type pg from 'pg';

/**
 * The database did not answer in time, or could not be used at all (a PGlite that failed
 * or was closed). Always transient: the call is answered 503 and nothing was committed that
 * a retry with the same body would not replay. The database's own error, if any, is `cause`.
 */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Node socket errors of a database that is unreachable or went away. */
const socketCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What pg and PGlite say when a connection or instance cannot be used any more. */
const lostMessages =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Query read timeout|Cannot use a pool after calling end|PGlite is clos(?:ed|ing)|PGlite failed to initialize/i;

/** The error's `code`: a SQLSTATE from the server, or a Node socket code. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The connection cannot be used again: the socket closed or reset, the server shut the
 * session down (class 08, 57P01–57P03, 25P03 idle in transaction too long, 57P05), the
 * session only reads (25006: a standby, or a primary demoted by a failover; the next
 * connection may reach the new primary), or the ledger gave up waiting for it. Such a
 * connection is destroyed, never returned to a pool.
 */
export function isLostConnection(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const code = errorCode(error);
  if (code !== undefined) {
    if (code.startsWith('08') || socketCodes.has(code)) return true;
    if (code === '57P01' || code === '57P02' || code === '57P03' || code === '57P05' || code === '25P03') return true;
    if (code === '25006') return true;
  }
  const message = error instanceof Error ? error.message : '';
  return lostMessages.test(message);
}

/**
 * The work may succeed when tried again from the start, and nothing of it was committed:
 * a lost connection, or the server refused or cancelled it for a reason that passes —
 * serialization failure or deadlock (40001, 40P01), statement timeout or cancel (57014),
 * lock timeout (55P03), too many connections or out of resources (class 53).
 */
export function isTransient(error: unknown): boolean {
  if (isLostConnection(error)) return true;
  const code = errorCode(error);
  return (
    code === '40001' || code === '40P01' || code === '57014' || code === '55P03' || code?.startsWith('53') === true
  );
}

/**
 * A read-only session's refusal (25006) explained: the ledger writes on every call, so it needs the
 * primary. Any other error is answered as it is.
 */
export function explainReadOnly(error: unknown): unknown {
  if (errorCode(error) !== '25006') return error;
  return new DatabaseUnavailableError(
    "The database only reads (SQLSTATE 25006: a standby, a primary demoted by a failover, or default_transaction_read_only on): the ledger needs the primary. The connection was dropped, so the next one may reach it; if this goes on, point the ledger's `database` at the primary.",
    { cause: error },
  );
}

const watched = new WeakSet<pg.Pool>();
const listened = new WeakSet<pg.PoolClient>();

/**
 * Listens for errors on a pool and on every client it hands out, so that no connection error
 * (idle, checked out, mid-query, or a FATAL in the same read as "ready") is an unhandled
 * 'error' event that ends the process. Idle connections' errors go to `report`; a checked-out
 * connection's error also rejects the query that runs on it, which is where the ledger handles it.
 *
 * On a pool passed in, the pool listener is added only when the pool has none of its own.
 */
export function watchPool(pool: pg.Pool, report: (error: unknown) => void): void {
  if (watched.has(pool)) return;
  watched.add(pool);
  if (pool.listenerCount('error') === 0) pool.on('error', (error) => report(error));
  // 'acquire' is emitted synchronously as a client is handed out, before pg-pool removes its own
  // idle listener: from then on the client always has one.
  pool.on('acquire', (client: pg.PoolClient) => {
    if (listened.has(client)) return;
    listened.add(client);
    client.on('error', () => {});
  });
}
