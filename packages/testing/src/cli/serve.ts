/**
 * Serves a wallet over node:http through the real handler.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WalletCallbacks, WalletEvent } from '@tbb-wallet/handler';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';
import type { FaultKind, Faults } from '../sandbox/faults.ts';
import type { BalanceOf, LoggedCall } from './call-log.ts';
import { withCallLog } from './call-log.ts';
import { UsageError } from './common.ts';

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
  /** Each call as the log tells it, with the balance before read through `balanceOf`. */
  log?: { balanceOf: BalanceOf; onCall: (call: LoggedCall) => void };
}

/** Starts the server; resolves once it listens. */
export async function serveWallet(options: ServeOptions): Promise<RunningWallet> {
  const { wallet, secret, onEvent, onError, log } = options;
  const handle = createWalletHandler({ secret, wallet, onEvent, onError });
  const listener = toNodeListener(log ? withCallLog(handle, log.balanceOf, log.onCall) : handle);
  const server = createServer(options.faults ? options.faults.wrap(listener, options.onFault) : listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${options.host}:${options.port}`;
      if (error.code === 'EADDRINUSE')
        reject(new UsageError(`${where} is in use: pass another --port (0: any free port)`));
      else reject(error);
    });
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
