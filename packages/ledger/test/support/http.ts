/**
 * The ledger behind the real handler on 127.0.0.1, and a signed POST to it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign } from '@tbb-wallet/core';
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';

export const secret = 'ledger-test-secret';

/** Serves `wallet` through `createWalletHandler` + `toNodeListener` on a free port. */
export async function serve(wallet: WalletCallbacks): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(toNodeListener(createWalletHandler({ secret, wallet })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/operator/wallet`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** POSTs `body` signed with the test secret; answers the status and the parsed JSON. */
export async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const raw = JSON.stringify(body);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-sign': await sign(raw, secret) },
    body: raw,
  });
  return { status: response.status, json: await response.json() };
}
