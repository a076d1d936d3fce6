/**
 * Test helper: serves a wallet through the real handler on 127.0.0.1, port 0.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';

/** A running wallet server: its URL, and how to stop it. */
export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves `wallet` (or a raw listener) at `http://127.0.0.1:<port>/wallet`. */
export async function serveWallet(secret: string, wallet: WalletCallbacks): Promise<Served> {
  const server = createServer(toNodeListener(createWalletHandler({ secret, wallet })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/wallet`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
