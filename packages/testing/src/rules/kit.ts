/**
 * What each rule uses on the wallet under test: fresh players and ids, the five calls
 * as the handler makes them, balances.
 */
import type { BalanceResponse, TransactionResponse, TransferRequest } from '@tbb-wallet/core';
import type { CallContext } from '@tbb-wallet/handler';
import type { WalletRuleSubject } from './types.ts';

export type Transfer = TransferRequest['action'];

/** One bet, win, refund or rollback-win. */
export interface Move {
  player: string;
  id: string;
  amount: number;
  /** refunded_transaction_id / rollback_win_transaction_id */
  original?: string | undefined;
  currency?: string;
  session?: string;
}

const game = { reference: 'barbarabang::MadMonkey' };

/** The helpers of one rule run; every id it makes is fresh. */
export interface Kit {
  /** A fresh player in EUR. */
  player(balance: number, extra?: { blocked?: boolean }): Promise<string>;
  /** A fresh id of this run for a label (the same label gives the same id). */
  tx(label: string): string;
  /** A fresh player id that was never added. */
  ghost(): string;
  balanceOf(id: string): Promise<number | undefined>;
  addPlayer: WalletRuleSubject['addPlayer'];
  /** Blocks or unblocks an existing EUR player with this balance, through the subject's own API where it has one. */
  setBlocked(playerId: string, blocked: boolean, balance: number): Promise<void>;
  balance(playerId: string, extra?: { currency_code?: string }): Promise<BalanceResponse>;
  send(action: Transfer, move: Move): Promise<TransactionResponse>;
  /** A player with an accepted bet of 300 (`b1`) and win of 500 (`w1`) on an opening balance of 1000. */
  playedRound(): Promise<string>;
}

export function kitFor(subject: WalletRuleSubject): Kit {
  const run = globalThis.crypto.randomUUID().slice(0, 8);
  let players = 0;
  const tx = (label: string) => `rules-${run}-${label}`;

  function context(request: unknown): CallContext {
    return {
      signal: new AbortController().signal,
      receivedAt: Date.now(),
      rawBody: new TextEncoder().encode(JSON.stringify(request)),
    };
  }

  function request(action: Transfer, move: Move): TransferRequest {
    const base = {
      player_id: move.player,
      currency_code: move.currency ?? 'EUR',
      is_mobile: false,
      amount: move.amount,
    };
    const payload = { ...game, session_token: move.session ?? 'session-1' };
    const data = { transaction_id: move.id, round_id: tx('round') };
    const original = move.original ?? 'none';
    switch (action) {
      case 'bet':
        return { ...base, action, payload: { ...payload, provider_transfer_data: data } };
      case 'win':
        return { ...base, action, payload: { ...payload, provider_transfer_data: { ...data, round_close: true } } };
      case 'refund':
        return {
          ...base,
          action,
          payload: { ...payload, provider_transfer_data: { ...data, refunded_transaction_id: original } },
        };
      case 'rollback-win':
        return {
          ...base,
          action,
          payload: { ...payload, provider_transfer_data: { ...data, rollback_win_transaction_id: original } },
        };
    }
  }

  const kit: Kit = {
    async player(balance, extra = {}) {
      const id = tx(`player-${++players}`);
      await subject.addPlayer({ player_id: id, currency_code: 'EUR', balance, ...extra });
      return id;
    },
    tx,
    ghost: () => tx(`ghost-${++players}`),
    balanceOf: async (id) => subject.balanceOf(id),
    addPlayer: (player) => subject.addPlayer(player),
    async setBlocked(playerId, blocked, balance) {
      if (subject.setBlocked) await subject.setBlocked(playerId, blocked);
      else if (subject.block && subject.unblock) await (blocked ? subject.block(playerId) : subject.unblock(playerId));
      else await subject.addPlayer({ player_id: playerId, currency_code: 'EUR', balance, blocked });
    },
    async balance(playerId, extra = {}) {
      const call = {
        player_id: playerId,
        currency_code: 'EUR',
        is_mobile: false,
        action: 'balance' as const,
        ...game,
        session_token: 'session-1',
        ...extra,
      };
      return subject.wallet.balance(call, context(call));
    },
    async send(action, move) {
      const call = request(action, move);
      const w = subject.wallet;
      switch (call.action) {
        case 'bet':
          return w.bet(call, context(call));
        case 'win':
          return w.win(call, context(call));
        case 'refund':
          return w.refund(call, context(call));
        case 'rollback-win':
          return w.rollbackWin(call, context(call));
      }
    },
    async playedRound() {
      const p = await kit.player(1000);
      await kit.send('bet', { player: p, id: tx('b1'), amount: 300 });
      await kit.send('win', { player: p, id: tx('w1'), amount: 500 });
      return p;
    },
  };
  return kit;
}
