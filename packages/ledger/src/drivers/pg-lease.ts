/**
 * One call's use of a pooled pg connection, bounded in time: getting the connection
 * waits at most `acquireMs`, and all the call's queries together at most `queryMs`.
 * A connection that failed or ran out of time is destroyed, not returned to the pool.
 */
import { settleWithin } from '@tbb-wallet/core';
import type pg from 'pg';
import { DatabaseUnavailableError, isLostConnection } from '../connection-faults.ts';
import type { Queryable } from '../driver.ts';

/** A checked-out connection whose queries share one deadline. */
export interface Lease extends Queryable {
  /** Marks the connection unusable: `release()` destroys it. */
  discard(error: unknown): void;
  /** True once the connection was lost or timed out. */
  readonly lost: boolean;
  /** Returns the connection to the pool, or destroys it when it was lost; once. */
  release(): void;
}

/**
 * Checks a connection out of `pool`, waiting at most `acquireMs`.
 *
 * @throws DatabaseUnavailableError — no connection within `acquireMs` (a connection that arrives
 *   later goes straight back to the pool).
 * @throws the pool's own error — the connection attempt failed (refused, reset, shut down…).
 */
export function acquire(pool: pg.Pool, acquireMs: number): Promise<pg.PoolClient> {
  const timedOut = () => new DatabaseUnavailableError(`No database connection within ${acquireMs} ms.`);
  return settleWithin(pool.connect(), acquireMs, timedOut, (late) => late.release());
}

/**
 * Wraps a checked-out connection: every query must answer before `queryMs` after the lease
 * began, or it rejects with {@link DatabaseUnavailableError} and the connection is destroyed at
 * once (its socket closed, so the server rolls the transaction back).
 *
 * One timer for the lease's deadline, not one per query: a call's two round trips arm and clear
 * one. The queries go through pg's callback form, so no promise of pg's or race of ours per query.
 */
export function lease(client: pg.PoolClient, queryMs: number): Lease {
  let broken: Error | undefined;
  let released = false;
  /** Past the deadline, with no query waiting when it came: the next query times out at once. */
  let expired = false;
  /** The rejections of the queries in flight (one, as the ledger sends them), called when the deadline comes first. */
  const waiting = new Set<(error: Error) => void>();
  const discard = (error: unknown) => {
    broken ??= error instanceof Error ? error : new DatabaseUnavailableError(String(error));
  };
  const release = () => {
    if (released) return;
    released = true;
    clearTimeout(deadline);
    client.release(broken ?? undefined);
  };
  /** The deadline passed with a query in flight (or a query asked after it): destroy the connection now. */
  const timeOut = (): Error => {
    const error = new DatabaseUnavailableError(`The database did not answer within ${queryMs} ms.`);
    discard(error);
    release(); // destroys the socket now; the pending query rejects and is ignored
    return error;
  };
  const deadline = setTimeout(() => {
    if (waiting.size === 0) {
      expired = true;
      return;
    }
    // Taken first: destroying the connection may answer the queries' callbacks with its own error.
    const rejects = [...waiting];
    waiting.clear();
    const error = timeOut();
    for (const reject of rejects) reject(error);
  }, queryMs);
  return {
    get lost() {
      return broken !== undefined;
    },
    discard,
    release,
    query(sql, params) {
      return new Promise((resolve, reject) => {
        if (broken) {
          reject(new DatabaseUnavailableError('The database connection was lost.', { cause: broken }));
          return;
        }
        if (expired) {
          reject(timeOut());
          return;
        }
        waiting.add(reject);
        // pg 8.x takes `undefined` values with a callback (a simple query), as it does without one.
        const values = params as unknown[];
        client.query(sql, values, (error: Error | undefined, result: { rows: Record<string, unknown>[] }) => {
          if (!waiting.delete(reject)) return; // the deadline answered this query already
          if (error) {
            if (isLostConnection(error)) discard(error);
            reject(error);
          } else resolve(result);
        });
      });
    },
  };
}
