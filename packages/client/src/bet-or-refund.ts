/**
 * The standard way to keep a provider's and an operator's books equal when a bet's
 * outcome is unknown: refund it, retried until it lands, then report the unknown bet.
 *
 * @see WALLET-PROTOCOL.md §4 (refund) and §6 (refund of an unknown bet)
 */
import type { TransactionResponse } from '@tbb-wallet/core';
import { assertKnownOptions } from '@tbb-wallet/core';
import { TransactionNotFoundError } from './errors.ts';
import type { RetryOptions } from './options.ts';
import { callOptionNames, resolveRetry } from './options.ts';
import type { RefundOutcome } from './transport-errors.ts';
import { WalletOutcomeUnknownError } from './transport-errors.ts';
import type { BetInput, BetOrRefundOptions, RefundInput, WalletClient } from './wallet-client.ts';

/**
 * The refund of a bet: the bet's amount, player, currency, round, game and session,
 * naming the bet in `refunded_transaction_id`.
 */
export function refundOfBet(bet: BetInput, refundTransactionId: string): RefundInput {
  const transfer = bet.payload.provider_transfer_data;
  return {
    player_id: bet.player_id,
    currency_code: bet.currency_code,
    is_mobile: bet.is_mobile,
    amount: bet.amount,
    payload: {
      reference: bet.payload.reference,
      session_token: bet.payload.session_token,
      provider_transfer_data: {
        transaction_id: refundTransactionId,
        round_id: transfer.round_id,
        refunded_transaction_id: transfer.transaction_id,
        ...(transfer.table_reference === undefined ? {} : { table_reference: transfer.table_reference }),
      },
    },
  };
}

/** Every option of {@link BetOrRefundOptions}: a misspelt one is refused, not ignored. */
const betOrRefundOptionNames = {
  refundTransactionId: true,
  ...callOptionNames,
} as const satisfies Record<keyof BetOrRefundOptions, true>;

/** Sends one refund under a retry policy (the client's, with the caller's overrides). */
export type SendRefund = (refund: RefundInput, retry: RetryOptions | undefined) => Promise<TransactionResponse>;

/**
 * Places `bet`; on {@link WalletOutcomeUnknownError} sends its refund and rethrows the
 * error with `refund` set. Any other failure, a definitive refusal included, is thrown
 * as it is and nothing is refunded.
 */
export async function betOrRefund(
  client: WalletClient,
  bet: BetInput,
  options: BetOrRefundOptions,
  sendRefund: SendRefund,
): Promise<TransactionResponse> {
  assertKnownOptions('betOrRefund', options, betOrRefundOptionNames);
  const refundTransactionId = options.refundTransactionId;
  if (typeof refundTransactionId !== 'string' || refundTransactionId.length === 0)
    throw new TypeError('betOrRefund needs a refundTransactionId.');
  if (refundTransactionId === bet.payload.provider_transfer_data.transaction_id)
    throw new TypeError("refundTransactionId must differ from the bet's transaction_id.");
  // The refund's retry policy is checked before the bet is sent, not when a refund is due.
  if (options.retry !== undefined) resolveRetry(options.retry, undefined, 'betOrRefund({ retry })');
  try {
    return await client.bet(bet, { timeoutMs: options.timeoutMs, signal: options.signal });
  } catch (error) {
    if (!(error instanceof WalletOutcomeUnknownError)) throw error;
    const outcome = await settle(refundOfBet(bet, refundTransactionId), options.retry, sendRefund);
    throw new WalletOutcomeUnknownError(error.transactionId, error.cause, outcome);
  }
}

async function settle(
  refund: RefundInput,
  retry: RetryOptions | undefined,
  sendRefund: SendRefund,
): Promise<RefundOutcome> {
  const transactionId = refund.payload.provider_transfer_data.transaction_id;
  try {
    return { transactionId, landed: true, response: await sendRefund(refund, retry) };
  } catch (error) {
    // 406: the operator never recorded the bet, and refuses it should it arrive later.
    return { transactionId, landed: error instanceof TransactionNotFoundError, error };
  }
}
