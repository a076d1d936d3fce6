/**
 * The sandbox's defaults and its ledger (the protocol rules themselves are proven by
 * the shipped rule suite, wallet-rules.test.ts).
 */
import type { BalanceRequest, BetRequest } from '@tbb-wallet/core';
import type { CallContext, Received } from '@tbb-wallet/handler';
import { PlayerBlockedError, PlayerNotFoundError } from '@tbb-wallet/handler';
import { describe, expect, it } from 'vitest';
import { createSandboxWallet } from '../src/index.ts';

const context: CallContext = { signal: new AbortController().signal, receivedAt: 0, rawBody: new Uint8Array() };

function balance(player_id: string, currency_code = 'EUR'): Received<BalanceRequest> {
  return { player_id, currency_code, is_mobile: false, action: 'balance', reference: 'r', session_token: 's' };
}

function bet(player_id: string, transaction_id: string, amount: number): Received<BetRequest> {
  return {
    player_id,
    currency_code: 'EUR',
    is_mobile: false,
    action: 'bet',
    amount,
    payload: { reference: 'r', session_token: 's', provider_transfer_data: { transaction_id, round_id: 'r1' } },
  };
}

describe('createSandboxWallet', () => {
  it('creates any player on first sight with 100000 in EUR', async () => {
    const wallet = createSandboxWallet();
    expect(wallet.ledger.balanceOf('7')).toBeUndefined();
    expect(await wallet.balance(balance('7'), context)).toEqual({
      player_id: '7',
      balance: 100000,
      currency_code: 'EUR',
    });
    expect(wallet.ledger.balances()).toEqual({ '7': 100000 });
  });

  it('creates players in the configured currency and balance', async () => {
    const wallet = createSandboxWallet({ currency: 'SEK', initialBalance: 50 });
    expect(await wallet.balance(balance('7', 'SEK'), context)).toMatchObject({ balance: 50, currency_code: 'SEK' });
  });

  it('with a player list, only those players exist and blocked ones are refused', async () => {
    const wallet = createSandboxWallet({
      players: [
        { player_id: 'a', currency_code: 'EUR', balance: 10 },
        { player_id: 'b', currency_code: 'EUR', balance: 10, blocked: true },
      ],
    });
    expect(await wallet.balance(balance('a'), context)).toMatchObject({ balance: 10 });
    await expect(wallet.balance(balance('zz'), context)).rejects.toBeInstanceOf(PlayerNotFoundError);
    await expect(wallet.balance(balance('b'), context)).rejects.toBeInstanceOf(PlayerBlockedError);
    expect(wallet.ledger.balanceOf('zz')).toBeUndefined();
  });

  it('records every accepted movement in its ledger with its own sbx- ids', async () => {
    const wallet = createSandboxWallet();
    await wallet.bet(bet('7', 'b1', 300), context);
    await wallet.bet(bet('7', 'b1', 300), context); // replay: no second entry
    await expect(wallet.bet(bet('7', 'b2', 1_000_000), context)).rejects.toThrow(); // refused: no entry
    await wallet.bet(bet('7', 'b3', 200), context);
    expect(wallet.ledger.entries()).toEqual([
      {
        operatorTransactionId: 'sbx-1',
        transactionId: 'b1',
        action: 'bet',
        playerId: '7',
        amount: 300,
        movement: -300,
        balance: 99700,
        roundId: 'r1',
        originalTransactionId: null,
      },
      {
        operatorTransactionId: 'sbx-2',
        transactionId: 'b3',
        action: 'bet',
        playerId: '7',
        amount: 200,
        movement: -200,
        balance: 99500,
        roundId: 'r1',
        originalTransactionId: null,
      },
    ]);
    expect(wallet.ledger.openingBalanceOf('7')).toBe(100000);
  });

  it('hands out snapshots: changing them does not change the ledger', async () => {
    const wallet = createSandboxWallet();
    await wallet.bet(bet('7', 'b1', 300), context);
    wallet.ledger.entries().pop();
    wallet.ledger.balances()['7'] = 0;
    expect(wallet.ledger.entries()).toHaveLength(1);
    expect(wallet.ledger.balanceOf('7')).toBe(99700);
  });
});
