/**
 * A time bound a timer cannot hold is refused. Node (and browsers) fire a timer set
 * past 2^31 − 1 ms, or to `Infinity`, after 1 ms: `timeoutMs: Infinity` with
 * `deadlineMs: Infinity`, meant as "wait as long as it takes", timed every attempt out
 * at once, so a bet the operator went on to debit threw `WalletOutcomeUnknownError`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWalletClient } from '../src/node.ts';
import { betInput, secret, transactionAnswer, winInput } from './fixtures.ts';
import type { RawServer } from './raw-server.ts';
import { answer, startRawServer } from './raw-server.ts';

let operator: RawServer | undefined;
afterEach(async () => {
  await operator?.close();
  operator = undefined;
});

const tooLong = (name: string, value: number) =>
  `${name} must be at most 2147483647 ms (24.8 days), not ${value}: a longer timer fires at once.`;

describe('a time bound past what a timer holds', () => {
  it.each([
    ['timeoutMs', { timeoutMs: Number.POSITIVE_INFINITY }, tooLong('timeoutMs', Number.POSITIVE_INFINITY)],
    ['timeoutMs', { timeoutMs: 2 ** 31 }, tooLong('timeoutMs', 2 ** 31)],
    [
      'retry.deadlineMs',
      { retry: { deadlineMs: Number.POSITIVE_INFINITY } },
      tooLong('retry.deadlineMs', Number.POSITIVE_INFINITY),
    ],
  ])('%s is refused at creation', (_name, options, message) => {
    expect(() => createWalletClient({ baseUrl: 'http://127.0.0.1:9/w', secret, ...options })).toThrow(
      new RangeError(message),
    );
  });

  it('in one call rejects it before anything is sent', async () => {
    operator = await startRawServer((_request, res) => setTimeout(() => answer(res, 200, transactionAnswer), 20));
    const wallet = createWalletClient({ baseUrl: operator.url, secret });

    await expect(wallet.bet(betInput, { timeoutMs: Number.POSITIVE_INFINITY })).rejects.toThrow(
      new RangeError(tooLong('timeoutMs', Number.POSITIVE_INFINITY)),
    );
    await expect(wallet.win(winInput, { timeoutMs: 2 ** 31, retry: { deadlineMs: 2 ** 31 } })).rejects.toThrow(
      new RangeError(tooLong('timeoutMs', 2 ** 31)),
    );
    expect(operator.requests).toEqual([]);

    // The longest bounds a timer holds wait for the answer.
    await expect(wallet.bet(betInput, { timeoutMs: 2_147_483_647 })).resolves.toEqual(transactionAnswer);
  });
});
