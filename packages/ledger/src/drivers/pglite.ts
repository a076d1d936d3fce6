/**
 * The PGlite driver: PostgreSQL compiled to WebAssembly, embedded in the process —
 * in memory, or in a directory on disk. It has one connection, so its transactions
 * run one after another. A PGlite that failed to start, was closed or broke is a
 * {@link DatabaseUnavailableError} (answered 503), never a crash.
 */
import type { PGlite } from '@electric-sql/pglite';
import { DatabaseUnavailableError, errorCode } from '../connection-faults.ts';
import type { Queryable, SqlDriver, StatementRows } from '../driver.ts';
import { directTrip } from '../driver.ts';
import { notMigrated } from '../not-migrated.ts';

/** Wraps a PGlite instance (or the promise of one); `close()` closes it only when `owned`. */
export function pgliteDriver(database: Promise<PGlite>, owned: boolean): SqlDriver {
  // A start that fails before the first call must not be an unhandled rejection.
  database.catch(() => {});
  async function ready(): Promise<PGlite> {
    try {
      return await database;
    } catch (error) {
      throw new DatabaseUnavailableError('The embedded PGlite database did not start.', { cause: error });
    }
  }
  return {
    async query(sql, params) {
      const db = await ready();
      return failedAsUnavailable(() => db.query<Record<string, unknown>>(sql, params));
    },
    async transaction(work) {
      const db = await ready();
      const fromWork = new WeakSet<object>();
      try {
        return await db.transaction(async (tx) => {
          const client = {
            query: (sql: string, params?: unknown[]) =>
              failedAsUnavailable(() => tx.query<Record<string, unknown>>(sql, params)),
            exec: async (sql: string): Promise<StatementRows> =>
              (await failedAsUnavailable(() => tx.exec(sql))).map((result) => result.rows as Record<string, unknown>[]),
          };
          try {
            return await work(client);
          } catch (error) {
            if (typeof error === 'object' && error !== null) fromWork.add(error);
            throw error;
          }
        });
      } catch (error) {
        if (typeof error === 'object' && error !== null && fromWork.has(error)) throw error;
        throw unavailable(error); // BEGIN, COMMIT or ROLLBACK failed: PGlite itself
      }
    },
    async exchange(read, decide, trip = directTrip) {
      // PGlite runs BEGIN and COMMIT itself (in-process, under its transaction lock, so no other
      // caller's query can join this transaction); the ledger's own calls into it are two.
      return this.transaction(async (client) => {
        const exec = (sql: string) => (client as Queryable & { exec(sql: string): Promise<StatementRows> }).exec(sql);
        const step = decide(await trip('read', () => exec(read)));
        return step.answer(step.writes ? await trip('write', () => exec(step.writes as string)) : []);
      });
    },
    async close() {
      if (owned) await (await database).close();
    },
  };
}

/** Runs a PGlite call; an error that is not PostgreSQL's own (no SQLSTATE) means PGlite broke. */
async function failedAsUnavailable<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw unavailable(error);
  }
}

function unavailable(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError) return error;
  if (errorCode(error)?.length === 5) return notMigrated(error);
  return new DatabaseUnavailableError('The embedded PGlite database failed.', { cause: error });
}

/** Starts an embedded PGlite: in memory, or kept in `dataDir`. Loaded only when used. */
export async function startPglite(dataDir?: string): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(dataDir);
  await db.waitReady;
  return db;
}

/** True for a PGlite instance (duck-typed on what the driver uses). */
export function isPglite(value: unknown): value is PGlite {
  const candidate = value as { waitReady?: unknown; transaction?: unknown; exec?: unknown } | null;
  return (
    typeof candidate?.transaction === 'function' && typeof candidate.exec === 'function' && 'waitReady' in candidate
  );
}
