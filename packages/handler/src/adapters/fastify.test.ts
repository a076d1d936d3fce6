/**
 * The Fastify 5 plugin, registered the way users register it, over real HTTP on
 * 127.0.0.1; a JSON route outside the plugin keeps Fastify's own parser.
 */

import { request as httpRequest } from 'node:http';
import { sign } from '@tbb-wallet/core';
import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { errorBody, recordingWallet, secret, signedCall, validRequests } from '../../test/support.ts';
import type { WalletEvent } from '../index.ts';
import { createWalletHandler } from '../index.ts';
import { walletFastifyPlugin } from './fastify.ts';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(options: Parameters<typeof createWalletHandler>[0]): Promise<string> {
  app = Fastify();
  app.post('/other', async (request) => ({ parsed: request.body }));
  await app.register(walletFastifyPlugin, { prefix: '/operator/wallet', handler: createWalletHandler(options) });
  return app.listen({ port: 0, host: '127.0.0.1' });
}

async function send(base: string, request: Request, headers: Record<string, string> = {}): Promise<Response> {
  const sent = new Headers(request.headers);
  for (const [name, value] of Object.entries(headers)) sent.set(name, value);
  return fetch(`${base}/operator/wallet`, {
    method: request.method,
    headers: sent,
    body: request.body ? await request.text() : null,
  });
}

describe('Fastify 5 plugin', () => {
  it('serves all five actions over the exact bytes', async () => {
    const { wallet, calls } = recordingWallet();
    const base = await start({ secret, wallet });
    for (const body of Object.values(validRequests)) {
      const response = await send(base, await signedCall(body, { raw: JSON.stringify(body, null, 1) }));
      expect(response.status).toBe(200);
    }
    expect(calls).toHaveLength(5);
  });

  it.each(['text/plain', 'application/octet-stream'])('reads a body sent as %s too', async (type) => {
    const { wallet, calls } = recordingWallet();
    const base = await start({ secret, wallet });
    const response = await send(base, await signedCall(validRequests.bet), { 'content-type': type });
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('reads a body sent without Content-Type', async () => {
    const { wallet, calls } = recordingWallet();
    const base = await start({ secret, wallet });
    const raw = JSON.stringify(validRequests.win);
    const headers = { 'x-request-sign': await sign(raw, secret), 'content-length': String(Buffer.byteLength(raw)) };
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest(`${base}/operator/wallet`, { method: 'POST', headers }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end(raw);
    });
    expect(status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('answers a bad signature 403, a GET 405 and a 70 KiB body 413 with the protocol bodies', async () => {
    const { wallet, calls } = recordingWallet();
    const base = await start({ secret, wallet });
    const forbidden = await send(base, await signedCall(validRequests.bet, { signWith: 'wrong' }));
    expect(await forbidden.text()).toBe(errorBody(403, "Forbidden. Request sign doesn't match."));
    const get = await fetch(`${base}/operator/wallet`);
    expect({ status: get.status, allow: get.headers.get('allow'), body: await get.text() }).toEqual({
      status: 405,
      allow: 'POST',
      body: errorBody(405, 'Method not allowed. Use POST.'),
    });
    const large = await send(base, await signedCall({ ...validRequests.bet, pad: 'x'.repeat(70 * 1024) }));
    expect({ status: large.status, body: await large.text() }).toEqual({
      status: 413,
      body: errorBody(413, 'Request body is too large.'),
    });
    expect(calls).toEqual([]);
  });

  it('hands the callback receivedAt from when the request arrived, not from when its body was read', async () => {
    let receivedAt: number | undefined;
    const { wallet } = recordingWallet({
      balance: (request, context) => {
        receivedAt = context.receivedAt;
        return { player_id: request.player_id, balance: 1000, currency_code: 'EUR' };
      },
    });
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    app = Fastify();
    app.addHook('onRequest', (_request, _reply, next) => {
      arrive();
      next();
    });
    await app.register(walletFastifyPlugin, {
      prefix: '/operator/wallet',
      handler: createWalletHandler({ secret, wallet }),
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const raw = JSON.stringify(validRequests.balance);
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(raw)),
      'x-request-sign': await sign(raw, secret),
    };
    let bodySentAt = 0;
    const status = new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest(`${base}/operator/wallet`, { method: 'POST', headers }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.flushHeaders(); // the headers now, the body later
      void arrived
        .then(() => new Promise((resolve) => setTimeout(resolve, 50)))
        .then(() => {
          bodySentAt = Date.now();
          req.end(raw);
        });
    });
    expect(await status).toBe(200);
    expect(receivedAt).toBeLessThan(bodySentAt);
  });

  it('answers a hook of the app that fails 500 "Unknown error.", tells onError and reports one event', async () => {
    const { wallet, calls } = recordingWallet();
    const errors: unknown[] = [];
    const events: WalletEvent[] = [];
    const failure = new Error('session store at 10.0.0.7 refused the connection');
    app = Fastify();
    app.addHook('preHandler', async () => {
      throw failure;
    });
    const handler = createWalletHandler({
      secret,
      wallet,
      onError: (error) => errors.push(error),
      onEvent: (event) => events.push(event),
    });
    await app.register(walletFastifyPlugin, { prefix: '/operator/wallet', handler });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const response = await send(base, await signedCall(validRequests.bet));
    expect({ status: response.status, body: await response.text() }).toEqual({
      status: 500,
      body: errorBody(500, 'Unknown error.'),
    });
    expect(errors).toEqual([failure]);
    expect(events).toMatchObject([{ status: 500 }]);
    expect(calls).toEqual([]);
  });

  it('leaves the JSON parser of routes outside its scope alone', async () => {
    const base = await start({ secret, wallet: recordingWallet().wallet });
    const response = await fetch(`${base}/other`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await response.json()).toEqual({ parsed: { a: 1 } });
  });
});
