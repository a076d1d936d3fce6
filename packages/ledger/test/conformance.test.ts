/**
 * The project's conformance suite against the ledger served over HTTP by the real
 * handler, on the PostgreSQL at DATABASE_URL — what `tbb-wallet sandbox --database`
 * would serve: players created on first sight, and with a known player list.
 */
import { runConformance } from '@tbb-wallet/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ledger } from '../src/index.ts';
import { createLedger } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import { secret, serve } from './support/http.ts';

// Whole suites over real HTTP: generous limits for a loaded machine (no speed is asserted).
vi.setConfig({ testTimeout: 30_000 });

describe.skipIf(noDatabase)(`conformance of the ledger on PostgreSQL${pgSkipReason}`, () => {
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

  /** Failed scenarios, in a form that says which and why. */
  async function failures(wallet: Ledger['wallet'], extra: Partial<Parameters<typeof runConformance>[0]> = {}) {
    const server = await serve(wallet);
    try {
      const report = await runConformance({ url: server.url, secret, ...extra });
      expect(report.passed).toBeGreaterThan(0);
      return { report, failed: report.results.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.got}`) };
    } finally {
      await server.close();
    }
  }

  it('passes with players created on first sight (the sandbox configuration)', async () => {
    const sandbox = createLedger({
      database: schema.pool(),
      autoCreatePlayers: { currency: 'EUR', balance: 100000 },
    });
    const { failed } = await failures(sandbox.wallet);
    expect(failed).toEqual([]);
  }, 60_000); // a whole suite of calls: seconds on a busy machine

  it('passes every scenario, 404 and 407 included, with known players only', async () => {
    await ledger.addPlayer({ player_id: '1001', currency_code: 'EUR', balance: 100000 });
    await ledger.addPlayer({ player_id: '1002', currency_code: 'EUR', balance: 100000, blocked: true });
    const { report, failed } = await failures(ledger.wallet, {
      player: { player_id: '1001' },
      blockedPlayer: { player_id: '1002' },
      unknownPlayerId: '999999',
    });
    expect(failed).toEqual([]);
    expect(report.skipped).toBe(0);
  }, 60_000);
});
