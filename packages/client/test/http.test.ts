/**
 * The client over real HTTP against a `node:http` operator on 127.0.0.1.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWalletClient,
  InsufficientFundsError,
  InvalidSignatureError,
  WalletConnectionError,
  WalletOutcomeUnknownError,
  WalletTimeoutError,
} from '../src/index.ts';
import { balanceInput, betInput, secret, winInput } from './fixtures.ts';
import type { HttpOperator } from './http-operator.ts';
import { startHttpOperator } from './http-operator.ts';

let operator: HttpOperator;
beforeAll(async () => {
  operator = await startHttpOperator(secret, 10_000);
});
afterAll(() => operator.close());

describe('over real HTTP', () => {
  it('reads the balance, bets, wins, and gets the original answer for a repeated win', async () => {
    const wallet = createWalletClient({ baseUrl: operator.url, secret });

    await expect(wallet.balance(balanceInput)).resolves.toEqual({
      player_id: '6',
      balance: 10_000,
      currency_code: 'EUR',
    });
    const bet = await wallet.bet(betInput);
    expect(bet.balance).toBe(9_500);
    const win = await wallet.win({ ...winInput, amount: 1_200 });
    expect(win.balance).toBe(10_700);
    await expect(wallet.win({ ...winInput, amount: 1_200 })).resolves.toEqual(win);
    expect(operator.balance()).toBe(10_700);
    expect(operator.bodies.at(-1)).toBe(operator.bodies.at(-2));
  });

  it('maps a refusal and a bad signature to their classes', async () => {
    const wallet = createWalletClient({ baseUrl: operator.url, secret });
    const transfer = { ...betInput.payload.provider_transfer_data, transaction_id: 'bet-too-big' };
    const tooBig = {
      ...betInput,
      amount: 1_000_000,
      payload: { ...betInput.payload, provider_transfer_data: transfer },
    };
    await expect(wallet.bet(tooBig)).rejects.toBeInstanceOf(InsufficientFundsError);

    const wrong = createWalletClient({ baseUrl: operator.url, secret: 'someone-elses-secret' });
    await expect(wrong.balance(balanceInput)).rejects.toBeInstanceOf(InvalidSignatureError);
  });

  it('throws WalletConnectionError when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const wallet = createWalletClient({ baseUrl: `http://127.0.0.1:${port}/wallet`, secret, retry: { attempts: 1 } });

    await expect(wallet.balance(balanceInput)).rejects.toBeInstanceOf(WalletConnectionError);
    const error = await wallet.bet(betInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(WalletConnectionError);
  });

  it('throws WalletTimeoutError when the operator does not answer in time', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const wallet = createWalletClient({
      baseUrl: `http://127.0.0.1:${port}/w`,
      secret,
      timeoutMs: 50,
      retry: { attempts: 1 },
    });
    try {
      const error = await wallet.win(winInput).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WalletTimeoutError);
      expect(error).toMatchObject({ timeoutMs: 50 });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
