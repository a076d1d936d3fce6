/**
 * The outbox on a pg `Pool`: every operation is one transaction on one connection, bounded in
 * time (see `database-timeouts.ts`). `COMMIT` is sent only after every statement answered, so
 * an operation that failed or timed out committed nothing — a frozen socket that delivers its
 * bytes later delivers a transaction without its `COMMIT`, rolled back when the socket closes.
 * A connection that failed or ran out of time is destroyed, never returned to the pool.
 */
import { settleWithin } from '@tbb-wallet/core';
import type pg from 'pg';
import type { OutboxDriver, Queryable } from './database.ts';
import { isLostConnection, messageOf, notMigrated, unavailable, watchPool } from './database-faults.ts';
import type { OutboxDatabaseTimeouts } from './database-timeouts.ts';
import { OutboxDatabaseError } from './errors.ts';

/**
 * Wraps a pool; `owned` (made from a URL) means `close()` ends it. An idle connection's error
 * goes to `report` instead of crashing the process.
 */
export function pgDriver(
  pool: pg.Pool,
  owned: boolean,
  timeouts: OutboxDatabaseTimeouts,
  report: (error: OutboxDatabaseError) => void,
): OutboxDriver {
  watchPool(pool, (error) =>
    report(
      new OutboxDatabaseError(
        `an idle connection to the outbox's database was lost (${messageOf(error)}); the pool opens a new one when needed`,
        { cause: error },
      ),
    ),
  );

  async function transaction<T>(
    work: (client: Queryable) => Promise<T>,
    budget: Pick<OutboxDatabaseTimeouts, 'statementMs' | 'queryMs'> = timeouts,
  ): Promise<T> {
    const client = await acquire(pool, timeouts.acquireMs);
    const deadline = Date.now() + budget.queryMs;
    let broken: OutboxDatabaseError | undefined;
    let released = false;
    let committing = false;
    const release = () => {
      if (released) return;
      released = true;
      client.release(broken); // destroyed when broken: its socket closes, the server rolls back
    };
    const query = async (sql: string, params?: unknown[]) => {
      if (broken) throw broken;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => {
            broken = new OutboxDatabaseError(
              `the outbox's database did not answer within ${budget.queryMs} ms (databaseTimeouts.queryMs); the connection was closed`,
            );
            release();
            reject(broken);
          },
          Math.max(0, deadline - Date.now()),
        );
      });
      try {
        return await Promise.race([client.query(sql, params), timedOut]);
      } catch (error) {
        if (broken) throw broken;
        const cause = unavailable(error, budget.statementMs);
        if (cause && isLostConnection(error)) broken = cause;
        throw cause ?? notMigrated(error);
      } finally {
        clearTimeout(timer);
      }
    };
    try {
      await query(
        `BEGIN; SET LOCAL statement_timeout = ${budget.statementMs}; SET LOCAL idle_in_transaction_session_timeout = ${budget.queryMs}`,
      );
      const result = await work({ query });
      committing = true;
      await query('COMMIT');
      return result;
    } catch (error) {
      if (!broken) await query('ROLLBACK').catch(() => {});
      if (committing && error instanceof OutboxDatabaseError)
        throw new OutboxDatabaseError(error.message, { cause: error.cause, mayHaveCommitted: true });
      throw error;
    } finally {
      release();
    }
  }

  return {
    kind: 'postgres',
    query: (sql, params) => transaction((client) => client.query(sql, params)),
    transaction,
    async close() {
      if (owned && !pool.ended) await pool.end();
    },
  };
}

/**
 * A connection from `pool` within `acquireMs` (one that arrives later goes straight back).
 * @throws OutboxDatabaseError — none in time, or the connection attempt failed.
 */
async function acquire(pool: pg.Pool, acquireMs: number): Promise<pg.PoolClient> {
  const timedOut = () =>
    new OutboxDatabaseError(
      `the outbox's database gave no connection within ${acquireMs} ms (databaseTimeouts.acquireMs): the server is unreachable or the pool is exhausted`,
    );
  try {
    return await settleWithin(pool.connect(), acquireMs, timedOut, (late) => late.release());
  } catch (error) {
    if (error instanceof OutboxDatabaseError) throw error;
    throw new OutboxDatabaseError(`could not connect to the outbox's database (${messageOf(error)})`, { cause: error });
  }
}
