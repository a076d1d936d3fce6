/**
 * One call's pg connection and its one deadline (`queryMs` from the lease's start, all its
 * queries together), on the shared PostgreSQL: a query in flight at the deadline is answered
 * 503's error then and its connection destroyed; a query asked after the deadline is not sent
 * at all; queries inside the deadline answer as pg does, and the connection goes back to the pool.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '../src/connection-faults.ts';
import { lease } from '../src/drivers/pg-lease.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';

describe.skipIf(noDatabase)(`a pg lease's deadline${pgSkipReason}`, () => {
  let schema: TestSchema;
  let pool: pg.Pool;
  let books: pg.Pool;
  beforeAll(async () => {
    schema = await createTestSchema();
    pool = schema.pool(2);
    books = schema.pool(1);
    await books.query('CREATE TABLE marks (n int)');
  });
  afterAll(async () => {
    await schema.drop();
  });

  it('inside the deadline: several statements answer with each one’s rows, and release pools the connection', async () => {
    const connection = lease(await pool.connect(), 2000);
    const one = await connection.query('SELECT 1 AS n');
    const several = (await connection.query('SELECT 2 AS n; SELECT 3 AS m')) as unknown as { rows: unknown[] }[];
    const withParams = await connection.query('SELECT $1::int AS n', [4]);
    connection.release();
    expect(one.rows).toEqual([{ n: 1 }]);
    expect(several.map((result) => result.rows)).toEqual([[{ n: 2 }], [{ m: 3 }]]);
    expect(withParams.rows).toEqual([{ n: 4 }]);
    expect(connection.lost).toBe(false);
    expect(pool.idleCount).toBe(pool.totalCount);
  });

  it('a query still running at the deadline rejects then, and its connection is destroyed', async () => {
    const before = pool.totalCount;
    const connection = lease(await pool.connect(), 300);
    const started = Date.now();
    const error = await connection.query('SELECT pg_sleep(3)').catch((e: unknown) => e);
    const waited = Date.now() - started;
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toBe('The database did not answer within 300 ms.');
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(2000);
    expect(connection.lost).toBe(true);
    connection.release(); // again, as the driver's finally does: once only
    expect(pool.totalCount).toBeLessThanOrEqual(before);
    expect(pool.idleCount).toBe(pool.totalCount);
  });

  it('a query asked after the deadline rejects at once and never reaches the database', async () => {
    const connection = lease(await pool.connect(), 100);
    await connection.query('SELECT 1');
    await new Promise((resolve) => setTimeout(resolve, 250)); // nothing in flight when the deadline passes
    expect(connection.lost).toBe(false);
    const started = Date.now();
    const error = await connection.query('INSERT INTO marks VALUES (1)').catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(100);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toBe('The database did not answer within 100 ms.');
    expect(connection.lost).toBe(true);
    const again = await connection.query('SELECT 1').catch((e: unknown) => e);
    expect((again as Error).message).toBe('The database connection was lost.');
    connection.release();
    expect((await books.query('SELECT count(*)::int AS n FROM marks')).rows).toEqual([{ n: 0 }]);
    expect(pool.idleCount).toBe(pool.totalCount);
  });

  it('a statement the database refuses rejects with its error; the connection stays usable', async () => {
    const connection = lease(await pool.connect(), 2000);
    const error = await connection.query('SELECT 1/0').catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('22012');
    expect(connection.lost).toBe(false);
    expect((await connection.query('SELECT 5 AS n')).rows).toEqual([{ n: 5 }]);
    connection.release();
    expect(pool.idleCount).toBe(pool.totalCount);
  });
});
