/**
 * createLedger's choice of database, and what close() ends.
 */

import { ServiceUnavailableError } from '@tbb-wallet/handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger } from '../src/index.ts';
import { send } from './support/calls.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';

it('refuses a database option it cannot use, saying what it accepts', () => {
  expect(() => createLedger({ database: { dataDir: 42 } as never })).toThrow(
    /pg Pool, a postgres:\/\/ URL, a PGlite, or \{ dataDir \}/,
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
    await expect(onUrl.balanceOf('url-1')).rejects.toThrow(/pool/i);
    // A call still arriving while the operator shuts down is retryable, not a 500.
    await expect(send(onUrl.wallet, 'win', { player: 'url-1', id: 'after-close', amount: 1 })).rejects.toThrow(
      ServiceUnavailableError,
    );
  });
});
