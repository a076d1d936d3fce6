/**
 * Test databases: a fresh schema on the PostgreSQL at DATABASE_URL per test file (so
 * files and other engineers' runs never see each other's rows), or one embedded PGlite.
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** The server the pg tests use; unset → those tests are skipped. */
export const databaseUrl = process.env.DATABASE_URL;

/** Why pg tests are skipped, for `describe.skipIf(noDatabase)` titles. */
export const noDatabase = !databaseUrl;
export const pgSkipReason = noDatabase ? ' (skipped: DATABASE_URL is not set)' : '';

/** A schema of its own on the test server, and how to reach it. */
export interface TestSchema {
  readonly schema: string;
  /** A connection string whose sessions use this schema (search_path). */
  readonly url: string;
  /** A pool on this schema; ended by `drop()`. */
  pool(max?: number): pg.Pool;
  /** Ends the pools and drops the schema. */
  drop(): Promise<void>;
}

/** Creates `ledger_test_<random>` on DATABASE_URL. */
export async function createTestSchema(): Promise<TestSchema> {
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const schema = `ledger_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = withSearchPath(databaseUrl, schema);
  const pools: pg.Pool[] = [];
  return {
    schema,
    url,
    pool(max = 10) {
      const pool = new pg.Pool({ connectionString: url, max });
      pool.on('error', () => {}); // idle connections terminated by a test
      pools.push(pool);
      return pool;
    },
    async drop() {
      await Promise.all(pools.map((pool) => pool.end()));
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** The connection string with `options=-c search_path=<schema>`. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

/** One embedded PostgreSQL for a test file (it takes seconds to start). */
export async function startPglite(): Promise<PGlite> {
  const db = new PGlite();
  await db.waitReady;
  return db;
}

/**
 * Waits until a call on another connection waits for a lock `holder` holds; answers
 * that backend's pid.
 */
export async function blockedBy(holder: pg.PoolClient): Promise<number> {
  for (let i = 0; i < 500; i++) {
    // Activity is snapshotted once per transaction, and the holder is inside one.
    await holder.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await holder.query(
      'SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))',
    );
    if (rows[0]) return Number(rows[0].pid);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no call ever waited on the lock');
}
