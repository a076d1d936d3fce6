/**
 * migrate(): versioned, idempotent, and safe when several processes start at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger, migrations } from '../src/index.ts';
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
