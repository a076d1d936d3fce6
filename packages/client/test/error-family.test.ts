/**
 * One error family: everything the client throws is a WalletClientError, refusals
 * keep WalletError unchanged, transport failures carry their cause, and
 * `isRetryable` says which may be sent again.
 */
import { describe, expect, it } from 'vitest';
import {
  createWalletClient,
  InsufficientFundsError,
  isRetryable,
  OperatorError,
  PlayerBlockedError,
  WalletAbortedError,
  WalletAnswerTooLargeError,
  WalletClientError,
  WalletConnectionError,
  WalletError,
  WalletOutcomeUnknownError,
  WalletResponseError,
  WalletTimeoutError,
} from '../src/node.ts';
import { balanceInput, betInput, secret } from './fixtures.ts';
import { startRawServer } from './raw-server.ts';

const refusal = (status: number, Class: typeof WalletError) =>
  new Class({ status, code: status, message: 'm', body: `{"code":${status},"message":"m"}` });

describe('the error family', () => {
  it.each([
    ['402', refusal(402, InsufficientFundsError), 'refused', false],
    ['407', refusal(407, PlayerBlockedError), 'refused', false],
    ['500', refusal(500, OperatorError), 'refused', true],
    ['timeout', new WalletTimeoutError(5), 'timeout', true],
    ['connection', new WalletConnectionError(new Error('ECONNRESET')), 'connection', true],
    ['answer over maxAnswerBytes', new WalletAnswerTooLargeError(200, 1024), 'connection', true],
    ['unreadable answer', new WalletResponseError(200, 'x', 'a body that is not JSON'), 'response', false],
    ['unreadable 503', new WalletResponseError(503, '<html>', 'a body that is not JSON'), 'response', true],
    ['abort', new WalletAbortedError(new Error('stop'), true), 'aborted', false],
    ['unknown bet', new WalletOutcomeUnknownError('bet-1', new WalletTimeoutError(5)), 'outcome-unknown', false],
  ] as const)('%s is a WalletClientError of kind %s, retryable: %s', (_name, error, kind, retryable) => {
    expect(error).toBeInstanceOf(WalletClientError);
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe(kind);
    expect(isRetryable(error)).toBe(retryable);
  });

  it('keeps WalletError as it was: status, code, message, body', () => {
    const error = refusal(402, InsufficientFundsError);
    expect(error).toBeInstanceOf(WalletError);
    expect(error).toMatchObject({ name: 'InsufficientFundsError', status: 402, code: 402, message: 'm' });
  });

  it('catches what a real call throws with one instanceof, the transport reason in cause', async () => {
    const closed = await startRawServer(() => {});
    await closed.close();
    const wallet = createWalletClient({ baseUrl: closed.url, secret, retry: { attempts: 1 } });

    const failures = await Promise.all([
      wallet.balance(balanceInput).catch((e: unknown) => e),
      wallet.bet(betInput).catch((e: unknown) => e),
    ]);

    for (const failure of failures) expect(failure).toBeInstanceOf(WalletClientError);
    expect((failures[0] as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect((failures[1] as Error).cause).toBeInstanceOf(WalletConnectionError);
  });

  it('keeps the JSON error of an unreadable answer as its cause', async () => {
    const garbled = await startRawServer((_request, res) => res.writeHead(200).end('<html>'));
    try {
      const wallet = createWalletClient({ baseUrl: garbled.url, secret });
      const error = await wallet.balance(balanceInput).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(WalletResponseError);
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    } finally {
      await garbled.close();
    }
  });
});
