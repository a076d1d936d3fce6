/**
 * The bound on an operator's answer (`maxAnswerBytes`, default 1 MiB) over real HTTP on
 * 127.0.0.1, on the three transports (the node build's undici, a user's fetch, the
 * neutral build's node:http): a declared Content-Length over it is refused before any of
 * the body is read, an endless chunked stream is read no further than the bound and its
 * connection closed, exactly the bound is read, one byte over is refused. The error is a
 * `WalletConnectionError` (the outcome is unknown): retried with the same bytes for a win,
 * never for a bet, which `betOrRefund` refunds. Run with `--expose-gc` (the client project does).
 */
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { WalletResponseEvent } from '../src/index.ts';
import {
  defaultMaxAnswerBytes,
  isRetryable,
  WalletAnswerTooLargeError,
  WalletClientError,
  WalletConnectionError,
  WalletOutcomeUnknownError,
} from '../src/index.ts';
import { createWalletClient as createNodeClient } from '../src/node.ts';
import { balanceAnswer, balanceInput, betInput, secret, transactionAnswer, walletUrl, winInput } from './fixtures.ts';
import type { Flood } from './flood.ts';
import { flood } from './flood.ts';
import type { RawServer } from './raw-server.ts';
import { answer, startRawServer } from './raw-server.ts';
import { transports } from './transports.ts';

const MiB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

let operator: RawServer | undefined;
afterEach(async () => {
  await operator?.close();
  operator = undefined;
});

/** `json` padded with trailing spaces (still JSON) to exactly `bytes` bytes. */
const padded = (json: unknown, bytes: number) => {
  const text = JSON.stringify(json);
  return text + ' '.repeat(bytes - text.length);
};

/** The message of the error, as the client words it. */
const tooLarge = (status: number, max: number, declared?: number) =>
  `The operator's wallet answered ${status} with more than ${max} bytes${declared === undefined ? '' : ` (Content-Length ${declared})`}; ` +
  "the client stopped reading it. If the operator's answers really are this large, raise createWalletClient's maxAnswerBytes.";

/** The highest `arrayBuffers` (Buffers and ArrayBuffers held) seen while `work` runs, above the level before it. */
async function peakBuffers<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  gc?.();
  const before = process.memoryUsage().arrayBuffers;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  }, 2);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    return { result, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

describe.each(transports)('maxAnswerBytes over %s', (_name, create) => {
  it('runs with --expose-gc', () => {
    expect(typeof gc).toBe('function');
  });

  it('refuses a declared Content-Length over the bound before reading the body, and hangs up', async () => {
    const floods: Flood[] = [];
    operator = await startRawServer((_request, res) =>
      floods.push(flood(res, 200, { declared: 512 * MiB, total: 512 * MiB })),
    );
    const wallet = create({ baseUrl: operator.url, secret, timeoutMs: 3000, retry: { attempts: 1 } });

    const error = await wallet.balance(balanceInput).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WalletAnswerTooLargeError);
    expect(error).toMatchObject({
      name: 'WalletAnswerTooLargeError',
      kind: 'connection',
      status: 200,
      maxAnswerBytes: defaultMaxAnswerBytes,
      declaredBytes: 512 * MiB,
      message: tooLarge(200, MiB, 512 * MiB),
    });
    await floods[0]?.over;
    expect(floods[0]?.cut).toBe(true);
    // What the kernel's socket buffers took before the client hung up, far below the 512 MiB offered.
    expect(floods[0]?.written).toBeLessThan(16 * MiB);
  });

  it('stops reading an endless chunked stream at the bound: the connection is closed, memory stays bounded', async () => {
    const floods: Flood[] = [];
    operator = await startRawServer((_request, res) => floods.push(flood(res, 200)));
    const maxAnswerBytes = 64 * 1024;
    const wallet = create({ baseUrl: operator.url, secret, maxAnswerBytes, timeoutMs: 3000, retry: { attempts: 1 } });

    const { result: error, growth } = await peakBuffers(() => wallet.win(winInput).catch((e: unknown) => e));

    expect(error).toBeInstanceOf(WalletAnswerTooLargeError);
    expect(error).toMatchObject({ status: 200, maxAnswerBytes, declaredBytes: undefined });
    expect((error as Error).message).toBe(tooLarge(200, maxAnswerBytes));
    await floods[0]?.over;
    expect(floods[0]?.cut).toBe(true);
    expect(floods[0]?.written).toBeLessThan(16 * MiB);
    expect(growth).toBeLessThan(64 * MiB);
  });

  it.each([
    ['with a Content-Length', true],
    ['chunked', false],
  ])('reads an answer of exactly the default bound, 1 MiB, %s', async (_how, declared) => {
    operator = await startRawServer((_request, res) => {
      const body = padded(balanceAnswer, defaultMaxAnswerBytes);
      const headers = declared ? { 'content-length': String(body.length) } : {};
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      res.write(body.slice(0, 1000));
      res.end(body.slice(1000));
    });
    const wallet = create({ baseUrl: operator.url, secret, retry: { attempts: 1 } });

    await expect(wallet.balance(balanceInput)).resolves.toEqual(balanceAnswer);
  });

  it.each([
    ['with a Content-Length', true],
    ['chunked', false],
  ])('refuses an answer one byte over the bound, %s', async (_how, declared) => {
    const maxAnswerBytes = 4096;
    operator = await startRawServer((_request, res) => {
      const body = padded(balanceAnswer, maxAnswerBytes + 1);
      const headers = declared ? { 'content-length': String(body.length) } : {};
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      res.write(body.slice(0, 100));
      res.end(body.slice(100));
    });
    const wallet = create({ baseUrl: operator.url, secret, maxAnswerBytes, retry: { attempts: 1 } });

    const error = await wallet.balance(balanceInput).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WalletAnswerTooLargeError);
    const declaredBytes = declared ? maxAnswerBytes + 1 : undefined;
    expect(error).toMatchObject({ status: 200, maxAnswerBytes, declaredBytes });
    expect((error as Error).message).toBe(tooLarge(200, maxAnswerBytes, declaredBytes));
    expect(operator.requests).toHaveLength(1);
  });

  it('retries a win whose answer was too large with the same bytes and signature, then lands it', async () => {
    operator = await startRawServer((_request, res) => {
      if (operator?.requests.length === 1) return void flood(res, 503);
      answer(res, 200, transactionAnswer);
    });
    const events: WalletResponseEvent[] = [];
    const wallet = create({
      baseUrl: operator.url,
      secret,
      maxAnswerBytes: 1024,
      retry: { attempts: 3, baseDelayMs: 1 },
      onResponse: (event) => events.push(event),
    });

    await expect(wallet.win(winInput)).resolves.toEqual(transactionAnswer);

    expect(events.map((event) => event.error?.name ?? event.status)).toEqual(['WalletAnswerTooLargeError', 200]);
    const [first, second] = operator.requests;
    expect(second?.bytes.equals(first?.bytes ?? Buffer.alloc(0))).toBe(true);
    expect(second?.headers['x-request-sign']).toBe(first?.headers['x-request-sign']);
  });

  it('makes a bet whose answer was too large an unknown outcome, never retried; betOrRefund refunds it', async () => {
    operator = await startRawServer((request, res) => {
      if (request.json.action === 'bet') return void flood(res, 200);
      answer(res, 200, transactionAnswer);
    });
    const wallet = create({ baseUrl: operator.url, secret, maxAnswerBytes: 1024, retry: { baseDelayMs: 1 } });

    const bet = await wallet.bet(betInput).catch((e: unknown) => e);
    expect(bet).toBeInstanceOf(WalletOutcomeUnknownError);
    expect((bet as Error).cause).toBeInstanceOf(WalletAnswerTooLargeError);
    expect(operator.requests.map((request) => request.json.action)).toEqual(['bet']);

    const refunded = await wallet.betOrRefund(betInput, { refundTransactionId: 'refund-big' }).catch((e: unknown) => e);
    expect(refunded).toBeInstanceOf(WalletOutcomeUnknownError);
    expect((refunded as WalletOutcomeUnknownError).refund).toEqual({
      transactionId: 'refund-big',
      landed: true,
      response: transactionAnswer,
    });
    const refund = operator.requests[2]?.json as { action: string; payload: { provider_transfer_data: object } };
    expect(refund.action).toBe('refund');
    expect(refund.payload.provider_transfer_data).toMatchObject({
      transaction_id: 'refund-big',
      refunded_transaction_id: betInput.payload.provider_transfer_data.transaction_id,
    });
    expect(operator.requests.map((request) => request.json.action)).toEqual(['bet', 'bet', 'refund']);
  });
});

describe('maxAnswerBytes on the fetch path', () => {
  it('counts the bytes a compressed answer inflates to, not its Content-Length', async () => {
    const inflated = padded(balanceAnswer, 8 * MiB);
    const compressed = gzipSync(inflated);
    operator = await startRawServer((_request, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(compressed.length),
      });
      res.end(compressed);
    });
    const options = { baseUrl: operator.url, secret, retry: { attempts: 1 }, fetch: (r: Request) => fetch(r) };

    const error = await createNodeClient(options)
      .balance(balanceInput)
      .catch((e: unknown) => e);

    expect(compressed.length).toBeLessThan(MiB);
    expect(error).toBeInstanceOf(WalletAnswerTooLargeError);
    expect(error).toMatchObject({ status: 200, maxAnswerBytes: MiB, declaredBytes: undefined });
    // Within the bound once inflated, the same answer is read.
    const roomy = createNodeClient({ ...options, maxAnswerBytes: 8 * MiB });
    await expect(roomy.balance(balanceInput)).resolves.toEqual(balanceAnswer);
  });

  it('bounds a fetch whose Response streams without end under a Content-Length that lies', async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled += 16 * 1024;
            controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
          },
          cancel() {
            cancelled = true;
          },
        }),
        { status: 200, headers: { 'content-length': '60' } },
      );
    const wallet = createNodeClient({
      baseUrl: walletUrl,
      secret,
      maxAnswerBytes: 100_000,
      retry: { attempts: 1 },
      fetch: async () => endless(),
    });

    const error = await wallet.balance(balanceInput).catch((e: unknown) => e);

    expect(error).toMatchObject({
      name: 'WalletAnswerTooLargeError',
      maxAnswerBytes: 100_000,
      declaredBytes: undefined,
    });
    expect(cancelled).toBe(true);
    // The bound, one chunk past it, and what the stream's queue held.
    expect(pulled).toBeLessThanOrEqual(100_000 + 3 * 16 * 1024);
  });
});

describe('the maxAnswerBytes option', () => {
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '1024'])(
    'refuses %s, saying what to do',
    (value) => {
      expect(() => createNodeClient({ baseUrl: walletUrl, secret, maxAnswerBytes: value as number })).toThrow(
        new RangeError(
          `maxAnswerBytes must be a whole number of bytes, at least 1 (it was ${String(value)}): leave it out for the ` +
            "default, 1048576 (1 MiB), or raise it if the operator's answers are larger.",
        ),
      );
    },
  );

  it('is 1 MiB by default, and its error is a retryable WalletConnectionError of the family', () => {
    expect(defaultMaxAnswerBytes).toBe(MiB);
    const error = new WalletAnswerTooLargeError(200, MiB);
    expect(error).toBeInstanceOf(WalletClientError);
    expect(error).toBeInstanceOf(WalletConnectionError);
    expect(error.kind).toBe('connection');
    expect(error.cause).toBeUndefined();
    expect(isRetryable(error)).toBe(true);
  });
});
