/**
 * Test helper: serves a wallet on 127.0.0.1 (port 0) over node:http, through the
 * real handler, or through any `(Request) => Response` function (a deliberately
 * broken operator, say).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign } from '@tbb-wallet/core';
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';

/** A running server: its wallet URL, and how to stop it. */
export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves `wallet` behind the real handler at `http://127.0.0.1:<port>/wallet`. */
export function serveWallet(secret: string, wallet: WalletCallbacks): Promise<Served> {
  return listen(toNodeListener(createWalletHandler({ secret, wallet })));
}

/** Serves a fetch-style function. */
export function serveFetch(handle: (request: Request) => Promise<Response>): Promise<Served> {
  return listen((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const method = req.method ?? 'GET';
      const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
      const response = await handle(new Request(`http://127.0.0.1${req.url}`, { method, headers, body }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
}

/** A sandbox wallet that trusts any caller: it re-signs whatever arrives before its handler sees it. */
export function serveUncheckedWallet(secret: string, wallet: WalletCallbacks): Promise<Served> {
  const handle = createWalletHandler({ secret, wallet });
  return serveFetch(async (request) => {
    const body = new Uint8Array(await request.arrayBuffer());
    const headers = new Headers(request.headers);
    headers.set('x-request-sign', await sign(body, secret));
    const init = { method: request.method, headers, body: request.method === 'GET' ? undefined : body };
    return handle(new Request(request.url, init));
  });
}

/**
 * A wallet that acts on what it stored instead of what was sent: each JSON body is parsed,
 * changed by `stored` (a database's losses), written out again and re-signed before the
 * real handler sees it. With the default, it is a wallet that reads the last of two keys.
 */
export function serveReparsedWallet(
  secret: string,
  wallet: WalletCallbacks,
  stored: (value: unknown) => unknown = (value) => value,
): Promise<Served> {
  const handle = createWalletHandler({ secret, wallet });
  return serveFetch(async (request) => {
    const text = await request.text();
    let body = text;
    try {
      body = JSON.stringify(stored(JSON.parse(text)));
    } catch {}
    const headers = new Headers(request.headers);
    headers.set('x-request-sign', await sign(body, secret));
    return handle(new Request(request.url, { method: request.method, headers, body }));
  });
}

async function listen(listener: RequestListener): Promise<Served> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/wallet`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
