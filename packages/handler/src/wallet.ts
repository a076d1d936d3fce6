/**
 * What an operator implements: five callbacks, one per action.
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

/**
 * A request as a callback receives it: validated against the spec, unknown fields
 * preserved, and `player_id` always a string (a JSON number is turned into its
 * decimal string, WALLET-PROTOCOL.md §6).
 */
export type Received<T extends { player_id: unknown }> = Omit<T, 'player_id'> & { player_id: string };

/** What the handler passes to every callback besides the request. */
export interface CallContext {
  /**
   * Aborted when the caller goes away: with `toNodeListener`, its connection closed before
   * the answer was written; with the Web handler, the `Request`'s own signal. The handler
   * sets no time limit of its own on a callback: one that never settles is never answered,
   * and the caller's attempt timeout ends the call (a bet's outcome is then unknown to it).
   * Bound the callback's own work, as the ledger does (503 within its `timeouts`).
   */
  readonly signal: AbortSignal;
  /** When the request was received (`Date.now()`). */
  readonly receivedAt: number;
  /** The exact raw body bytes the signature was checked over, for audit logs. */
  readonly rawBody: Uint8Array;
}

/**
 * The operator's wallet. Each callback returns the typed 200 body, or throws a
 * {@link WalletRefusal} subclass (`InsufficientFundsError`, …) to refuse. Anything
 * else thrown is answered 500 "Unknown error." and reported to `onError`.
 *
 * @see WALLET-PROTOCOL.md §4 and §6 for the rules each callback must follow.
 */
export interface WalletCallbacks {
  balance(request: Received<BalanceRequest>, context: CallContext): Promise<BalanceResponse> | BalanceResponse;
  bet(request: Received<BetRequest>, context: CallContext): Promise<TransactionResponse> | TransactionResponse;
  win(request: Received<WinRequest>, context: CallContext): Promise<TransactionResponse> | TransactionResponse;
  refund(request: Received<RefundRequest>, context: CallContext): Promise<TransactionResponse> | TransactionResponse;
  rollbackWin(
    request: Received<RollbackWinRequest>,
    context: CallContext,
  ): Promise<TransactionResponse> | TransactionResponse;
}

/**
 * The five callback names. The object literal is checked against {@link WalletCallbacks}
 * by the compiler: a callback added to or removed from the interface breaks the build here.
 */
export const walletCallbackNames = Object.keys({
  balance: true,
  bet: true,
  win: true,
  refund: true,
  rollbackWin: true,
} satisfies Record<keyof WalletCallbacks, true>) as readonly (keyof WalletCallbacks)[];
