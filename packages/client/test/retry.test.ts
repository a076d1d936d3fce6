/**
 * Retries, on fake timers: what must land is retried with the byte-identical body and
 * signature, within attempts and a deadline; final answers and bets are never retried.
 */
import { delay } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WalletClientOptions, WalletResponseEvent } from '../src/index.ts';
import {
  BadRequestError,
  createWalletClient,
  InsufficientFundsError,
  ServiceUnavailableError,
  WalletConnectionError,
  WalletOutcomeUnknownError,
  WalletTimeoutError,
} from '../src/index.ts';
import {
  balanceAnswer,
  balanceInput,
  betInput,
  refundInput,
  rollbackWinInput,
  secret,
  transactionAnswer,
  walletUrl,
  winInput,
} from './fixtures.ts';
import { errorAnswer, HttpResponse, operatorAt, useMswServer } from './operator.ts';

const server = useMswServer();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function client(options: Partial<WalletClientOptions> = {}) {
  return createWalletClient({ baseUrl: walletUrl, secret, ...options });
}

/** Settles `promise` while the fake clock runs every timer it waits on. */
async function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  const settled = Promise.allSettled([promise]);
  await vi.runAllTimersAsync();
  const [result] = await settled;
  return result!;
}

function rejection(result: PromiseSettledResult<unknown>): unknown {
  if (result.status === 'fulfilled') throw new Error('expected a rejection');
  return result.reason;
}

describe('win, refund, rollbackWin and balance', () => {
  it('retries win on 503 with byte-identical bodies and signatures, then succeeds', async () => {
    const operator = operatorAt((_, index) =>
      index < 2 ? errorAnswer(503, 'Service is unavailable.') : HttpResponse.json(transactionAnswer),
    );
    server.use(operator.handler);
    const events: WalletResponseEvent[] = [];

    const result = await settle(client({ onResponse: (event) => events.push(event) }).win(winInput));

    expect(result).toEqual({ status: 'fulfilled', value: transactionAnswer });
    expect(operator.calls).toHaveLength(3);
    const [first, ...retries] = operator.calls;
    for (const retry of retries) {
      expect(retry.body).toBe(first?.body);
      expect(retry.signature).toBe(first?.signature);
    }
    expect(events.map((event) => [event.attempt, event.status, event.retryInMs !== undefined])).toEqual([
      [1, 503, true],
      [2, 503, true],
      [3, 200, false],
    ]);
  });

  it('waits a backoff with full jitter between attempts', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const operator = operatorAt((_, index) => (index < 3 ? errorAnswer(500) : HttpResponse.json(transactionAnswer)));
    server.use(operator.handler);

    await settle(client({ retry: { baseDelayMs: 100, maxDelayMs: 150 } }).refund(refundInput));

    // Half of min(150, 100 × 2^(n−1)): 50, then 75, then 75.
    const gaps = operator.calls.slice(1).map((call, i) => call.at - operator.calls[i]!.at);
    expect(gaps).toEqual([50, 75, 75]);
  });

  it('stops retrying at the deadline and throws the last failure', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const operator = operatorAt(() => errorAnswer(503, 'Service is unavailable.'));
    server.use(operator.handler);
    const started = Date.now();

    const result = await settle(
      client({ retry: { attempts: 100, baseDelayMs: 100, maxDelayMs: 1000, deadlineMs: 3000 } }).win(winInput),
    );

    expect(rejection(result)).toBeInstanceOf(ServiceUnavailableError);
    // Delays 50, 100, 200, 400, then 500 each: attempts start at 0, 50, 150, 350, 750, 1250, …, 2750;
    // the next would start at 3250, past the deadline.
    expect(operator.calls.map((call) => call.at - started)).toEqual([0, 50, 150, 350, 750, 1250, 1750, 2250, 2750]);
  });

  it('cuts an attempt short at the deadline', async () => {
    const operator = operatorAt(() => delay('infinite').then(() => HttpResponse.json(transactionAnswer)));
    server.use(operator.handler);

    const result = await settle(client({ timeoutMs: 5000, retry: { deadlineMs: 3000 } }).win(winInput));

    expect(rejection(result)).toMatchObject({ name: 'WalletTimeoutError', timeoutMs: 3000 });
    expect(operator.calls).toHaveLength(1);
  });

  it('stops after `attempts`', async () => {
    const operator = operatorAt(() => errorAnswer(504));
    server.use(operator.handler);

    const result = await settle(client({ retry: { attempts: 3 } }).rollbackWin(rollbackWinInput));

    expect(operator.calls).toHaveLength(3);
    expect(rejection(result)).toMatchObject({ status: 504 });
  });

  it('retries an attempt that timed out, and one that lost its connection', async () => {
    const operator = operatorAt(async (_, index) => {
      if (index === 0) await delay('infinite');
      if (index === 1) return HttpResponse.error();
      return HttpResponse.json(balanceAnswer);
    });
    server.use(operator.handler);
    const events: WalletResponseEvent[] = [];

    const result = await settle(client({ timeoutMs: 1000, onResponse: (e) => events.push(e) }).balance(balanceInput));

    expect(result).toEqual({ status: 'fulfilled', value: balanceAnswer });
    expect(events[0]?.error).toBeInstanceOf(WalletTimeoutError);
    expect(events[1]?.error).toBeInstanceOf(WalletConnectionError);
    expect(operator.calls[2]?.body).toBe(operator.calls[0]?.body);
  });

  it('never retries a 4xx', async () => {
    const operator = operatorAt(() => errorAnswer(400, 'Bad request. Badly formatted JSON.'));
    server.use(operator.handler);

    const result = await settle(client().win(winInput));

    expect(rejection(result)).toBeInstanceOf(BadRequestError);
    expect(operator.calls).toHaveLength(1);
  });

  it('sends once with `attempts: 1`', async () => {
    const operator = operatorAt(() => errorAnswer(503));
    server.use(operator.handler);

    await settle(client({ retry: { attempts: 1 } }).win(winInput));

    expect(operator.calls).toHaveLength(1);
  });
});

describe('bet', () => {
  it('is not retried after a definitive refusal (402)', async () => {
    const operator = operatorAt(() => errorAnswer(402, 'The player does not have enough money for the action.'));
    server.use(operator.handler);

    const result = await settle(client().bet(betInput));

    expect(rejection(result)).toBeInstanceOf(InsufficientFundsError);
    expect(operator.calls).toHaveLength(1);
  });

  it('timing out gives WalletOutcomeUnknownError with the bet transaction_id, and is not retried', async () => {
    const operator = operatorAt(() => delay('infinite').then(() => HttpResponse.json(transactionAnswer)));
    server.use(operator.handler);

    const error = rejection(await settle(client({ timeoutMs: 2000 }).bet(betInput)));

    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect(error).toMatchObject({ transactionId: 'bet-1001', refund: undefined });
    expect((error as Error).cause).toBeInstanceOf(WalletTimeoutError);
    expect(operator.calls).toHaveLength(1);
  });

  it.each([
    ['503', () => errorAnswer(503)],
    ['500', () => errorAnswer(500)],
    ['a lost connection', () => HttpResponse.error()],
  ])('after %s gives WalletOutcomeUnknownError, sent once', async (_, answer) => {
    const operator = operatorAt(answer);
    server.use(operator.handler);

    const error = rejection(await settle(client().bet(betInput)));

    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect(operator.calls).toHaveLength(1);
  });
});
