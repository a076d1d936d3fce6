/**
 * migrate(): versioned, idempotent, and safe when several processes start at once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger, migrations } from '../src/index.ts';
import { balanceRequest, context, send } from './support/calls.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';

const latest = migrations.map((m) => m.version);

describe.skipIf(noDatabase)(`migrate on PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterAll(async () => {
    await schema.drop();
  });

  it('four ledgers migrating the same schema at once apply each migration exactly once', async () => {
    const ledgers = Array.from({ length: 4 }, () => createLedger({ database: schema.url }));
    try {
      const applied = await Promise.all(ledgers.map((ledger) => ledger.migrate()));
      expect(applied.flat().sort()).toEqual(latest);
      expect(await ledgers[0]?.migrate()).toEqual([]);
      const pool = schema.pool(1);
      const { rows } = await pool.query('SELECT version FROM ledger_schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(latest);
    } finally {
      await Promise.all(ledgers.map((ledger) => ledger.close()));
    }
  });
});

describe('migrate on PGlite kept on disk', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tbb-ledger-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('{ dataDir } keeps players and transactions across restarts; a second migrate applies nothing', async () => {
    const first = createLedger({ database: { dataDir } });
    expect(await first.migrate()).toEqual(latest);
    await first.addPlayer({ player_id: 'disk-1', currency_code: 'EUR', balance: 100 });
    const win = await send(first.wallet, 'win', { player: 'disk-1', id: 'disk-win', amount: 50 });
    await first.close();

    const second = createLedger({ database: { dataDir } });
    try {
      expect(await second.migrate()).toEqual([]);
      expect(await second.wallet.balance(balanceRequest('disk-1'), context({}))).toMatchObject({ balance: 150 });
      expect(await send(second.wallet, 'win', { player: 'disk-1', id: 'disk-win', amount: 50 })).toEqual(win);
    } finally {
      await second.close();
    }
  }, 60_000);
});
