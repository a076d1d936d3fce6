import { recordOnce } from '@tbb-wallet/ledger';
import type pg from 'pg';

/**
 * An operator's own `win` callback on its own `accounts` table: the credit and the
 * idempotency key commit together, so a repeated transaction_id is credited once and
 * answered with the first answer.
 */
export async function creditWin(
  pool: pg.Pool,
  win: { player_id: string; amount: number; transaction_id: string },
): Promise<{ transaction_id: string; balance: number; currency_code: string }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const answer = await recordOnce(client, `win:${win.transaction_id}`, async () => {
      const { rows } = await client.query(
        'UPDATE accounts SET balance = balance + $2 WHERE id = $1 RETURNING balance, currency',
        [win.player_id, win.amount],
      );
      return {
        transaction_id: `op-${win.transaction_id}`,
        balance: Number(rows[0].balance),
        currency_code: rows[0].currency,
      };
    });
    await client.query('COMMIT');
    return answer;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
