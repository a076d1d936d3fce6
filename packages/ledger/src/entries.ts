/**
 * The ledger's accepted transactions, for audits and tests.
 */
import type { Queryable } from './driver.ts';

/** One accepted transaction as the ledger recorded it. */
export interface LedgerEntry {
  /** The ledger's own id, answered as `transaction_id`. */
  readonly operatorTransactionId: string;
  /** The provider's `transaction_id`, or the cashier's idempotency key. */
  readonly transactionId: string;
  /** A wallet call, or a movement of the operator's cashier (`deposit()`, `withdraw()`). */
  readonly action: 'bet' | 'win' | 'refund' | 'rollback-win' | 'deposit' | 'withdrawal';
  readonly playerId: string;
  /** The `amount` sent. */
  readonly amount: number;
  /** What it moved: negative for a debit, `0` for a recorded no-op. */
  readonly movement: number;
  /** The balance after it. */
  readonly balance: number;
  readonly roundId: string | null;
  /** The bet refunded or the win rolled back. */
  readonly originalTransactionId: string | null;
}

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
