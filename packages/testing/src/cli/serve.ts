/**
 * Serves a wallet over node:http through the real handler.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WalletCallbacks, WalletEvent } from '@tbb-wallet/handler';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';
import type { FaultKind, Faults } from '../sandbox/faults.ts';

/** A running wallet server. */
export interface RunningWallet {
  /** `http://host:port/wallet` (the handler answers on any path). */
  readonly url: string;
  close(): Promise<void>;
}

/** Options of {@link serveWallet}. */
export interface ServeOptions {
  wallet: WalletCallbacks;
  secret: string;
  port: number;
  host: string;
  onEvent?: (event: WalletEvent) => void;
  onError?: (error: unknown) => void;
  /** Misbehave on purpose (`--faults`); changeable while serving. */
  faults?: Faults;
  onFault?: (kind: FaultKind) => void;
}

/** Starts the server; resolves once it listens. */
export async function serveWallet(options: ServeOptions): Promise<RunningWallet> {
  const { wallet, secret, onEvent, onError } = options;
  const listener = toNodeListener(createWalletHandler({ secret, wallet, onEvent, onError }));
  const server = createServer(options.faults ? options.faults.wrap(listener, options.onFault) : listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/wallet`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
