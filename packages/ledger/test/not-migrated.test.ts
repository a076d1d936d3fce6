/**
 * A ledger on a database where `migrate()` never ran, or not since an upgrade added a migration:
 * every call is answered 500 and the handler's `onError` gets a `LedgerNotMigratedError` that
 * says to run `migrate()`, never the database's bare "relation does not exist". No money moves.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { sign } from '@tbb-wallet/core';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../src/index.ts';
import { createLedger, LedgerNotMigratedError, migrations } from '../src/index.ts';
import { balanceRequest, transferRequest } from './support/calls.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import { secret } from './support/http.ts';

const unknownError = { code: 500, message: 'Unknown error.' };

/** The ledger behind the real handler on 127.0.0.1: POSTs one signed call, answers its status, JSON and errors. */
async function call(ledger: Ledger, body: unknown) {
  const errors: unknown[] = [];
  const handler = createWalletHandler({ secret, wallet: ledger.wallet, onError: (error) => errors.push(error) });
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const raw = JSON.stringify(body);
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/wallet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-sign': await sign(raw, secret) },
      body: raw,
    });
    return { status: response.status, json: await response.json(), errors };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function expectNotMigrated(errors: unknown[], sqlState: string): void {
  expect(errors).toHaveLength(1);
  const error = errors[0] as LedgerNotMigratedError;
  expect(error).toBeInstanceOf(LedgerNotMigratedError);
  expect(error.code).toBe('TBB_WALLET_LEDGER_NOT_MIGRATED');
  expect(error.message).toContain('run `await ledger.migrate()`');
  expect((error.cause as { code?: string }).code).toBe(sqlState);
}

const win = transferRequest('win', { player: 'p1', id: 'nm-win', amount: 300 });

describe.skipIf(noDatabase)(`a ledger whose migrations did not run, on PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterAll(async () => {
    await schema.drop();
  });

  it('an empty schema: a win and a balance are 500, each with a LedgerNotMigratedError', async () => {
    const ledger = createLedger({ database: schema.url });
    try {
      const credited = await call(ledger, win);
      expect(credited).toMatchObject({ status: 500, json: unknownError });
      expectNotMigrated(credited.errors, '42883'); // ledger_transfer_facts() does not exist
      const balance = await call(ledger, balanceRequest('p1'));
      expect(balance).toMatchObject({ status: 500, json: unknownError });
      expectNotMigrated(balance.errors, '42P01'); // ledger_players does not exist
    } finally {
      await ledger.close();
    }
  });

  it('a schema one migration behind: the win is 500 and moves nothing; after migrate() it is credited once', async () => {
    const pool = schema.pool(1);
    for (const migration of migrations.filter((m) => m.version < 3)) {
      for (const statement of migration.statements) await pool.query(statement);
    }
    await pool.query(`INSERT INTO ledger_players (player_id, currency_code, balance, opening_balance)
      VALUES ('p1', 'EUR', 1000, 1000)`);
    const ledger = createLedger({ database: schema.url });
    try {
      const refused = await call(ledger, win);
      expect(refused).toMatchObject({ status: 500, json: unknownError });
      expectNotMigrated(refused.errors, '42883');
      expect(await ledger.balanceOf('p1')).toBe(1000);
      expect(await ledger.entries('p1')).toEqual([]);

      await pool.query(
        'CREATE TABLE ledger_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      await pool.query("INSERT INTO ledger_schema_migrations (version, name) VALUES (1, 'one'), (2, 'two')");
      expect(await ledger.migrate()).toEqual([3]);
      expect(await call(ledger, win)).toMatchObject({ status: 200, json: { balance: 1300 }, errors: [] });
      expect(await call(ledger, win)).toMatchObject({ status: 200, json: { balance: 1300 }, errors: [] });
      expect(await ledger.balanceOf('p1')).toBe(1300);
    } finally {
      await ledger.close();
    }
  });
});

describe('a ledger whose migrations did not run, on PGlite', () => {
  it('a win is 500 with a LedgerNotMigratedError; after migrate() it is credited', async () => {
    const database = new PGlite();
    const ledger = createLedger({ database, autoCreatePlayers: { currency: 'EUR', balance: 1000 } });
    try {
      const refused = await call(ledger, win);
      expect(refused).toMatchObject({ status: 500, json: unknownError });
      expectNotMigrated(refused.errors, '42883');
      await ledger.migrate();
      expect(await call(ledger, win)).toMatchObject({ status: 200, json: { balance: 1300 }, errors: [] });
    } finally {
      await ledger.close();
      await database.close();
    }
  }, 30_000); // PGlite takes seconds to start on a loaded machine
});
