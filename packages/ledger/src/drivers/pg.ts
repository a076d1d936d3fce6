/**
 * The `pg` driver: a `Pool` the operator owns, or one made from a connection string.
 */
import pg from 'pg';
import type { Queryable, SqlDriver } from '../driver.ts';

/**
 * Wraps a pg `Pool`. When `owned` (the ledger made the pool from a connection
 * string) `close()` ends it, and errors of idle connections go to `onError`
 * instead of crashing the process.
 */
export function pgDriver(pool: pg.Pool, owned: boolean, onError?: (error: unknown) => void): SqlDriver {
  if (owned) pool.on('error', (error) => onError?.(error));
  return {
    query: (sql, params) => pool.query(sql, params),
    async transaction(work) {
      const client = await pool.connect();
      // A connection killed while checked out emits 'error' on the client; the query that
      // was running rejects on its own, so the event only needs a listener.
      const ignore = () => {};
      client.on('error', ignore);
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(client as Queryable);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // When even ROLLBACK fails the connection is gone: the client is destroyed, not pooled.
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.off('error', ignore);
        client.release(broken);
      }
    },
    async close() {
      if (owned) await pool.end();
    },
  };
}

/** Makes a pool from a connection string (`postgres://…`). */
export function pgPool(connectionString: string): pg.Pool {
  return new pg.Pool({ connectionString });
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
