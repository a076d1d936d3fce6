/**
 * The typed fetch path (openapi-fetch) with a user's fetch, at the network edge (MSW):
 * exactly one Request per attempt, at the wallet URL as configured, carrying the
 * attempt's signal, which aborts on the attempt's timeout even under forced GC.
 */
import { sign } from '@tbb-wallet/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createWalletClient, WalletTimeoutError } from '../src/node.ts';
import { secret, transactionAnswer, winInput } from './fixtures.ts';
import { errorAnswer, HttpResponse, operatorAt, useMswServer } from './operator.ts';

const server = useMswServer();
const NativeRequest = globalThis.Request;
afterEach(() => {
  globalThis.Request = NativeRequest;
});

/** Counts every Request built from here on, by whatever code builds it. */
function countRequests(): { count: () => number } {
  let built = 0;
  globalThis.Request = class CountedRequest extends NativeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(input, init);
      built++;
    }
  };
  return { count: () => built };
}

describe('the fetch path with a user fetch', () => {
  it('builds exactly one Request per attempt, and the fetch gets that one', async () => {
    const requests = countRequests();
    const seen: Request[] = [];
    const wallet = createWalletClient({
      baseUrl: 'https://casino.example/wallet',
      secret,
      retry: { baseDelayMs: 1 },
      // Answers in process: 503 first, then the 200.
      fetch: async (request) => {
        seen.push(request);
        return seen.length === 1 ? errorAnswer(503, 'Service is unavailable.') : HttpResponse.json(transactionAnswer);
      },
    });

    await expect(wallet.win(winInput)).resolves.toEqual(transactionAnswer);

    expect(seen).toHaveLength(2);
    expect(requests.count()).toBe(2);
  });

  it("hands the fetch the body as init too, the very bytes of the Request's body and signature", async () => {
    const seen: { request: Request; init: RequestInit | undefined }[] = [];
    const fetchWithInit = async (request: Request, init?: RequestInit) => {
      seen.push({ request, init });
      return HttpResponse.json(transactionAnswer);
    };
    const wallet = createWalletClient({ baseUrl: 'https://casino.example/wallet', secret, fetch: fetchWithInit });

    await expect(wallet.win(winInput)).resolves.toEqual(transactionAnswer);

    expect(seen).toHaveLength(1);
    const { request, init } = seen[0]!;
    expect(typeof init?.body).toBe('string');
    expect(await request.text()).toBe(init?.body);
    expect(request.headers.get('x-request-sign')).toBe(await sign(init?.body as string, secret));
  });

  it('sends to the wallet URL exactly as configured, with the same signed bytes on each attempt', async () => {
    const url = 'https://casino.example/any/path/?operator=7';
    const operator = operatorAt(
      (_call, index) =>
        index === 0 ? errorAnswer(503, 'Service is unavailable.') : HttpResponse.json(transactionAnswer),
      url,
    );
    server.use(operator.handler);
    const wallet = createWalletClient({ baseUrl: url, secret, retry: { baseDelayMs: 1 }, fetch: (r) => fetch(r) });

    await expect(wallet.win(winInput)).resolves.toEqual(transactionAnswer);

    expect(operator.calls.map((call) => call.url)).toEqual([url, url]);
    expect(operator.calls[1]?.body).toBe(operator.calls[0]?.body);
    expect(operator.calls[1]?.signature).toBe(operator.calls[0]?.signature);
  });

  it("aborts the Request's signal when the attempt times out, under forced GC", async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(typeof gc).toBe('function');
    const aborted: boolean[] = [];
    const collector = setInterval(() => gc?.(), 5);
    try {
      const wallet = createWalletClient({
        baseUrl: 'https://casino.example/wallet',
        secret,
        timeoutMs: 40,
        retry: { attempts: 2, baseDelayMs: 1 },
        // A fetch that only ends when its request's signal aborts.
        fetch: (request) =>
          new Promise<Response>((_resolve, reject) => {
            request.signal.addEventListener('abort', () => {
              aborted.push(request.signal.aborted);
              reject(request.signal.reason);
            });
          }),
      });

      await expect(wallet.win(winInput)).rejects.toBeInstanceOf(WalletTimeoutError);
      // The abort reaches the fetch's request on every attempt.
      while (aborted.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(aborted).toEqual([true, true]);
    } finally {
      clearInterval(collector);
    }
  });
});
