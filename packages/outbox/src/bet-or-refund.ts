/**
 * A bet whose outcome is unknown, settled durably: its refund goes to the outbox, which
 * delivers it however long the operator is away.
 *
 * @see WALLET-PROTOCOL.md §4 (refund) and §6 (refund of an unknown bet)
 */

import type { BetInput, WalletClient } from '@tbb-wallet/client';
import { refundOfBet, WalletOutcomeUnknownError } from '@tbb-wallet/client';
import type { TransactionResponse } from '@tbb-wallet/core';
import { assertKnownOptions } from '@tbb-wallet/core';
import type { Enqueued, EnqueueOptions, OutboxRequest } from './enqueue.ts';
import { enqueueOptionNames, storedBody } from './enqueue.ts';

/** Options of `outbox.betOrRefund`. */
export interface OutboxBetOptions extends EnqueueOptions {
  /** The `transaction_id` of the refund queued when the bet's outcome is unknown (a new id, not the bet's). */
  refundTransactionId: string;
}

/** Every option of {@link OutboxBetOptions}: a misspelt one is refused before the bet is placed. */
const betOptionNames = { refundTransactionId: true, ...enqueueOptionNames } as const satisfies Record<
  keyof OutboxBetOptions,
  true
>;

/** What `outbox.betOrRefund` answers: the bet landed, or its refund is queued (durably). */
export type OutboxBetResult =
  | { readonly outcome: 'debited'; readonly response: TransactionResponse }
  | {
      readonly outcome: 'refund-queued';
      /** The refund's job. */
      readonly refund: Enqueued;
      /** Why the bet's outcome is unknown (timeout, connection failure, 5xx). */
      readonly error: WalletOutcomeUnknownError;
    };

/**
 * Places `bet` with `wallet.bet` (never retried). When its outcome is unknown the refund
 * (`refundOfBet`) is enqueued and the result says so; it resolves once that refund is
 * durable. A definitive refusal (402, …) and every other failure is thrown as it is, and
 * nothing is queued. Everything the refund's enqueue would refuse (a misspelt option, an
 * unknown operator, a refund the spec refuses) is refused before the bet is placed: once the
 * bet is under way, its refund must be queueable.
 */
export async function betOrQueueRefund(
  enqueue: (request: OutboxRequest, options?: EnqueueOptions) => Promise<Enqueued>,
  checkEnqueueOptions: (options: EnqueueOptions) => void,
  wallet: Pick<WalletClient, 'bet'>,
  bet: BetInput,
  options: OutboxBetOptions,
): Promise<OutboxBetResult> {
  assertKnownOptions('outbox.betOrRefund', options, betOptionNames);
  const { refundTransactionId, ...enqueueOptions } = options;
  if (typeof refundTransactionId !== 'string' || refundTransactionId.length === 0)
    throw new TypeError('outbox.betOrRefund needs a refundTransactionId.');
  if (refundTransactionId === bet.payload.provider_transfer_data.transaction_id)
    throw new TypeError("outbox.betOrRefund: refundTransactionId must differ from the bet's transaction_id.");
  checkEnqueueOptions(enqueueOptions);
  storedBody({ ...refundOfBet(bet, refundTransactionId), action: 'refund' });
  try {
    return { outcome: 'debited', response: await wallet.bet(bet) };
  } catch (error) {
    if (!(error instanceof WalletOutcomeUnknownError)) throw error;
    const refund = await enqueue({ ...refundOfBet(bet, refundTransactionId), action: 'refund' }, enqueueOptions);
    return { outcome: 'refund-queued', refund, error };
  }
}
