/**
 * recordOnce inside an operator's own transaction, and the README example that shows
 * it (the example file is included verbatim in the README and run here).
 */
import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditWin } from '../examples/record-once.ts';
import { createLedger, recordOnce } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';

const readme = new URL('../README.md', import.meta.url);
const example = new URL('../examples/record-once.ts', import.meta.url);

it('the README shows the recordOnce example verbatim', async () => {
  expect(await readFile(readme, 'utf8')).toContain(await readFile(example, 'utf8'));
});

describe.skipIf(noDatabase)(`recordOnce on PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  let pool: pg.Pool;
  beforeAll(async () => {
    schema = await createTestSchema();
    pool = schema.pool(12);
    await createLedger({ database: pool }).migrate();
    await pool.query('CREATE TABLE accounts (id text PRIMARY KEY, balance bigint NOT NULL, currency text NOT NULL)');
    await pool.query(`INSERT INTO accounts VALUES ('6', 1000, 'EUR'), ('7', 0, 'EUR')`);
  });
  afterAll(async () => {
    await schema.drop();
  });

  it('the README example: 10 copies of one win at once are credited once, all answered alike', async () => {
    const win = { player_id: '6', amount: 250, transaction_id: 'ex-1' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => creditWin(pool, win)));
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify({ transaction_id: 'op-ex-1', balance: 1250, currency_code: 'EUR' })]),
    );
    const { rows } = await pool.query(`SELECT balance FROM accounts WHERE id = '6'`);
    expect(Number(rows[0].balance)).toBe(1250);
  });

  it('a key whose transaction rolled back is not recorded: the next try runs', async () => {
    const client = await pool.connect();
    try {
      let runs = 0;
      const run = async () => ({ run: ++runs });
      await client.query('BEGIN');
      expect(await recordOnce(client, 'rb-1', run)).toEqual({ run: 1 });
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      expect(await recordOnce(client, 'rb-1', run)).toEqual({ run: 2 });
      await client.query('COMMIT');
      await client.query('BEGIN');
      expect(await recordOnce(client, 'rb-1', run)).toEqual({ run: 2 });
      await client.query('COMMIT');
      expect(runs).toBe(2);
    } finally {
      client.release();
    }
  });
});
