/**
 * The wallet rules on both drivers: the project's shared suite (test/wallet-rules.ts,
 * also run on the sandbox) and the ledger's own direct §6 tests, on one embedded
 * PGlite and on a fresh schema of the PostgreSQL at DATABASE_URL.
 */
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe } from 'vitest';
import { describeWalletRules } from '../../../test/wallet-rules.ts';
import type { Ledger, LedgerDatabase } from '../src/index.ts';
import { createLedger } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason, startPglite } from './support/databases.ts';
import { describeLedgerRules } from './support/ledger-rules.ts';

/** The shared suite's view of a ledger; `close` is left out: the ledger outlives each test. */
function ruleSubject(ledger: Ledger) {
  return {
    wallet: ledger.wallet,
    addPlayer: (p: Parameters<Ledger['addPlayer']>[0]) => ledger.addPlayer(p),
    balanceOf: async (id: string) => (await ledger.balanceOf(id)) ?? Number.NaN,
  };
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

  describeWalletRules('ledger on PGlite', async () => ruleSubject(ledger));
  describeLedgerRules('PGlite', () => ({ ledger, database: db as LedgerDatabase }));
});

describe.skipIf(noDatabase)(`on PostgreSQL at DATABASE_URL${pgSkipReason}`, () => {
  let schema: TestSchema;
  let ledger: Ledger;
  beforeAll(async () => {
    schema = await createTestSchema();
    ledger = createLedger({ database: schema.pool() });
    await ledger.migrate();
  });
  afterAll(async () => {
    await ledger.close();
    await schema.drop();
  });

  describeWalletRules('ledger on pg', async () => ruleSubject(ledger));
  describeLedgerRules('pg', () => ({ ledger, database: schema.pool() }));
});
