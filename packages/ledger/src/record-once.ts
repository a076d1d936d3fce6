/**
 * The idempotency part of the ledger alone, for an operator who already has a wallet:
 * inside the operator's own open transaction, record a key once and keep the first
 * run's result.
 */
import type { Queryable } from './driver.ts';
import { assertStorableText } from './storable-text.ts';

/**
 * Runs `run` the first time `key` is seen and stores its result (as JSON) under the
 * key; on every later call with that key, returns the stored result without running.
 *
 * `client` must be inside the operator's open transaction (a pg `PoolClient` after
 * `BEGIN`, or a PGlite transaction), at READ COMMITTED (PostgreSQL's default): the key
 * commits or rolls back together with the operator's own writes. When the same key
 * arrives twice at once, the second call waits on the first's uncommitted key, then
 * returns its stored result once it commits (or runs, if it rolled back). If `run`
 * throws, roll the transaction back, or the key stays recorded with no result.
 *
 * Needs the `ledger_once` table that `createLedger({ database }).migrate()` creates.
 *
 * @param key — unique per effect, e.g. `win:${transaction_id}`.
 * @returns the result of the first run of this key.
 * @throws TypeError — a key with a lone surrogate or U+0000 (nothing run, nothing recorded): stored,
 *   it would be one key with every other that differs only there.
 * @see WALLET-PROTOCOL.md §6, duplicate `transaction_id`
 * @example
 * // see packages/ledger/examples/record-once.ts
 */
export async function recordOnce<T>(client: Queryable, key: string, run: () => Promise<T> | T): Promise<T> {
  assertStorableText('recordOnce: key', key);
  const claimed = await client.query(
    'INSERT INTO ledger_once (key) VALUES ($1) ON CONFLICT (key) DO NOTHING RETURNING key',
    [key],
  );
  if (claimed.rows.length === 0) {
    const { rows } = await client.query('SELECT result FROM ledger_once WHERE key = $1', [key]);
    return rows[0]?.result as T;
  }
  const result = await run();
  await client.query('UPDATE ledger_once SET result = $2::json WHERE key = $1', [key, JSON.stringify(result ?? null)]);
  return result;
}
