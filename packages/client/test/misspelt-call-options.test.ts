/**
 * A misspelt retry option (`attemps`), a misspelt per-call option (`timeoutMS`) or a
 * misspelt `betOrRefund` option is refused, naming it and what it meant, before anything
 * is sent: ignored, it would leave the default in force (five attempts, a 10 s deadline,
 * a 5 s timeout), e.g. a refund that gives up long before the deadline asked for.
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

const retryNames = 'Its options are: attempts, baseDelayMs, maxDelayMs, deadlineMs.';

describe('a misspelt retry option', () => {
  it('is refused at creation', () => {
    expect(() =>
      createWalletClient({ baseUrl: 'http://127.0.0.1:9/w', secret, retry: { attemps: 1 } as never }),
    ).toThrow(
      new TypeError(
        `createWalletClient({ retry }): unknown option \`attemps\` — did you mean \`attempts\`? ${retryNames}`,
      ),
    );
  });

  it('is refused when retry is not an object', () => {
    expect(() => createWalletClient({ baseUrl: 'http://127.0.0.1:9/w', secret, retry: 1 as never })).toThrow(
      new TypeError('createWalletClient({ retry }): retry takes an object, e.g. { attempts: 3 }, not 1.'),
    );
  });
});

describe('a misspelt option of one call', () => {
  it.each<[string, (wallet: ReturnType<typeof createWalletClient>) => Promise<unknown>, string]>([
    [
      'win(request, { timeoutMS })',
      (wallet) => wallet.win(winInput, { timeoutMS: 100 } as never),
      "a call's options: unknown option `timeoutMS` — did you mean `timeoutMs`? Its options are: timeoutMs, retry, signal.",
    ],
    [
      'win(request, { retry: { deadlineMS } })',
      (wallet) => wallet.win(winInput, { retry: { deadlineMS: 60_000 } } as never),
      `a call's { retry }: unknown option \`deadlineMS\` — did you mean \`deadlineMs\`? ${retryNames}`,
    ],
    [
      'bet(request, { signl })',
      (wallet) => wallet.bet(betInput, { signl: new AbortController().signal } as never),
      "a call's options: unknown option `signl` — did you mean `signal`? Its options are: timeoutMs, retry, signal.",
    ],
    [
      'betOrRefund(request, { refundRetry })',
      (wallet) => wallet.betOrRefund(betInput, { refundTransactionId: 'refund-1', refundRetry: {} } as never),
      'betOrRefund: unknown option `refundRetry`. Its options are: refundTransactionId, timeoutMs, retry, signal.',
    ],
    [
      'betOrRefund(request, { retry: { deadlineMS } })',
      (wallet) =>
        wallet.betOrRefund(betInput, { refundTransactionId: 'refund-1', retry: { deadlineMS: 60_000 } } as never),
      `betOrRefund({ retry }): unknown option \`deadlineMS\` — did you mean \`deadlineMs\`? ${retryNames}`,
    ],
  ])('%s rejects with a TypeError naming it, and sends nothing', async (_name, call, message) => {
    operator = await startRawServer((_request, res) => answer(res, 200, transactionAnswer));
    const wallet = createWalletClient({ baseUrl: operator.url, secret });

    await expect(call(wallet)).rejects.toThrow(new TypeError(message));

    expect(operator.requests).toEqual([]);
    // The client still sends a call whose options are right.
    await expect(wallet.win(winInput, { timeoutMs: 1000, retry: { deadlineMs: 2000 } })).resolves.toEqual(
      transactionAnswer,
    );
  });
});
