/**
 * Serves a wallet over node:http through the real handler.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WalletCallbacks, WalletEvent } from '@tbb-wallet/handler';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';
import { CallRecorder } from '../console/call-record.ts';
import type { ConsoleOptions } from '../console/console-routes.ts';
import { consoleListener, isConsoleRequest } from '../console/console-routes.ts';
import type { FaultKind, Faults } from '../sandbox/faults.ts';
import type { BalanceOf, LoggedCall } from './call-log.ts';
import { withCallLog } from './call-log.ts';
import { UsageError } from './common.ts';

/** A running wallet server. */
export interface RunningWallet {
  /** `http://host:port/wallet` (the handler answers on any path). */
  readonly url: string;
  /** The console's link, token included, when it is served. */
  readonly consoleUrl?: string;
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
  /** Serve the console at `GET /` and `/console/…` (every other request stays the wallet's). */
  console?: Pick<ConsoleOptions, 'token' | 'controls' | 'description'>;
}

/** Starts the server; resolves once it listens. */
export async function serveWallet(options: ServeOptions): Promise<RunningWallet> {
  const { wallet, secret, onEvent, onError, log } = options;
  const recorder = options.console && new CallRecorder();
  const created = createWalletHandler({ secret, wallet, onEvent, onError });
  const handle = recorder ? recorder.wrapHandler(created) : created;
  const onCall = (call: LoggedCall) => {
    recorder?.noteCall(call);
    log?.onCall(call);
  };
  const balanceOf: BalanceOf = log?.balanceOf ?? (async () => undefined);
  const listener = toNodeListener(log || recorder ? withCallLog(handle, balanceOf, onCall) : handle);
  const onFault = (kind: FaultKind) => {
    recorder?.noteFault(kind);
    options.onFault?.(kind);
  };
  const walletListener = options.faults ? options.faults.wrap(listener, onFault) : listener;
  let served = walletListener;
  if (recorder && options.console) {
    const recorded = recorder.wrapListener(walletListener);
    const page = consoleListener({ ...options.console, host: options.host, secret, recorder, faults: options.faults });
    served = (req, res) => (isConsoleRequest(req) ? page(req, res) : recorded(req, res));
  }
  const server = createServer(served);
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
    ...(options.console && { consoleUrl: `http://${host}:${port}/?token=${options.console.token}` }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
