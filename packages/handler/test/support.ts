/**
 * What the handler's tests share: one valid request per action, a builder of signed
 * calls that changes only what a test is about, and a wallet that records its calls.
 */

import type { WalletAction } from '@tbb-wallet/core';
import { sign } from '@tbb-wallet/core';
import type { WalletCallbacks } from '../src/index.ts';

export const secret = 'handler-test-secret';
export const url = 'http://wallet.test/operator/wallet';

const payload = (transfer: Record<string, unknown>) => ({
  reference: 'barbarabang::MadMonkey',
  session_token: 'session-1',
  provider_transfer_data: { round_id: 'round-1', ...transfer },
});

/** One valid request of each action. */
export const validRequests: Record<WalletAction, Record<string, unknown>> = {
  balance: {
    player_id: '6',
    reference: 'Monkey',
    currency_code: 'EUR',
    action: 'balance',
    is_mobile: false,
    session_token: 'session-1',
  },
  bet: {
    player_id: '6',
    amount: 100,
    currency_code: 'EUR',
    is_mobile: false,
    action: 'bet',
    payload: payload({ transaction_id: 'bet-1' }),
  },
  win: {
    player_id: '6',
    amount: 250,
    currency_code: 'EUR',
    is_mobile: false,
    action: 'win',
    payload: payload({ transaction_id: 'win-1', round_close: true }),
  },
  refund: {
    player_id: '6',
    amount: 100,
    currency_code: 'EUR',
    is_mobile: false,
    action: 'refund',
    payload: payload({ transaction_id: 'refund-1', refunded_transaction_id: 'bet-1' }),
  },
  'rollback-win': {
    player_id: '6',
    amount: 250,
    currency_code: 'EUR',
    is_mobile: false,
    action: 'rollback-win',
    payload: payload({ transaction_id: 'rollback-1', rollback_win_transaction_id: 'win-1' }),
  },
};

export interface CallOptions {
  /** The exact body text; defaults to `JSON.stringify(body)`. */
  raw?: string | Uint8Array;
  /** The signature header; defaults to the signature of the raw body with `secret`. `null` sends none. */
  signature?: string | null;
  /** The secret to sign with. */
  signWith?: string;
  method?: string;
}

/** A signed `Request` to the wallet URL. */
export async function signedCall(body: unknown, options: CallOptions = {}): Promise<Request> {
  const raw = options.raw ?? JSON.stringify(body);
  const signature = options.signature === undefined ? await sign(raw, options.signWith ?? secret) : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-request-sign'] = signature;
  const method = options.method ?? 'POST';
  return new Request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? null : (raw as BodyInit) });
}

/** A wallet whose answers are valid and which records every call it gets. */
export function recordingWallet(overrides: Partial<WalletCallbacks> = {}) {
  const calls: { action: string; request: Record<string, unknown> }[] = [];
  const transaction =
    (action: string) => (request: { payload: { provider_transfer_data: { transaction_id: string } } }) => {
      calls.push({ action, request: request as unknown as Record<string, unknown> });
      return {
        transaction_id: `op-${request.payload.provider_transfer_data.transaction_id}`,
        balance: 1000,
        currency_code: 'EUR',
      };
    };
  const wallet: WalletCallbacks = {
    balance: (request) => {
      calls.push({ action: 'balance', request: request as unknown as Record<string, unknown> });
      return { player_id: request.player_id, balance: 1000, currency_code: request.currency_code };
    },
    bet: transaction('bet'),
    win: transaction('win'),
    refund: transaction('refund'),
    rollbackWin: transaction('rollback-win'),
    ...overrides,
  };
  return { wallet, calls };
}

/** The exact error body the protocol answers. */
export const errorBody = (code: number, message: string) => JSON.stringify({ code, message });
