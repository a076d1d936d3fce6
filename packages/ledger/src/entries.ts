/**
 * The ledger's accepted transactions, for audits and tests.
 */
import type { LedgerEntry } from '@tbb-wallet/core';
import type { Queryable } from './driver.ts';

/** Accepted (200) transactions and cashier movements, oldest first; only one player's when `playerId` is given. */
export async function readEntries(client: Queryable, playerId?: string): Promise<LedgerEntry[]> {
  const { rows } = await client.query(
    `SELECT id, provider_transaction_id, action, player_id, amount, movement, balance_after, round_id,
            original_transaction_id
     FROM ledger_transactions WHERE status = 200 AND ($1::text IS NULL OR player_id = $1) ORDER BY id`,
    [playerId ?? null],
  );
  return rows.map((row) => ({
    operatorTransactionId: String(row.id),
    transactionId: String(row.provider_transaction_id),
    action: row.action as LedgerEntry['action'],
    playerId: String(row.player_id),
    amount: Number(row.amount),
    movement: Number(row.movement),
    balance: Number(row.balance_after),
    roundId: (row.round_id as string | null) ?? null,
    originalTransactionId: (row.original_transaction_id as string | null) ?? null,
  }));
}
