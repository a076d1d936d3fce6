/**
 * createLedger's choice of database, and what close() ends.
 */

import { ServiceUnavailableError } from '@tbb-wallet/handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger } from '../src/index.ts';
import { send } from './support/calls.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';

it.each([
  ['{ dataDir: 42 }', { dataDir: 42 }],
  ['null (a config value set to null)', null],
])('refuses a database option it cannot use (%s), saying what it accepts', (_name, database) => {
  expect(() => createLedger({ database: database as never })).toThrow(
    new TypeError('createLedger: `database` must be a pg Pool, a postgres:// URL, a PGlite, or { dataDir }.'),
  );
});

it('refuses `database: undefined` (DATABASE_URL unset) instead of keeping the money in memory', () => {
  const env: Record<string, string | undefined> = {};
  expect(() => createLedger({ database: env.DATABASE_URL })).toThrow(
    new TypeError(
      'createLedger: `database` was given but is undefined. Is DATABASE_URL set? Pass a postgres://user@host:5432/db URL, a pg Pool, a PGlite or { dataDir }; leave `database` out only for an embedded PGlite in memory, whose balances are gone when the process ends.',
    ),
  );
});

it.each([
  ['an empty string (DATABASE_URL unset in a shell that exports it empty)', '', /empty string\. Is DATABASE_URL set\?/],
  ['blanks', '   ', /empty string/],
  ['a URL of another scheme', 'mysql://root:hunter2@db/wallet', /not a postgres:\/\/ URL/],
  ['no URL at all', 'hunter2@localhost/wallet', /not a postgres:\/\/ URL/],
])('refuses %s as `database` with a TypeError at creation, never showing the value', (_name, url, want) => {
  let thrown: unknown;
  try {
    createLedger({ database: url });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(TypeError);
  expect(String(thrown)).toMatch(want);
  expect(String(thrown)).not.toContain('hunter2');
});

it.each([
  ['a timeout that is not a number of ms', { queryMs: 0 }, RangeError],
  ['a misspelt timeout', { statmentMs: 1000 }, TypeError],
])('refuses %s', (_name, timeouts, want) => {
  expect(() => createLedger({ database: 'postgres://127.0.0.1/x', timeouts: timeouts as never })).toThrow(want);
});

it('after close() on PGlite, every method of the operator says the ledger was closed, not that the database failed', async () => {
  const ledger = createLedger();
  await ledger.migrate();
  await ledger.addPlayer({ player_id: 'closed-1', currency_code: 'EUR', balance: 5 });
  await ledger.close();
  const calls: [string, () => Promise<unknown>][] = [
    ['migrate', () => ledger.migrate()],
    ['addPlayer', () => ledger.addPlayer({ player_id: 'closed-2', currency_code: 'EUR', balance: 0 })],
    ['deposit', () => ledger.deposit({ player_id: 'closed-1', amount: 1, key: 'k' })],
    ['withdraw', () => ledger.withdraw({ player_id: 'closed-1', amount: 1, key: 'k' })],
    ['block', () => ledger.block('closed-1')],
    ['unblock', () => ledger.unblock('closed-1')],
    ['balanceOf', () => ledger.balanceOf('closed-1')],
    ['entries', () => ledger.entries()],
  ];
  for (const [name, call] of calls)
    await expect(call()).rejects.toEqual(
      new TypeError(`ledger.${name}(): this ledger was closed (ledger.close()); create a new one.`),
    );
  await expect(send(ledger.wallet, 'win', { player: 'closed-1', id: 'after-close', amount: 1 })).rejects.toThrow(
    ServiceUnavailableError,
  );
});

describe.skipIf(noDatabase)(`pools on PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterAll(async () => {
    await schema.drop();
  });

  it('a URL with blanks around it (pasted, or read from a file) reaches the server it names', async () => {
    // Before: a leading blank passed the scheme check (new URL() ignores it) and pg read the rest as a
    // relative URL, to connect to a host named "base".
    const ledger = createLedger({ database: ` ${schema.url}\n` });
    try {
      await ledger.migrate();
      await ledger.addPlayer({ player_id: 'blank-1', currency_code: 'EUR', balance: 7 });
      expect(await ledger.balanceOf('blank-1')).toBe(7);
    } finally {
      await ledger.close();
    }
  });

  it('close() leaves a pool passed in open, and ends a pool made from a connection string', async () => {
    const pool = schema.pool(1);
    const onPool = createLedger({ database: pool });
    await onPool.migrate();
    await onPool.close();
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);

    const onUrl = createLedger({ database: schema.url });
    await onUrl.addPlayer({ player_id: 'url-1', currency_code: 'EUR', balance: 5 });
    expect(await onUrl.balanceOf('url-1')).toBe(5);
    await onUrl.close();
    // The operator's own call after close() says so: before, "Cannot use a pool after calling end".
    await expect(onUrl.balanceOf('url-1')).rejects.toEqual(
      new TypeError('ledger.balanceOf(): this ledger was closed (ledger.close()); create a new one.'),
    );
    // A call still arriving while the operator shuts down is retryable, not a 500.
    await expect(send(onUrl.wallet, 'win', { player: 'url-1', id: 'after-close', amount: 1 })).rejects.toThrow(
      ServiceUnavailableError,
    );
  });
});
