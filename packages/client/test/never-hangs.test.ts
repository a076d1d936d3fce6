/**
 * Every attempt ends by its timeout and every call by its deadline, under forced
 * garbage collection, against an operator that accepts the connection and never
 * answers: for the five actions and betOrRefund, on the node build's undici
 * transport, a user's fetch, and the neutral build's node:http fallback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletClient } from '../src/index.ts';
import { WalletOutcomeUnknownError, WalletTimeoutError } from '../src/index.ts';
import { balanceInput, betInput, refundInput, rollbackWinInput, secret, winInput } from './fixtures.ts';
import type { RawServer } from './raw-server.ts';
import { startRawServer } from './raw-server.ts';
import { transports } from './transports.ts';

const gc = (globalThis as { gc?: () => void }).gc;

let silent: RawServer;
let collector: ReturnType<typeof setInterval>;
beforeAll(async () => {
  // Accepts every call, reads its body, and never answers.
  silent = await startRawServer(() => {});
  collector = setInterval(() => gc?.(), 5);
});
afterAll(async () => {
  clearInterval(collector);
  await silent.close();
});

const retried = [
  ['balance', (wallet: WalletClient) => wallet.balance(balanceInput)],
  ['win', (wallet: WalletClient) => wallet.win(winInput)],
  ['refund', (wallet: WalletClient) => wallet.refund(refundInput)],
  ['rollbackWin', (wallet: WalletClient) => wallet.rollbackWin(rollbackWinInput)],
] as const;

describe.each(transports)('under forced GC, over %s', (_name, create) => {
  it('runs with --expose-gc', () => {
    expect(typeof gc).toBe('function');
  });

  /** A client whose attempts are counted as they start ("action:attempt"). */
  const wallet = () => {
    const attempts: string[] = [];
    const client = create({
      baseUrl: silent.url,
      secret,
      timeoutMs: 50,
      retry: { attempts: 2, baseDelayMs: 5, deadlineMs: 2_000 },
      onRequest: (event) => attempts.push(`${event.action}:${event.attempt}`),
    });
    return { client, attempts };
  };

  it.each(retried)('%s: every attempt times out, and the call ends after its last attempt', async (method, call) => {
    const { client, attempts } = wallet();
    const error = await call(client).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WalletTimeoutError);
    const action = method === 'rollbackWin' ? 'rollback-win' : method;
    expect(attempts).toEqual([`${action}:1`, `${action}:2`]);
  });

  it('bet: its one attempt times out, and the outcome is unknown', async () => {
    const { client, attempts } = wallet();
    const error = await client.bet(betInput).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(WalletTimeoutError);
    expect(attempts).toEqual(['bet:1']);
  });

  it('betOrRefund: the bet times out, its refund is retried until the policy ends, and it says so', async () => {
    const { client, attempts } = wallet();
    const error = await client.betOrRefund(betInput, { refundTransactionId: 'refund-gc' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect((error as WalletOutcomeUnknownError).refund).toMatchObject({ transactionId: 'refund-gc', landed: false });
    expect((error as WalletOutcomeUnknownError).refund?.error).toBeInstanceOf(WalletTimeoutError);
    expect(attempts).toEqual(['bet:1', 'refund:1', 'refund:2']);
  });

  it('a call ends by its deadline even when the attempt timeout is longer', async () => {
    const slowAttempts = create({ baseUrl: silent.url, secret, timeoutMs: 60_000, retry: { deadlineMs: 150 } });
    const error = await slowAttempts.win(winInput).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WalletTimeoutError);
    expect((error as WalletTimeoutError).timeoutMs).toBeLessThanOrEqual(150);
  });
});
