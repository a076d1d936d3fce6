/**
 * The W3C trace headers reach `telemetry` from every way in: the Web handler, the node
 * adapter and the Fastify plugin, over real HTTP on 127.0.0.1 for the two adapters. They
 * are not part of the signed bytes: the call is answered 200 with them. The URL's scheme and
 * path come along (`url.scheme`, `url.path`), never its query.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerCallStart, ServerTelemetry, WalletEvent } from '@tbb-wallet/core';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { walletFastifyPlugin } from '../src/adapters/fastify.ts';
import { createWalletHandler, toNodeListener } from '../src/index.ts';
import { recordingWallet, secret, signedCall, validRequests } from './support.ts';

const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const tracestate = 'vendor=opaque';

/** A telemetry that keeps what it was told. */
function keeping() {
  const told: { start: ServerCallStart; event?: WalletEvent }[] = [];
  const telemetry: ServerTelemetry = {
    startCall(start) {
      const entry: (typeof told)[number] = { start };
      told.push(entry);
      return {
        within: (work) => work(),
        end: (event) => {
          entry.event = event;
        },
      };
    },
  };
  return { told, handle: createWalletHandler({ secret, wallet: recordingWallet().wallet, telemetry }) };
}

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Sends the signed win to `url` with the trace headers; answers the status. */
async function postWin(url: string): Promise<number> {
  const call = await signedCall(validRequests.win);
  const headers = new Headers(call.headers);
  headers.set('traceparent', traceparent);
  headers.set('tracestate', tracestate);
  const response = await fetch(url, { method: 'POST', headers, body: await call.arrayBuffer() });
  await response.text();
  return response.status;
}

/** What telemetry is told: the trace headers, the body's size, the URL's scheme and path (never its query). */
const want = (bodyBytes: number, path: string) => ({
  start: { method: 'POST', traceparent, tracestate, bodyBytes, scheme: 'http', path },
  event: { action: 'win', player_id: '6', transaction_id: 'win-1', status: 200, durationMs: expect.any(Number) },
});
const winBytes = Buffer.byteLength(JSON.stringify(validRequests.win));

describe('trace headers reach telemetry', () => {
  it('from the Web handler', async () => {
    const { told, handle } = keeping();
    const call = await signedCall(validRequests.win);
    call.headers.set('traceparent', traceparent);
    call.headers.set('tracestate', tracestate);
    expect((await handle(call)).status).toBe(200);
    expect(told).toEqual([want(winBytes, '/operator/wallet')]);
  });

  it('from the node adapter', async () => {
    const { told, handle } = keeping();
    const server = createServer(toNodeListener(handle)).listen(0, '127.0.0.1');
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    await once(server, 'listening');
    expect(await postWin(`http://127.0.0.1:${(server.address() as AddressInfo).port}/wallet?token=do-not-export`)).toBe(
      200,
    );
    expect(told).toEqual([want(winBytes, '/wallet')]);
  });

  it('from the Fastify plugin', async () => {
    const { told, handle } = keeping();
    const app = Fastify();
    closers.push(() => app.close());
    await app.register(walletFastifyPlugin, { prefix: '/wallet', handler: handle });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    expect(await postWin(`${address}/wallet?token=do-not-export`)).toBe(200);
    expect(told).toEqual([want(winBytes, '/wallet')]);
  });

  it('without telemetry the Web handler answers alike, headers or not', async () => {
    const handle = createWalletHandler({ secret, wallet: recordingWallet().wallet });
    const call = await signedCall(validRequests.win);
    call.headers.set('traceparent', traceparent);
    expect((await handle(call)).status).toBe(200);
  });
});
