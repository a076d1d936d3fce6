/**
 * Ids and keys the operator passes the ledger directly, not through the handler: a lone surrogate
 * (stored by PostgreSQL as U+FFFD, so `pay-\ud800` and `pay-\udc00` would be one key) or U+0000
 * is a TypeError before any SQL, and nothing moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../src/index.ts';
import { createLedger, recordOnce } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';

const surrogate = 'must be well-formed Unicode (no lone surrogate)';
const nul = 'must not contain U+0000';
const tail = ': PostgreSQL stores a lone surrogate as U+FFFD, so the id could not be kept apart from others.';
const nulTail = ': PostgreSQL refuses U+0000 in text.';

describe.skipIf(noDatabase)(`ids the operator passes the ledger${pgSkipReason}`, () => {
  let schema: TestSchema;
  let ledger: Ledger;
  beforeAll(async () => {
    schema = await createTestSchema();
    ledger = createLedger({ database: schema.url });
    await ledger.migrate();
    await ledger.addPlayer({ player_id: 'cashier', currency_code: 'EUR', balance: 0 });
    // A real U+FFFD in an id is well-formed: the player a lone surrogate would have reached.
    await ledger.addPlayer({ player_id: 'p\ufffd', currency_code: 'EUR', balance: 500 });
  });
  afterAll(async () => {
    await ledger.close();
    await schema.drop();
  });

  it('two deposit keys differing only in a lone surrogate: the second is refused, not taken for a replay', async () => {
    await expect(ledger.deposit({ player_id: 'cashier', amount: 100, key: 'pay-\ud800' })).rejects.toEqual(
      new TypeError(`deposit: key ${surrogate}${tail}`),
    );
    await expect(ledger.deposit({ player_id: 'cashier', amount: 100, key: 'pay-\udc00' })).rejects.toEqual(
      new TypeError(`deposit: key ${surrogate}${tail}`),
    );
    await expect(ledger.withdraw({ player_id: 'cashier', amount: 1, key: 'out-\u0000' })).rejects.toEqual(
      new TypeError(`withdraw: key ${nul}${nulTail}`),
    );
    await expect(ledger.deposit({ player_id: 'p\udfff', amount: 100, key: 'pay-1' })).rejects.toEqual(
      new TypeError(`deposit: player_id ${surrogate}${tail}`),
    );
    expect(await ledger.balanceOf('cashier')).toBe(0);
    expect(await ledger.balanceOf('p\ufffd')).toBe(500);
    expect(await ledger.entries()).toEqual([]);
    // A well-formed key still works.
    expect(await ledger.deposit({ player_id: 'cashier', amount: 100, key: 'pay-\ud83d\ude00' })).toMatchObject({
      balance: 100,
    });
  });

  it('addPlayer, block, unblock, balanceOf and entries refuse a player id another player could answer for', async () => {
    await expect(ledger.addPlayer({ player_id: 'p\ud800', currency_code: 'EUR', balance: 0 })).rejects.toEqual(
      new TypeError(`addPlayer: player_id ${surrogate}${tail}`),
    );
    await expect(ledger.addPlayer({ player_id: 'q\u0000', currency_code: 'EUR', balance: 0 })).rejects.toEqual(
      new TypeError(`addPlayer: player_id ${nul}${nulTail}`),
    );
    await expect(ledger.block('p\udc00')).rejects.toEqual(new TypeError(`block: player_id ${surrogate}${tail}`));
    await expect(ledger.unblock('p\udc00')).rejects.toEqual(new TypeError(`unblock: player_id ${surrogate}${tail}`));
    await expect(ledger.balanceOf('p\udc00')).rejects.toEqual(
      new TypeError(`balanceOf: player_id ${surrogate}${tail}`),
    );
    await expect(ledger.entries('p\udc00')).rejects.toEqual(new TypeError(`entries: player_id ${surrogate}${tail}`));
    const pool = schema.pool(1);
    const { rows } = await pool.query('SELECT player_id, balance::int, blocked FROM ledger_players ORDER BY player_id');
    expect(rows).toEqual([
      { player_id: 'cashier', balance: 100, blocked: false },
      { player_id: 'p\ufffd', balance: 500, blocked: false },
    ]);
  });

  it('an id that is not a string is refused by name, not sent as its text to match nothing', async () => {
    await expect(ledger.entries({ player_id: 'cashier' } as never)).rejects.toEqual(
      new TypeError('entries: player_id must be a string, not object.'),
    );
    await expect(ledger.balanceOf(6 as never)).rejects.toEqual(
      new TypeError('balanceOf: player_id must be a string, not number.'),
    );
    await expect(ledger.block(['cashier'] as never)).rejects.toEqual(
      new TypeError('block: player_id must be a string, not an array.'),
    );
    expect(await ledger.balanceOf('cashier')).toBe(100);
  });

  it('recordOnce: a key with a lone surrogate runs nothing and records nothing', async () => {
    const pool = schema.pool(1);
    const client = await pool.connect();
    let runs = 0;
    try {
      await client.query('BEGIN');
      const outcome = await Promise.resolve(recordOnce(client, 'win:a\udbff', () => ++runs)).catch((e: unknown) => e);
      expect(outcome).toEqual(new TypeError(`recordOnce: key ${surrogate}${tail}`));
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(runs).toBe(0);
    expect((await pool.query('SELECT key FROM ledger_once')).rows).toEqual([]);
  });
});
