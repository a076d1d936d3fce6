/**
 * A failover leaves the pool's connections on a server that only reads (a standby, or a
 * demoted primary): every write is refused with SQLSTATE 25006. The caller gets a retryable
 * 503, not a 500; nothing moves; the read-only connection is destroyed rather than pooled,
 * so once the primary is back the next call reaches it and is applied once.
 *
 * migrate() and the cashier say the same in words: use the primary.
 *
 * The standby is played by a login role whose sessions start read-only
 * (`ALTER ROLE … SET default_transaction_read_only = on`), which, like a server, a
 * session keeps for its whole life: only a new connection sees the role reset.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../src/index.ts';
import { createLedger, DatabaseUnavailableError } from '../src/index.ts';
import { transferRequest } from './support/calls.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, databaseUrl, noDatabase, pgSkipReason } from './support/databases.ts';
import { post, serve } from './support/http.ts';

describe.skipIf(noDatabase)(`a database that only reads, after a failover, on PostgreSQL${pgSkipReason}`, () => {
  const role = `tbb_read_only_${randomBytes(4).toString('hex')}`;
  let schema: TestSchema;
  let admin: pg.Client;
  let books: Ledger;
  let readOnly: pg.Pool;
  let ledger: Ledger;
  const faults: unknown[] = [];
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    schema = await createTestSchema();
    books = createLedger({ database: schema.pool(2) });
    await books.migrate();
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN SUPERUSER`);
    await admin.query(`ALTER ROLE ${role} SET default_transaction_read_only = on`);
    const url = new URL(schema.url);
    url.username = role;
    // One connection: if the read-only one went back to the pool, every later call would get it.
    readOnly = new pg.Pool({ connectionString: url.toString(), max: 1 });
    ledger = createLedger({ database: readOnly, onError: (error) => faults.push(error) });
    server = await serve(ledger.wallet);
  });
  afterAll(async () => {
    await server.close();
    await ledger.close();
    await readOnly.end();
    await books.close();
    await schema.drop();
    await admin.query(`DROP ROLE ${role}`);
    await admin.end();
  });

  it('migrate() on a server that only reads says to use the primary, and creates nothing', async () => {
    const fresh = await createTestSchema();
    const url = new URL(fresh.url);
    url.username = role;
    const standby = createLedger({ database: url.toString() });
    try {
      const error = await standby.migrate().catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(
        'ledger.migrate(): could not use the database (cannot execute CREATE TABLE in a read-only transaction): the server only reads (a standby, or default_transaction_read_only on): use the primary.',
      );
      expect((error as Error).cause).toMatchObject({ code: '25006' });
      const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1', [
        fresh.schema,
      ]);
      expect(rows[0].n).toBe(0);
    } finally {
      await standby.close();
      await fresh.drop();
    }
  });

  it('a deposit throws DatabaseUnavailableError that names the primary, and credits nothing', async () => {
    await books.addPlayer({ player_id: 'ro-cash', currency_code: 'EUR', balance: 50 });
    const error = await ledger.deposit({ key: 'ro-deposit', player_id: 'ro-cash', amount: 10 }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error.message).toMatch(
      /^The database only reads \(SQLSTATE 25006: a standby, .*point the ledger's `database` at the primary\.$/,
    );
    expect(error.cause).toMatchObject({ code: '25006' });
    expect(await books.balanceOf('ro-cash')).toBe(50);
    faults.length = 0;
  });

  it('a win is answered 503, nothing moves, and after the failover the retry is applied once', async () => {
    await books.addPlayer({ player_id: 'ro-1', currency_code: 'EUR', balance: 1000 });
    const win = transferRequest('win', { player: 'ro-1', id: 'ro-win', amount: 300 });

    expect(await post(server.url, win)).toEqual({
      status: 503,
      json: { code: 503, message: 'Service is unavailable.' },
    });
    expect(faults).toEqual([expect.any(DatabaseUnavailableError)]);
    expect((faults[0] as Error).cause).toMatchObject({ code: '25006' });
    expect(await books.balanceOf('ro-1')).toBe(1000);
    expect(await books.entries('ro-1')).toEqual([]);

    // The primary is back: only a new connection sees it.
    await admin.query(`ALTER ROLE ${role} RESET default_transaction_read_only`);
    const applied = await post(server.url, win);
    expect(applied).toMatchObject({ status: 200, json: { balance: 1300, currency_code: 'EUR' } });
    expect(await post(server.url, win)).toEqual(applied);
    expect(await books.balanceOf('ro-1')).toBe(1300);
    expect(await books.entries('ro-1')).toHaveLength(1);
  });
});
