/**
 * The one small interface the ledger needs from a database: run a query, and run a
 * function inside one SQL transaction. Two implementations: `pg` (a server) and
 * PGlite (embedded).
 */
import { errorCode } from './connection-faults.ts';
import type { RoundTrip } from './observe-call.ts';

/** Anything that runs a parameterised query: a pg `Pool` or `PoolClient`, a PGlite instance or transaction. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** How long one transaction may take on a server: per statement, and all its queries together (ms). */
export interface TransactionBudget {
  readonly statementMs: number;
  readonly queryMs: number;
}

/** The rows of each statement of a multi-statement query, in order. */
export type StatementRows = Record<string, unknown>[][];

/** What a call decided after its first round trip: the writes to commit, and how to answer from their rows. */
export interface Step<T> {
  /** Statements (values escaped with `literal()`) sent with `COMMIT` in the second round trip; none: just `COMMIT`. */
  readonly writes: string | undefined;
  readonly answer: (written: StatementRows) => T;
}

/** A database the ledger runs on. */
export interface SqlDriver extends Queryable {
  /**
   * One call in two round trips: `BEGIN`, the transaction's bounds and `read` (statements whose values
   * are escaped with `literal()`) travel together; `decide` gets the rows of `read`'s statements and
   * answers the writes, which travel with `COMMIT`. When `decide` or a statement throws, the
   * transaction is rolled back and the error rethrown. READ COMMITTED: each statement sees what
   * committed before it started (a statement after a `FOR UPDATE` sees what the lock waited for).
   */
  exchange<T>(read: string, decide: (rows: StatementRows) => Step<T>, trip?: RoundTrip): Promise<T>;
  /**
   * Runs `work` inside `BEGIN … COMMIT` on one connection; rolls back when it throws
   * and rethrows the error. READ COMMITTED, the PostgreSQL default.
   */
  transaction<T>(work: (client: Queryable) => Promise<T>, budget?: TransactionBudget): Promise<T>;
  /** Ends what the driver opened itself; a pool or PGlite instance passed in is left open. */
  close(): Promise<void>;
}

/** The SQLSTATE of a database error, when the error carries one. */
export function sqlState(error: unknown): string | undefined {
  return errorCode(error);
}

/** A unique constraint refused an insert: a concurrent duplicate got there first. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/**
 * The work may succeed when tried again from the start, and nothing of it was committed.
 * @see connection-faults.ts
 */
export { isTransient } from './connection-faults.ts';

/** A round trip run as it is: what a driver does when nobody observes the call. */
export const directTrip: RoundTrip = (_step, run) => run();
