/**
 * The one small interface the ledger needs from a database: run a query, and run a
 * function inside one SQL transaction. Two implementations: `pg` (a server) and
 * PGlite (embedded).
 */

/** Anything that runs a parameterised query: a pg `Pool` or `PoolClient`, a PGlite instance or transaction. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** A database the ledger runs on. */
export interface SqlDriver extends Queryable {
  /**
   * Runs `work` inside `BEGIN … COMMIT` on one connection; rolls back when it throws
   * and rethrows the error. READ COMMITTED, the PostgreSQL default.
   */
  transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T>;
  /** Ends what the driver opened itself; a pool or PGlite instance passed in is left open. */
  close(): Promise<void>;
}

/** The SQLSTATE of a database error, when the error carries one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A unique constraint refused an insert: a concurrent duplicate got there first. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/**
 * The work may succeed when tried again from the start: a serialization failure, a
 * deadlock, or the connection was lost (class 08, the server shut it down, or the
 * socket closed under the query). Nothing was committed in any of these cases.
 */
export function isTransient(error: unknown): boolean {
  const state = sqlState(error);
  if (state === '40001' || state === '40P01' || state === '57P01' || state === '57P02' || state === '57P03') {
    return true;
  }
  if (state?.startsWith('08')) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection (?:is )?(?:closed|ended)|ECONNRESET|ECONNREFUSED/i.test(message);
}
