/**
 * Well-formed requests for the scenarios, built for the run's player.
 */
import type { WalletAction, WalletRequest } from '@tbb-wallet/core';

/** What varies between the scenarios' requests. */
export interface RequestSpec {
  /** The provider `transaction_id` (ignored for balance). */
  id?: string;
  amount?: number;
  /** `refunded_transaction_id` of a refund, `rollback_win_transaction_id` of a rollback. */
  original?: string;
  player_id?: string;
  currency_code?: string;
  session_token?: string;
}

/** A valid request of `action` for the given player and currency. */
export function buildRequest(
  action: WalletAction,
  spec: RequestSpec & { player_id: string; currency_code: string },
): WalletRequest {
  const common = { player_id: spec.player_id, currency_code: spec.currency_code, is_mobile: false };
  const session_token = spec.session_token ?? 'conformance-session';
  const reference = 'barbarabang::MadMonkey';
  if (action === 'balance') return { ...common, action, reference, session_token };
  const transfer = { transaction_id: spec.id ?? 'missing-id', round_id: `round-${spec.id ?? 'x'}` };
  const payload = { reference, session_token };
  const amount = spec.amount ?? 0;
  const original = spec.original ?? 'missing-original';
  switch (action) {
    case 'bet':
      return { ...common, action, amount, payload: { ...payload, provider_transfer_data: transfer } };
    case 'win':
      return {
        ...common,
        action,
        amount,
        payload: { ...payload, provider_transfer_data: { ...transfer, round_close: true } },
      };
    case 'refund':
      return {
        ...common,
        action,
        amount,
        payload: { ...payload, provider_transfer_data: { ...transfer, refunded_transaction_id: original } },
      };
    case 'rollback-win':
      return {
        ...common,
        action,
        amount,
        payload: { ...payload, provider_transfer_data: { ...transfer, rollback_win_transaction_id: original } },
      };
  }
}

/** A request in short, for reports: `bet 100 tx=c1-7`, `refund 100 tx=c1-8 of c1-7`. */
export function describeRequest(request: WalletRequest): string {
  if (request.action === 'balance') return `balance of ${request.player_id}`;
  const data = request.payload.provider_transfer_data as Record<string, unknown>;
  const of = data.refunded_transaction_id ?? data.rollback_win_transaction_id;
  return `${request.action} ${request.amount} tx=${String(data.transaction_id)}${of ? ` of ${String(of)}` : ''}`;
}
