/**
 * Which facts a backend reads before deciding a transfer, as keys it can query in one
 * round trip.
 */
import type { TransactionKey, TransferAction, TransferRequest } from './records.ts';

/** The keys of the facts {@link decideTransfer} needs for one request. */
export interface TransferLookups {
  /** The stored answer of this very call: (action, transaction_id). */
  readonly stored: TransactionKey;
  /** Refund and rollback-win: the original they name, (bet, refunded id) or (win, rolled-back id). */
  readonly original: TransactionKey<'bet' | 'win'> | undefined;
  /**
   * The tombstone to check: for a bet or win, whether a refund or rollback named THIS id
   * before it arrived; for a refund or rollback-win, whether an earlier one already
   * named the same original.
   */
  readonly tombstone: TransactionKey<'bet' | 'win'>;
}

/** The original's action of each reversal. */
const reverses: Record<TransferAction, 'bet' | 'win'> = {
  bet: 'bet',
  win: 'win',
  refund: 'bet',
  'rollback-win': 'win',
};

/**
 * The keys of the facts to gather for `request`: its stored answer, the original it
 * names (refund, rollback-win) and the tombstone to check.
 *
 * @example
 * const keys = transferLookups(request);
 * const stored = answers.get(keyText(keys.stored));
 */
export function transferLookups(request: TransferRequest): TransferLookups {
  const data = request.payload.provider_transfer_data;
  const originalId = originalIdOf(request);
  const action = reverses[request.action];
  return {
    stored: { action: request.action, transactionId: data.transaction_id },
    original: originalId === null ? undefined : { action, transactionId: originalId },
    tombstone: { action, transactionId: originalId ?? data.transaction_id },
  };
}

/** The bet a refund names, the win a rollback-win names, or `null` for a bet or win. */
export function originalIdOf(request: TransferRequest): string | null {
  if (request.action === 'refund') return request.payload.provider_transfer_data.refunded_transaction_id;
  if (request.action === 'rollback-win') return request.payload.provider_transfer_data.rollback_win_transaction_id;
  return null;
}
