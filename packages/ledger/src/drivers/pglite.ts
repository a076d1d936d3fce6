/**
 * The PGlite driver: PostgreSQL compiled to WebAssembly, embedded in the process —
 * in memory, or in a directory on disk. It has one connection, so its transactions
 * run one after another.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { Queryable, SqlDriver } from '../driver.ts';

/** Wraps a PGlite instance (or the promise of one); `close()` closes it only when `owned`. */
export function pgliteDriver(database: Promise<PGlite>, owned: boolean): SqlDriver {
  return {
    async query(sql, params) {
      const db = await database;
      return db.query<Record<string, unknown>>(sql, params);
    },
    async transaction(work) {
      const db = await database;
      return db.transaction((tx) => work(tx as Queryable));
    },
    async close() {
      if (owned) await (await database).close();
    },
  };
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
