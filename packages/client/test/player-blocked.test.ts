/**
 * The protocol's 407 "Player is blocked." over real HTTP (no MSW). The Fetch standard
 * makes a 407 a network error, so over Node's global fetch a blocked player would look
 * like a failed connection; the client's default node:http transport must see the 407.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WalletResponseEvent } from '../src/index.ts';
import {
  createWalletClient,
  PlayerBlockedError,
  WalletConnectionError,
  WalletOutcomeUnknownError,
} from '../src/index.ts';
import { balanceInput, betInput, refundInput, rollbackWinInput, secret, winInput } from './fixtures.ts';
import type { RawServer } from './raw-server.ts';
import { playerBlocked, startRawServer } from './raw-server.ts';

let operator: RawServer | undefined;
afterEach(async () => {
  await operator?.close();
  operator = undefined;
});

/** A client retrying quickly, so a wrong retry would show within the test. */
function walletOf(url: string, events: WalletResponseEvent[] = []) {
  return createWalletClient({
    baseUrl: url,
    secret,
    retry: { attempts: 5, baseDelayMs: 1, maxDelayMs: 5 },
    onResponse: (event) => events.push(event),
  });
}

describe('a 407 answer over real HTTP', () => {
  it('to win throws PlayerBlockedError after exactly one request', async () => {
    operator = await startRawServer(playerBlocked);
    const events: WalletResponseEvent[] = [];

    const error = await walletOf(operator.url, events)
      .win(winInput)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlayerBlockedError);
    expect(error).toMatchObject({ status: 407, code: 407, message: 'Player is blocked.' });
    expect(JSON.parse((error as PlayerBlockedError).body)).toEqual({ code: 407, message: 'Player is blocked.' });
    expect(operator.requests).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ attempt: 1, status: 407 });
    expect(events[0]?.retryInMs).toBeUndefined();
  });

  it('to balance, refund and rollbackWin is never retried either', async () => {
    operator = await startRawServer(playerBlocked);
    const wallet = walletOf(operator.url);

    await expect(wallet.balance(balanceInput)).rejects.toBeInstanceOf(PlayerBlockedError);
    await expect(wallet.refund(refundInput)).rejects.toBeInstanceOf(PlayerBlockedError);
    await expect(wallet.rollbackWin(rollbackWinInput)).rejects.toBeInstanceOf(PlayerBlockedError);
    expect(operator.requests.map((request) => request.json.action)).toEqual(['balance', 'refund', 'rollback-win']);
  });

  it('to bet throws PlayerBlockedError, not WalletOutcomeUnknownError', async () => {
    operator = await startRawServer(playerBlocked);

    const error = await walletOf(operator.url)
      .bet(betInput)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlayerBlockedError);
    expect(error).not.toBeInstanceOf(WalletOutcomeUnknownError);
    expect(operator.requests).toHaveLength(1);
  });

  it('to betOrRefund sends no refund', async () => {
    operator = await startRawServer(playerBlocked);

    const error = await walletOf(operator.url)
      .betOrRefund(betInput, { refundTransactionId: 'refund-of-bet-1001' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlayerBlockedError);
    expect(operator.requests.map((request) => request.json.action)).toEqual(['bet']);
  });

  it('is a connection error through a WHATWG fetch passed as the fetch option (why the default is node:http)', async () => {
    operator = await startRawServer(playerBlocked);
    const wallet = createWalletClient({
      baseUrl: operator.url,
      secret,
      fetch: globalThis.fetch,
      retry: { attempts: 1 },
    });

    await expect(wallet.balance(balanceInput)).rejects.toBeInstanceOf(WalletConnectionError);
    expect(operator.requests).toHaveLength(1);
  });
});
