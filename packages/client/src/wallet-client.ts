/**
 * What a wallet client is: the inputs of its five methods and `betOrRefund`, as types
 * only, so the files that build the client depend on this one and not on each other.
 *
 * @see WALLET-PROTOCOL.md §3 (actions), §5 (errors), §6 (retries and refunds)
 */
import type {
  BalanceRequest,
  BalanceResponse,
  BetRequest,
  RefundRequest,
  RollbackWinRequest,
  TransactionResponse,
  WinRequest,
} from '@tbb-wallet/core';
import type { CallOptions, RetryOptions } from './options.ts';

/** A `balance` request as a method takes it: the body without `action`. */
export type BalanceInput = Omit<BalanceRequest, 'action'>;
/** A `bet` request without `action`. */
export type BetInput = Omit<BetRequest, 'action'>;
/** A `win` request without `action`. */
export type WinInput = Omit<WinRequest, 'action'>;
/** A `refund` request without `action`. */
export type RefundInput = Omit<RefundRequest, 'action'>;
/** A `rollback-win` request without `action`. */
export type RollbackWinInput = Omit<RollbackWinRequest, 'action'>;

/** What one `bet` may change: its time limit and its signal (a bet is never retried). */
export type BetCallOptions = Omit<CallOptions, 'retry'>;

/** The options of `betOrRefund`. */
export interface BetOrRefundOptions extends BetCallOptions {
  /** The `transaction_id` of the refund sent when the bet's outcome is unknown (a new id, not the bet's). */
  refundTransactionId: string;
  /**
   * Overrides of the client's retry policy for that refund, e.g. a longer `deadlineMs`.
   * The refund is sent even when `signal` ended the bet, and does not listen to it:
   * once a bet may have been debited, settling the books comes first.
   */
  retry?: RetryOptions;
}

/** The methods of a wallet client. Each resolves to the operator's checked 200 body. */
export interface WalletClient {
  /** Reads the balance; retried on connection errors, timeouts, 500, 503, 504. */
  balance(request: BalanceInput, options?: CallOptions): Promise<BalanceResponse>;
  /**
   * Debits a bet, exactly once: never retried. A definitive refusal throws its class
   * (`InsufficientFundsError`, …); no answer, a 5xx or an abort while it was under way
   * throws `WalletOutcomeUnknownError`.
   */
  bet(request: BetInput, options?: BetCallOptions): Promise<TransactionResponse>;
  /** Credits a win; retried with the byte-identical body and signature until it lands or the policy ends. */
  win(request: WinInput, options?: CallOptions): Promise<TransactionResponse>;
  /** Refunds a bet; retried like `win`. A 406 means the operator never recorded the bet. */
  refund(request: RefundInput, options?: CallOptions): Promise<TransactionResponse>;
  /** Takes back a win (`action: "rollback-win"`); retried like `win`. */
  rollbackWin(request: RollbackWinInput, options?: CallOptions): Promise<TransactionResponse>;
  /**
   * Places a bet; when its outcome is unknown, refunds it (retried until it lands)
   * and rethrows the `WalletOutcomeUnknownError`, with `refund` telling what happened.
   */
  betOrRefund(request: BetInput, options: BetOrRefundOptions): Promise<TransactionResponse>;
}
