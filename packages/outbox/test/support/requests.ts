/**
 * Builders of the calls a provider queues: a win, the refund of a bet, the rollback of a
 * win, with the game and session of the vendor's examples.
 */
import type { BetRequest, RefundRequest, RollbackWinRequest, WinRequest } from '@tbb-wallet/core';

const game = { reference: 'barbarabang::MadMonkey', session_token: 'session-1' };
const player = (id: string) => ({ player_id: id, currency_code: 'EUR', is_mobile: false });

export function win(playerId: string, id: string, round: string, amount: number): WinRequest {
  return {
    ...player(playerId),
    action: 'win',
    amount,
    payload: { ...game, provider_transfer_data: { transaction_id: id, round_id: round, round_close: true } },
  };
}

export function bet(playerId: string, id: string, round: string, amount: number): BetRequest {
  return {
    ...player(playerId),
    action: 'bet',
    amount,
    payload: { ...game, provider_transfer_data: { transaction_id: id, round_id: round } },
  };
}

export function refund(playerId: string, id: string, round: string, amount: number, betId: string): RefundRequest {
  return {
    ...player(playerId),
    action: 'refund',
    amount,
    payload: {
      ...game,
      provider_transfer_data: { transaction_id: id, round_id: round, refunded_transaction_id: betId },
    },
  };
}

export function rollbackWin(
  playerId: string,
  id: string,
  round: string,
  amount: number,
  winId: string,
): RollbackWinRequest {
  return {
    ...player(playerId),
    action: 'rollback-win',
    amount,
    payload: {
      ...game,
      provider_transfer_data: { transaction_id: id, round_id: round, rollback_win_transaction_id: winId },
    },
  };
}

/** Resolves once `check` answers true, polling every `everyMs`; rejects with `what` after `tries`. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, tries = 600, everyMs = 50) {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`never happened: ${what}`);
}
