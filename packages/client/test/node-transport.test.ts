/**
 * The two Node transports over real HTTP on 127.0.0.1 — the node build's undici pool
 * and the neutral build's node:http fallback: exact bytes, timeouts, connection
 * failures and keep-alive, seen through the client (and node:http as a fetch).
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { WalletClient, WalletClientOptions, WalletRequestEvent, WalletResponseEvent } from '../src/index.ts';
import {
  createWalletClient as createNeutralClient,
  WalletConnectionError,
  WalletOutcomeUnknownError,
  WalletTimeoutError,
} from '../src/index.ts';
import { createWalletClient as createNodeClient } from '../src/node.ts';
import { nodeHttpTransport } from '../src/node-transport.ts';
import { balanceInput, betInput, secret, winInput } from './fixtures.ts';
import type { RawHandler, RawServer } from './raw-server.ts';
import { answer, startRawServer } from './raw-server.ts';

let operator: RawServer | undefined;
afterEach(async () => {
  await operator?.close();
  operator = undefined;
});

const balanceAnswer = { player_id: '6', balance: 10_000, currency_code: 'EUR' };
const transactionAnswer = { transaction_id: 'op-1', balance: 10_000, currency_code: 'EUR' };
const answerByAction: RawHandler = (request, res) =>
  answer(res, 200, request.json.action === 'balance' ? balanceAnswer : transactionAnswer);

async function closedPortUrl(): Promise<string> {
  const closed = await startRawServer(() => {});
  await closed.close();
  return closed.url;
}

const builds: [string, (options: WalletClientOptions) => WalletClient][] = [
  ['the node build (undici)', createNodeClient],
  ['the neutral build (node:http)', createNeutralClient],
];

describe.each(builds)('%s, through the client', (_name, createWalletClient) => {
  it('sends the exact bytes that were signed, to the configured path, with the headers', async () => {
    operator = await startRawServer(answerByAction);
    const sent: WalletRequestEvent[] = [];
    const wallet = createWalletClient({
      baseUrl: operator.url,
      secret,
      headers: { 'x-provider': 'tbb' },
      onRequest: (event) => sent.push(event),
    });
    // Multi-byte characters: the length sent must count bytes, not characters.
    const payload = { ...winInput.payload, reference: 'Mönkey 🐒 €', session_token: 'sessión-ü' };

    await expect(wallet.win({ ...winInput, payload })).resolves.toEqual(transactionAnswer);

    const [received] = operator.requests;
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/casino/wallet');
    expect(received?.bytes.equals(Buffer.from(sent[0]?.body ?? '', 'utf8'))).toBe(true);
    expect(received?.json).toEqual({ ...winInput, payload, action: 'win' });
    expect(received?.headers['content-length']).toBe(String(received?.bytes.byteLength));
    expect(received?.headers['content-type']).toBe('application/json');
    expect(received?.headers['x-provider']).toBe('tbb');
    expect(received?.headers['x-request-sign']).toBe(
      createHmac('sha256', secret)
        .update(received?.bytes ?? '')
        .digest('hex'),
    );
  });

  it('throws WalletTimeoutError when the answer starts but never ends', async () => {
    operator = await startRawServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
      res.write('{"player_id":"6",');
    });
    const wallet = createWalletClient({ baseUrl: operator.url, secret, timeoutMs: 100, retry: { attempts: 1 } });

    const error = await wallet.balance(balanceInput).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WalletTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100 });
  });

  it('retries a win that timed out, then lands it with the same bytes', async () => {
    operator = await startRawServer((request, res) => {
      if (operator?.requests.length === 1) return; // the first attempt gets no answer
      answerByAction(request, res);
    });
    const events: WalletResponseEvent[] = [];
    const wallet = createWalletClient({
      baseUrl: operator.url,
      secret,
      // Long enough that the retry's answer arrives in time on a loaded machine.
      timeoutMs: 1_000,
      retry: { attempts: 3, baseDelayMs: 1 },
      onResponse: (event) => events.push(event),
    });

    await expect(wallet.win(winInput)).resolves.toEqual(transactionAnswer);
    expect(events.map((event) => event.error?.name ?? event.status)).toEqual(['WalletTimeoutError', 200]);
    expect(operator.requests[0]?.bytes.equals(operator.requests[1]?.bytes ?? Buffer.alloc(0))).toBe(true);
  });

  it('throws WalletConnectionError for a refused connection, after retrying it', async () => {
    const url = await closedPortUrl();
    const events: WalletResponseEvent[] = [];
    const wallet = createWalletClient({
      baseUrl: url,
      secret,
      retry: { attempts: 3, baseDelayMs: 1 },
      onResponse: (event) => events.push(event),
    });

    const error = await wallet.balance(balanceInput).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WalletConnectionError);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(events.map((event) => event.attempt)).toEqual([1, 2, 3]);
  });

  it('makes a bet whose connection drops mid-answer an unknown outcome', async () => {
    operator = await startRawServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
      res.write('{"transaction_id":', () => res.socket?.destroy());
    });
    const wallet = createWalletClient({ baseUrl: operator.url, secret });

    const error = await wallet.bet(betInput).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(WalletConnectionError);
  });

  it('reuses kept-alive connections for sequential calls', async () => {
    operator = await startRawServer(answerByAction);
    const wallet = createWalletClient({ baseUrl: operator.url, secret });

    for (let i = 0; i < 5; i++) await expect(wallet.balance(balanceInput)).resolves.toEqual(balanceAnswer);
    await expect(wallet.bet(betInput)).resolves.toEqual(transactionAnswer);

    expect(operator.requests).toHaveLength(6);
    // node:http keeps one; undici's pool may open a second before the first is marked idle.
    expect(operator.connections()).toBeLessThanOrEqual(2);
  });

  it('opens a new connection when the operator closed the kept-alive one', async () => {
    operator = await startRawServer(answerByAction);
    const wallet = createWalletClient({ baseUrl: operator.url, secret, retry: { attempts: 1 } });

    await expect(wallet.balance(balanceInput)).resolves.toEqual(balanceAnswer);
    operator.server.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(wallet.bet(betInput)).resolves.toEqual(transactionAnswer);

    expect(operator.connections()).toBe(2);
  });
});

describe('the node:http transport, as a fetch', () => {
  const transport = nodeHttpTransport();

  it('exists on Node', () => {
    expect(transport).toBeTypeOf('function');
  });

  it('hands back a 407 with its status, headers and body', async () => {
    operator = await startRawServer((_request, res) => {
      res.setHeader('x-operator', 'casino');
      answer(res, 407, { code: 407, message: 'Player is blocked.' });
    });

    const response = await transport?.(new Request(operator.url, { method: 'POST', body: '{}' }));

    expect(response?.status).toBe(407);
    expect(response?.headers.get('content-type')).toBe('application/json');
    expect(response?.headers.get('x-operator')).toBe('casino');
    await expect(response?.json()).resolves.toEqual({ code: 407, message: 'Player is blocked.' });
  });

  it('rejects with the abort reason when the signal aborts', async () => {
    operator = await startRawServer(() => {});
    const controller = new AbortController();
    const reason = new Error('stop');

    const pending = transport?.(new Request(operator.url, { method: 'POST', body: '{}', signal: controller.signal }));
    setTimeout(() => controller.abort(reason), 20);

    await expect(pending).rejects.toBe(reason);
    controller.abort();
    await expect(transport?.(new Request(operator.url, { signal: controller.signal }))).rejects.toBe(reason);
  });

  it('hands the Response over at its headers and streams the body; cancelling it hangs up', async () => {
    let closed: (() => void) | undefined;
    const hungUp = new Promise<void>((resolve) => {
      closed = resolve;
    });
    operator = await startRawServer((_request, res) => {
      res.on('close', () => closed?.());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"first":'); // and nothing more until the client hangs up
    });

    const response = await transport?.(new Request(operator.url, { method: 'POST', body: '{}' }));
    const reader = response?.body?.getReader();
    const first = await reader?.read();
    await reader?.cancel();

    expect(response?.status).toBe(200);
    expect(new TextDecoder().decode(first?.value)).toBe('{"first":');
    await hungUp;
  });

  it('errors the body with the abort reason when the signal aborts after the headers', async () => {
    operator = await startRawServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"first":');
    });
    const controller = new AbortController();
    const reason = new Error('stop');

    const response = await transport?.(
      new Request(operator.url, { method: 'POST', body: '{}', signal: controller.signal }),
    );
    controller.abort(reason);

    await expect(response?.text()).rejects.toBe(reason);
  });

  it('errors the body with a TypeError when the connection drops mid-answer', async () => {
    operator = await startRawServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
      res.write('{"transaction_id":', () => res.socket?.destroy());
    });

    const response = await transport?.(new Request(operator.url, { method: 'POST', body: '{}' }));

    expect(response?.status).toBe(200);
    await expect(response?.text()).rejects.toBeInstanceOf(TypeError);
  });

  it('rejects a refused connection with a TypeError carrying the cause, as fetch does', async () => {
    const error = await transport?.(new Request(await closedPortUrl())).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
