/**
 * A fresh schema per test file on the PostgreSQL at DATABASE_URL (shared with other runs:
 * every table the test makes lives in its own schema, dropped at the end).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const databaseUrl = process.env.DATABASE_URL;
export const noDatabase = !databaseUrl;
export const pgSkipReason = noDatabase ? ' (skipped: DATABASE_URL is not set)' : '';

export interface TestSchema {
  /** A connection string whose sessions use this schema. */
  readonly url: string;
  /** A small pool on the schema, ended by `drop()`. */
  pool(max?: number): pg.Pool;
  drop(): Promise<void>;
}

export async function createTestSchema(prefix: string): Promise<TestSchema> {
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const parsed = new URL(databaseUrl);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  const url = parsed.toString();
  const pools: pg.Pool[] = [];
  return {
    url,
    pool(max = 3) {
      const pool = new pg.Pool({ connectionString: url, max });
      pool.on('error', () => {});
      pools.push(pool);
      return pool;
    },
    async drop() {
      await Promise.all(pools.map((pool) => pool.end()));
      await admin(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}
