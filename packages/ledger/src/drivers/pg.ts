/**
 * The `pg` driver: a `Pool` the operator owns, or one made from a connection string.
 * Every call is bounded in time (see `timeouts.ts`) and no connection error can crash
 * the process (see `connection-faults.ts`).
 */
import pg from 'pg';
import { explainReadOnly, isLostConnection, isTransient, watchPool } from '../connection-faults.ts';
import type { SqlDriver, StatementRows, TransactionBudget } from '../driver.ts';
import { directTrip } from '../driver.ts';
import { notMigrated } from '../not-migrated.ts';
import type { LedgerTimeouts } from '../timeouts.ts';
import type { Lease } from './pg-lease.ts';
import { acquire, lease } from './pg-lease.ts';

/**
 * Wraps a pg `Pool`. When `owned` (the ledger made the pool from a connection string)
 * `close()` ends it. Database faults the ledger absorbs — an idle connection's error, a
 * lost or timed-out connection behind a 503 — go to `onFault`.
 */
export function pgDriver(
  pool: pg.Pool,
  owned: boolean,
  timeouts: LedgerTimeouts,
  onFault: (error: unknown) => void = () => {},
): SqlDriver {
  watchPool(pool, onFault);
  // The read's prefix is the same for every call: built once, not per call.
  const callBounds = boundsOf(timeouts);
  const readPrefix = `${callBounds.join('; ')}; `;

  /** Runs `use` on a leased connection; releases it (destroyed when lost) whatever happens. */
  async function leased<T>(queryMs: number, use: (client: Lease) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await acquire(pool, timeouts.acquireMs);
    } catch (error) {
      if (isTransient(error)) onFault(error);
      throw error;
    }
    const connection = lease(client, queryMs);
    try {
      return await use(connection);
    } catch (thrown) {
      const error = explainReadOnly(thrown);
      if (connection.lost || isTransient(error)) onFault(error);
      throw notMigrated(error);
    } finally {
      connection.release();
    }
  }

  return {
    query: (sql, params) => leased(timeouts.queryMs, (client) => client.query(sql, params)),
    transaction(work, budget: TransactionBudget = timeouts) {
      return leased(budget.queryMs, async (client) => {
        // One round trip: the transaction and its server-side bounds. A session the client
        // abandoned (a network that stopped forwarding) frees its locks after queryMs idle.
        await client.query(boundsOf(budget).join('; '));
        try {
          const result = await work(client);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          if (isLostConnection(error)) client.discard(error);
          if (!client.lost) {
            // When even ROLLBACK fails the connection is gone: it is destroyed, not pooled.
            await client.query('ROLLBACK').catch((rollbackError: unknown) => client.discard(rollbackError));
          }
          throw error;
        }
      });
    },
    exchange(read, decide, trip = directTrip) {
      return leased(timeouts.queryMs, async (client) => {
        try {
          const first = await trip('read', () => client.query(readPrefix + read));
          const step = decide(rowsOf(first).slice(callBounds.length));
          const written = rowsOf(
            await trip('write', () => client.query(step.writes ? `${step.writes}; COMMIT` : 'COMMIT')),
          );
          return step.answer(written.slice(0, -1));
        } catch (error) {
          if (isLostConnection(error)) client.discard(error);
          if (!client.lost) {
            await client.query('ROLLBACK').catch((rollbackError: unknown) => client.discard(rollbackError));
          }
          throw error;
        }
      });
    },
    async close() {
      if (owned) await pool.end();
    },
  };
}

/**
 * `BEGIN` and the transaction's server-side bounds. A session the client abandoned (a network that
 * stopped forwarding) frees its locks after `queryMs` idle.
 */
function boundsOf(budget: TransactionBudget): string[] {
  return [
    'BEGIN',
    `SET LOCAL statement_timeout = ${budget.statementMs}`,
    `SET LOCAL idle_in_transaction_session_timeout = ${budget.queryMs}`,
  ];
}

/** The rows of each statement: pg answers one result for one statement, an array for several. */
function rowsOf(results: unknown): StatementRows {
  const list = (Array.isArray(results) ? results : [results]) as { rows: Record<string, unknown>[] }[];
  return list.map((result) => result.rows);
}

/** Makes a pool from a connection string (`postgres://…`), bounded by `timeouts`. */
export function pgPool(connectionString: string, timeouts: LedgerTimeouts): pg.Pool {
  return new pg.Pool({
    connectionString,
    connectionTimeoutMillis: timeouts.acquireMs,
    // Reads outside a transaction (balance) are bounded on the server too.
    statement_timeout: timeouts.statementMs,
    keepAlive: true,
  });
}

/** True for a pg `Pool` (duck-typed, so a pool from another copy of `pg` works too). */
export function isPgPool(value: unknown): value is pg.Pool {
  const candidate = value as { connect?: unknown; query?: unknown; end?: unknown } | null;
  return (
    typeof candidate?.connect === 'function' &&
    typeof candidate.query === 'function' &&
    typeof candidate.end === 'function'
  );
}
