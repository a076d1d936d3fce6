/**
 * The connection dies in the middle of a call (the server terminates the backend
 * after the balance update, before the transaction row is written): nothing of the
 * call survives, the caller gets a retryable 503, and the retry is applied once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../src/index.ts';
import { createLedger } from '../src/index.ts';
import { codeOf, send } from './support/calls.ts';
import type { TestSchema } from './support/databases.ts';
import { blockedBy, createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';

describe.skipIf(noDatabase)(`connection lost mid-call on PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  let ledger: Ledger;
  beforeAll(async () => {
    schema = await createTestSchema();
    ledger = createLedger({ database: schema.pool(4) });
    await ledger.migrate();
  });
  afterAll(async () => {
    await ledger.close();
    await schema.drop();
  });

  it('pg_terminate_backend during a win: no partial write, 503, and the retry succeeds once', async () => {
    await ledger.addPlayer({ player_id: 'kill-1', currency_code: 'EUR', balance: 1000 });
    const move = { player: 'kill-1', id: 'kill-win', amount: 300 };
    // Hold inserts into ledger_transactions, so the call stops after it has credited the player.
    const locker = await schema.pool(1).connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE ledger_transactions IN SHARE MODE');
      const code = codeOf(send(ledger.wallet, 'win', move)); // handled at once: it may fail before it is awaited
      const pid = await blockedBy(locker);
      await locker.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await locker.query('SELECT query FROM pg_stat_activity WHERE pid = $1', [pid]);
      // The write round trip: ledger_transfer_record has credited the player and waits to insert the row.
      expect(String(rows[0]?.query)).toMatch(/^SELECT ledger_transfer_record\(/);
      await locker.query('SELECT pg_terminate_backend($1)', [pid]);
      expect(await code).toBe(503);
      await locker.query('ROLLBACK');
    } finally {
      locker.release();
    }
    expect(await ledger.balanceOf('kill-1')).toBe(1000);
    expect(await ledger.entries('kill-1')).toEqual([]);

    const retry = await send(ledger.wallet, 'win', move);
    expect(retry.balance).toBe(1300);
    expect(await send(ledger.wallet, 'win', move)).toEqual(retry);
    expect(await ledger.balanceOf('kill-1')).toBe(1300);
  });
});
