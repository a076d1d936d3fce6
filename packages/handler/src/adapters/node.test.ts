/**
 * toNodeListener mounted the way users mount it: plain node:http and an Express 5
 * route, over real HTTP on 127.0.0.1.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { errorBody, recordingWallet, secret, signedCall, validRequests } from '../../test/support.ts';
import type { CallContext } from '../index.ts';
import { createWalletHandler, toNodeListener } from '../index.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Sends a signed call built by the shared builder to `base + path` with fetch. */
async function send(base: string, path: string, request: Request): Promise<Response> {
  return fetch(base + path, {
    method: request.method,
    headers: request.headers,
    body: request.body ? new Uint8Array(await request.arrayBuffer()) : null,
  });
}

describe('node:http', () => {
  it('serves all five actions', async () => {
    const { wallet, calls } = recordingWallet();
    const base = await listen(createServer(toNodeListener(createWalletHandler({ secret, wallet }))));
    for (const [action, body] of Object.entries(validRequests)) {
      const response = await send(base, '/operator/wallet', await signedCall(body));
      expect(response.status, action).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect((await response.json()).balance).toBe(1000);
    }
    expect(calls.map((c) => c.action)).toEqual(Object.keys(validRequests));
  });

  it('runs the callback in the async context the listener was called in (AsyncLocalStorage, OTel context)', async () => {
    const store = new AsyncLocalStorage<string>();
    let seen: string | undefined;
    const wallet = {
      ...recordingWallet().wallet,
      win: () => {
        seen = store.getStore();
        return { transaction_id: 'op-1', balance: 1000, currency_code: 'EUR' };
      },
    };
    const listener = toNodeListener(createWalletHandler({ secret, wallet }));
    const base = await listen(createServer((req, res) => store.run('request-7', () => listener(req, res))));
    const response = await send(base, '/', await signedCall(validRequests.win));
    expect(response.status).toBe(200);
    expect(seen).toBe('request-7');
  });

  it('accepts options instead of a handler, and answers a bad signature 403', async () => {
    const { wallet, calls } = recordingWallet();
    const base = await listen(createServer(toNodeListener({ secret, wallet })));
    const response = await send(base, '/', await signedCall(validRequests.bet, { signWith: 'wrong' }));
    expect({ status: response.status, body: await response.text() }).toEqual({
      status: 403,
      body: errorBody(403, "Forbidden. Request sign doesn't match."),
    });
    expect(calls).toEqual([]);
  });

  it('answers GET 405 with Allow: POST', async () => {
    const base = await listen(createServer(toNodeListener({ secret, wallet: recordingWallet().wallet })));
    const response = await fetch(base);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('answers 413 to a 70 KiB body and closes the connection', async () => {
    const { wallet, calls } = recordingWallet();
    const base = await listen(createServer(toNodeListener({ secret, wallet })));
    const response = await send(base, '/', await signedCall({ ...validRequests.bet, pad: 'x'.repeat(70 * 1024) }));
    expect({ status: response.status, body: await response.text() }).toEqual({
      status: 413,
      body: errorBody(413, 'Request body is too large.'),
    });
    expect(response.headers.get('connection')).toBe('close');
    expect(calls).toEqual([]);
  });

  it('stops reading a chunked body at the limit', async () => {
    const { wallet, calls } = recordingWallet();
    const base = await listen(createServer(toNodeListener({ secret, wallet, maxBodyBytes: 1024 })));
    const { port } = new URL(base);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (res) => {
        resolve(res.statusCode!);
        res.resume();
        req.destroy();
      });
      req.on('error', reject);
      // A chunked body with no Content-Length that never ends on its own.
      const chunk = Buffer.alloc(512, 0x20);
      const timer = setInterval(() => req.write(chunk), 5);
      req.on('close', () => clearInterval(timer));
    });
    expect(status).toBe(413);
    expect(calls).toEqual([]);
  });

  /** Serves a wallet whose balance callback hands its context to `look` and never answers; the caller leaves once it runs. */
  async function callAndLeave(look: (context: CallContext) => void): Promise<void> {
    let enter!: () => void;
    const entered = new Promise<void>((resolve) => {
      enter = resolve;
    });
    const { wallet } = recordingWallet({
      balance: (_request, context) => {
        look(context);
        enter();
        return new Promise(() => {});
      },
    });
    const base = await listen(createServer(toNodeListener({ secret, wallet })));
    const controller = new AbortController();
    const request = await signedCall(validRequests.balance);
    const pending = fetch(base, {
      method: 'POST',
      headers: request.headers,
      body: await request.text(),
      signal: controller.signal,
    }).catch(() => 'aborted');
    await entered;
    controller.abort();
    expect(await pending).toBe('aborted');
  }

  it('aborts the callback signal when the caller goes away', async () => {
    let aborted!: Promise<boolean>;
    await callAndLeave(({ signal }) => {
      aborted = new Promise((resolve) => signal.addEventListener('abort', () => resolve(true)));
    });
    expect(await aborted).toBe(true);
  });

  it('hands an already aborted signal to a callback that first reads it after the caller went away', async () => {
    let lateRead!: Promise<boolean>;
    await callAndLeave((context) => {
      // the caller leaves meanwhile
      lateRead = new Promise((resolve) => setTimeout(() => resolve(context.signal.aborted), 200));
    });
    expect(await lateRead).toBe(true);
  });

  it('keeps the signal an own property of the context: a copy of it aborts too', async () => {
    let copy!: CallContext;
    await callAndLeave((context) => {
      copy = { ...context };
    });
    expect(Object.keys(copy)).toEqual(['signal', 'receivedAt', 'rawBody']);
    await new Promise((resolve) => copy.signal.addEventListener('abort', resolve));
    expect(copy.signal.aborted).toBe(true);
  });
});

describe('Express 5', () => {
  it('serves the wallet from a route', async () => {
    const { wallet, calls } = recordingWallet();
    const app = express();
    app.post('/operator/wallet', toNodeListener(createWalletHandler({ secret, wallet })));
    app.use(express.json());
    const base = await listen(createServer(app));
    const response = await send(base, '/operator/wallet', await signedCall(validRequests.win));
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it.each([
    ["express.raw({ type: '*/*' })", express.raw({ type: '*/*' })],
    ['express.raw() for application/octet-stream only (a JSON call passes it untouched)', express.raw()],
  ])('serves the exact bytes behind %s', async (_name, parser) => {
    const rawBodies: string[] = [];
    const { wallet } = recordingWallet({
      win: (request, context) => {
        rawBodies.push(new TextDecoder().decode(context.rawBody));
        return { transaction_id: 'op-win', balance: 1250, currency_code: request.currency_code };
      },
    });
    const app = express();
    app.all('/operator/wallet', parser, toNodeListener(createWalletHandler({ secret, wallet })));
    const base = await listen(createServer(app));
    const raw = JSON.stringify(validRequests.win, null, 2); // spacing a parse and re-serialise would lose
    const response = await send(base, '/operator/wallet', await signedCall(validRequests.win, { raw }));
    expect({ status: response.status, body: await response.text() }).toEqual({
      status: 200,
      body: '{"transaction_id":"op-win","balance":1250,"currency_code":"EUR"}',
    });
    expect(rawBodies).toEqual([raw]);
    const forged = await send(base, '/operator/wallet', await signedCall(validRequests.win, { raw, signWith: 'x' }));
    expect(forged.status).toBe(403);
    expect(rawBodies).toHaveLength(1); // the forged call ran no callback
  });

  it("answers 413 to a Buffer from express.raw() over the handler's limit, with no callback run", async () => {
    const { wallet, calls } = recordingWallet();
    const app = express();
    app.all(
      '/operator/wallet',
      express.raw({ type: '*/*' }),
      toNodeListener(createWalletHandler({ secret, wallet, maxBodyBytes: 1024 })),
    );
    const base = await listen(createServer(app));
    const response = await send(
      base,
      '/operator/wallet',
      await signedCall({ ...validRequests.bet, pad: 'x'.repeat(2048) }),
    );
    expect({ status: response.status, body: await response.text() }).toEqual({
      status: 413,
      body: errorBody(413, 'Request body is too large.'),
    });
    expect(calls).toEqual([]);
  });

  it('fails loudly when express.json() ran first: 500, and onError says what to do', async () => {
    const { wallet, calls } = recordingWallet();
    const errors: unknown[] = [];
    const app = express();
    app.use(express.json());
    app.post(
      '/operator/wallet',
      toNodeListener(createWalletHandler({ secret, wallet, onError: (e) => errors.push(e) })),
    );
    const base = await listen(createServer(app));
    const response = await send(base, '/operator/wallet', await signedCall(validRequests.win));
    expect({ status: response.status, body: await response.text() }).toEqual({
      status: 500,
      body: errorBody(500, 'Unknown error.'),
    });
    expect(calls).toEqual([]);
    expect(String(errors[0])).toMatch(/mount the wallet handler before express\.json\(\)/i);
  });
});
