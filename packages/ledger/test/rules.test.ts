/**
 * The wallet rules on both drivers: the rule suite @tbb-wallet/testing ships (also run
 * on the sandbox) and what only a ledger has (its entries, players created on first
 * sight), on one embedded PGlite and on a fresh schema of the PostgreSQL at DATABASE_URL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PGlite, PGlite as PGliteClass } from '@electric-sql/pglite';
import { walletRules } from '@tbb-wallet/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger, LedgerDatabase } from '../src/index.ts';
import { createLedger } from '../src/index.ts';
import { balanceRequest, context, send } from './support/calls.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason, startPglite } from './support/databases.ts';
import { describeLedgerRules } from './support/ledger-rules.ts';
import { describeOperatorApi } from './support/operator-api.ts';

/** Registers every shipped rule as a test; a ledger is a rule subject as it is (it outlives each test). */
function describeWalletRules(name: string, ledger: () => Ledger): void {
  describe(`wallet rules: ${name}`, () => {
    it.each(walletRules().map((rule) => [rule.id, rule] as const))('%s', async (_id, rule) => {
      await rule.run(ledger());
    });
  });
}

describe('on PGlite (embedded)', () => {
  let db: PGlite;
  let ledger: Ledger;
  beforeAll(async () => {
    db = await startPglite();
    ledger = createLedger({ database: db });
    await ledger.migrate();
  }, 60_000); // PGlite compiles its WebAssembly on start: seconds, more on a busy machine
  afterAll(async () => {
    await ledger.close();
    await db.close();
  });

  describeWalletRules('ledger on PGlite', () => ledger);
  describeLedgerRules('PGlite', () => ({ ledger, database: db as LedgerDatabase }));
  describeOperatorApi('PGlite', () => ledger);

  describe('kept on disk', () => {
    let dataDir: string;
    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'tbb-ledger-'));
    });
    afterAll(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    it('{ dataDir } keeps players and transactions across a restart', async () => {
      // Seeded from this file's migrated PGlite: a fresh data directory would run initdb (many seconds).
      const seeded = new PGliteClass({ dataDir, loadDataDir: await db.dumpDataDir('none') });
      const first = createLedger({ database: seeded });
      await first.addPlayer({ player_id: 'disk-1', currency_code: 'EUR', balance: 100 });
      const win = await send(first.wallet, 'win', { player: 'disk-1', id: 'disk-win', amount: 50 });
      await first.close();
      await seeded.close();

      const reopened = createLedger({ database: { dataDir } });
      try {
        expect(await reopened.migrate()).toEqual([]);
        expect(await reopened.wallet.balance(balanceRequest('disk-1'), context({}))).toMatchObject({ balance: 150 });
        expect(await send(reopened.wallet, 'win', { player: 'disk-1', id: 'disk-win', amount: 50 })).toEqual(win);
        expect(await reopened.balanceOf('disk-1')).toBe(150);
      } finally {
        await reopened.close();
      }
    }, 60_000);
  });
});

describe.skipIf(noDatabase)(`on PostgreSQL at DATABASE_URL${pgSkipReason}`, () => {
  let schema: TestSchema;
  let pool: pg.Pool;
  let ledger: Ledger;
  beforeAll(async () => {
    schema = await createTestSchema();
    pool = schema.pool();
    ledger = createLedger({ database: pool });
    await ledger.migrate();
  });
  afterAll(async () => {
    await ledger.close();
    await schema.drop();
  });

  describeWalletRules('ledger on pg', () => ledger);
  describeLedgerRules('pg', () => ({ ledger, database: pool }));
  describeOperatorApi('pg', () => ledger);
});
