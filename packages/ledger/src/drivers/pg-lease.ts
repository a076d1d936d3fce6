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
 */
export function lease(client: pg.PoolClient, queryMs: number): Lease {
  const deadline = Date.now() + queryMs;
  let broken: Error | undefined;
  let released = false;
  const discard = (error: unknown) => {
    broken ??= error instanceof Error ? error : new DatabaseUnavailableError(String(error));
  };
  const release = () => {
    if (released) return;
    released = true;
    client.release(broken ?? undefined);
  };
  return {
    get lost() {
      return broken !== undefined;
    },
    discard,
    release,
    async query(sql, params) {
      if (broken) throw new DatabaseUnavailableError('The database connection was lost.', { cause: broken });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => {
            const error = new DatabaseUnavailableError(`The database did not answer within ${queryMs} ms.`);
            discard(error);
            release(); // destroys the socket now; the pending query rejects and is ignored
            reject(error);
          },
          Math.max(0, deadline - Date.now()),
        );
      });
      try {
        return await Promise.race([client.query(sql, params), timedOut]);
      } catch (error) {
        if (isLostConnection(error)) discard(error);
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
