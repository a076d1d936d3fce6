/**
 * Builders of the requests the handler passes to the callbacks, with fresh ids.
 */
import type { BalanceRequest, BetRequest, RefundRequest, RollbackWinRequest, WinRequest } from '@tbb-wallet/core';
import type { CallContext, Received, WalletCallbacks } from '@tbb-wallet/handler';
import { WalletRefusal } from '@tbb-wallet/handler';

export type Transfer = 'bet' | 'win' | 'refund' | 'rollback-win';

/** One transfer: who, which provider id, how much, and the original it names. */
export interface Move {
  player: string;
  id: string;
  amount: number;
  original?: string;
  currency?: string;
  round?: string;
}

export function context(request: unknown): CallContext {
  return {
    signal: new AbortController().signal,
    receivedAt: Date.now(),
    rawBody: new TextEncoder().encode(JSON.stringify(request)),
  };
}

export function balanceRequest(player: string, currency = 'EUR'): Received<BalanceRequest> {
  return {
    player_id: player,
    currency_code: currency,
    is_mobile: false,
    action: 'balance',
    reference: 'barbarabang::MadMonkey',
    session_token: 'session-1',
  };
}

/** The request body of a transfer, as the callback receives it. */
export function transferRequest(
  action: Transfer,
  move: Move,
): Received<BetRequest> | Received<WinRequest> | Received<RefundRequest> | Received<RollbackWinRequest> {
  const base = { player_id: move.player, currency_code: move.currency ?? 'EUR', is_mobile: false, amount: move.amount };
  const payload = { reference: 'barbarabang::MadMonkey', session_token: 'session-1' };
  const transfer = { transaction_id: move.id, round_id: move.round ?? 'round-1' };
  const original = move.original ?? 'none';
  switch (action) {
    case 'bet':
      return { ...base, action, payload: { ...payload, provider_transfer_data: transfer } };
    case 'win':
      return { ...base, action, payload: { ...payload, provider_transfer_data: { ...transfer, round_close: true } } };
    case 'refund':
      return {
        ...base,
        action,
        payload: { ...payload, provider_transfer_data: { ...transfer, refunded_transaction_id: original } },
      };
    case 'rollback-win':
      return {
        ...base,
        action,
        payload: { ...payload, provider_transfer_data: { ...transfer, rollback_win_transaction_id: original } },
      };
  }
}

/** Sends a transfer through its callback. */
export function send(wallet: WalletCallbacks, action: Transfer, move: Move) {
  const request = transferRequest(action, move);
  const ctx = context(request);
  switch (request.action) {
    case 'bet':
      return wallet.bet(request, ctx);
    case 'win':
      return wallet.win(request, ctx);
    case 'refund':
      return wallet.refund(request, ctx);
    default:
      return wallet.rollbackWin(request, ctx);
  }
}

/** The code a call was refused with, or 200 when it was answered. */
export async function codeOf(call: Promise<unknown> | unknown): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    if (error instanceof WalletRefusal) return error.code;
    throw error;
  }
}
