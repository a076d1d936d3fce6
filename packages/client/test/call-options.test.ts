/**
 * Per-call control and the client's events, over real HTTP on 127.0.0.1: a caller's
 * AbortSignal, per-call timeoutMs and retry, and onEvent's one event per attempt and
 * per call, in the shape the handler reports too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WalletClientEvent } from '../src/node.ts';
import { createWalletClient, WalletAbortedError, WalletOutcomeUnknownError, WalletTimeoutError } from '../src/node.ts';
import { balanceInput, betInput, secret, transactionAnswer, winInput } from './fixtures.ts';
import type { RawServer } from './raw-server.ts';
import { answer, startRawServer } from './raw-server.ts';

let operator: RawServer | undefined;
afterEach(async () => {
  await operator?.close();
  operator = undefined;
});

const silent = () => startRawServer(() => {});
/** Resolves once the operator has received `count` requests. */
async function received(server: RawServer, count: number): Promise<void> {
  while (server.requests.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('a caller AbortSignal', () => {
  it('ends a win under way with WalletAbortedError, and it is not retried', async () => {
    operator = await silent();
    const wallet = createWalletClient({ baseUrl: operator.url, secret, timeoutMs: 60_000 });
    const controller = new AbortController();

    const call = wallet.win(winInput, { signal: controller.signal }).catch((e: unknown) => e);
    await received(operator, 1);
    controller.abort(new Error('the round was cancelled'));
    const error = await call;

    expect(error).toBeInstanceOf(WalletAbortedError);
    expect(error).toMatchObject({ sent: true, cause: new Error('the round was cancelled') });
    expect(operator.requests).toHaveLength(1);
  });

  it('makes a bet aborted after it was sent an unknown outcome', async () => {
    operator = await silent();
    const wallet = createWalletClient({ baseUrl: operator.url, secret, timeoutMs: 60_000 });
    const controller = new AbortController();

    const call = wallet.bet(betInput, { signal: controller.signal }).catch((e: unknown) => e);
    await received(operator, 1);
    controller.abort();
    const error = await call;

    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect((error as WalletOutcomeUnknownError).transactionId).toBe('bet-1001');
    expect((error as Error).cause).toMatchObject({ name: 'WalletAbortedError', sent: true });
  });

  it('sends nothing when it is already aborted, and a bet is then not an unknown outcome', async () => {
    operator = await silent();
    const wallet = createWalletClient({ baseUrl: operator.url, secret });
    const signal = AbortSignal.abort();

    await expect(wallet.bet(betInput, { signal })).rejects.toMatchObject({ name: 'WalletAbortedError', sent: false });
    await expect(wallet.balance(balanceInput, { signal })).rejects.toBeInstanceOf(WalletAbortedError);
    expect(operator.requests).toHaveLength(0);
  });

  it('ends the wait before a retry', async () => {
    operator = await startRawServer((_request, res) =>
      answer(res, 503, { code: 503, message: 'Service is unavailable.' }),
    );
    const controller = new AbortController();
    const events: WalletClientEvent[] = [];

    const call = createWalletClient({
      baseUrl: operator.url,
      secret,
      retry: { attempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000, deadlineMs: 600_000 },
      onEvent: (event) => events.push(event),
    })
      .win(winInput, { signal: controller.signal })
      .catch((e: unknown) => e);
    await received(operator, 1);
    while (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();

    await expect(call).resolves.toMatchObject({ name: 'WalletAbortedError', sent: false });
    expect(operator.requests).toHaveLength(1);
  });

  it('lets betOrRefund refund a bet it aborted under way, without listening to the signal', async () => {
    operator = await startRawServer((request, res) => {
      if (request.json.action === 'refund') answer(res, 200, transactionAnswer);
    });
    const wallet = createWalletClient({ baseUrl: operator.url, secret, timeoutMs: 60_000 });
    const controller = new AbortController();

    const call = wallet
      .betOrRefund(betInput, { refundTransactionId: 'refund-abort', signal: controller.signal })
      .catch((e: unknown) => e);
    await received(operator, 1);
    controller.abort();
    const error = (await call) as WalletOutcomeUnknownError;

    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect(error.refund).toMatchObject({ transactionId: 'refund-abort', landed: true, response: transactionAnswer });
    expect(operator.requests.map((request) => request.json.action)).toEqual(['bet', 'refund']);
  });
});

describe('per-call options', () => {
  it('timeoutMs and retry of one call override the client for that call only', async () => {
    operator = await silent();
    const attempts: number[] = [];
    const wallet = createWalletClient({
      baseUrl: operator.url,
      secret,
      timeoutMs: 60_000,
      retry: { attempts: 5, baseDelayMs: 1 },
      onRequest: (event) => attempts.push(event.attempt),
    });

    const error = await wallet
      .balance(balanceInput, { timeoutMs: 30, retry: { attempts: 2 } })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'WalletTimeoutError', timeoutMs: 30 });
    expect(attempts).toEqual([1, 2]);
  });

  it('rejects a call whose timeoutMs or retry is out of range, as the client refuses its own', async () => {
    operator = undefined;
    const wallet = createWalletClient({ baseUrl: 'http://127.0.0.1:1/wallet', secret });

    await expect(wallet.win(winInput, { timeoutMs: 0 })).rejects.toThrow(RangeError);
    await expect(wallet.bet(betInput, { timeoutMs: -1 })).rejects.toThrow(RangeError);
    await expect(wallet.win(winInput, { retry: { attempts: 0 } })).rejects.toThrow(RangeError);
  });
});

describe('onEvent', () => {
  it('reports each attempt and the call, with one call id, the ids, statuses and error kinds', async () => {
    operator = await startRawServer((_request, res) => {
      if (operator?.requests.length === 1) return answer(res, 503, { code: 503, message: 'Service is unavailable.' });
      answer(res, 200, transactionAnswer);
    });
    const events: WalletClientEvent[] = [];
    const wallet = createWalletClient({
      baseUrl: operator.url,
      secret,
      retry: { baseDelayMs: 1 },
      onEvent: (event) => events.push(event),
    });

    await wallet.win(winInput);

    const ids = { action: 'win', player_id: '12', transaction_id: '11121219dd1f161' };
    expect(events).toEqual([
      {
        scope: 'attempt',
        callId: expect.any(String),
        ...ids,
        attempt: 1,
        status: 503,
        errorKind: 'refused',
        durationMs: expect.any(Number),
      },
      { scope: 'attempt', callId: events[0]?.callId, ...ids, attempt: 2, status: 200, durationMs: expect.any(Number) },
      { scope: 'call', callId: events[0]?.callId, ...ids, attempt: 2, status: 200, durationMs: expect.any(Number) },
    ]);
    expect(events.every((event) => event.durationMs >= 0)).toBe(true);
  });

  it('reports a bet that timed out as an attempt timeout and a call of unknown outcome; a new call gets a new id', async () => {
    operator = await silent();
    const events: WalletClientEvent[] = [];
    const wallet = createWalletClient({ baseUrl: operator.url, secret, timeoutMs: 30, onEvent: (e) => events.push(e) });

    await expect(wallet.bet(betInput)).rejects.toBeInstanceOf(WalletOutcomeUnknownError);
    await expect(wallet.balance(balanceInput, { retry: { attempts: 1 } })).rejects.toBeInstanceOf(WalletTimeoutError);

    expect(events.map((event) => [event.scope, event.action, event.errorKind])).toEqual([
      ['attempt', 'bet', 'timeout'],
      ['call', 'bet', 'outcome-unknown'],
      ['attempt', 'balance', 'timeout'],
      ['call', 'balance', 'timeout'],
    ]);
    expect(events[2]?.callId).not.toBe(events[0]?.callId);
    expect(events[2]).not.toHaveProperty('transaction_id');
  });

  it('ignores what the hook throws', async () => {
    operator = await startRawServer((_request, res) => answer(res, 200, transactionAnswer));
    const wallet = createWalletClient({
      baseUrl: operator.url,
      secret,
      onEvent: () => {
        throw new Error('the metrics backend is down');
      },
    });

    await expect(wallet.win(winInput)).resolves.toEqual(transactionAnswer);
  });
});
