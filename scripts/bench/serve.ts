/**
 * Child process of the HTTP benches: serves one kind of endpoint on 127.0.0.1, tells
 * the parent its port over IPC, and exits cleanly on "stop" (so `--cpu-prof` writes
 * its profile). Load generator and server never share an event loop.
 *
 * Usage (by server-process.ts): node --import tsx scripts/bench/serve.ts <kind>
 */
import { createServer, type RequestListener } from 'node:http';
import { bareListener } from './bare-server.ts';
import { constantWallet } from './constant-wallet.ts';
import { benchSecret } from './fixtures.ts';
import { type HandlerPackage, loadPackage } from './packages.ts';

/** The kinds of server the benches start. */
export type ServerKind = 'bare' | 'handler' | 'ledger-pg' | 'ledger-pglite';

async function listenerOf(kind: ServerKind): Promise<{ listener: RequestListener; close?: () => Promise<void> }> {
  if (kind === 'bare') return { listener: bareListener };
  const handler = await loadPackage<HandlerPackage>('handler', ['createWalletHandler', 'toNodeListener']);
  if (!handler.ok) throw new Error(handler.why);
  if (kind === 'handler') {
    const handle = handler.mod.createWalletHandler({ secret: benchSecret, wallet: constantWallet });
    return { listener: handler.mod.toNodeListener(handle) };
  }
  const { ledgerWallet } = await import('./ledger-wallet.ts');
  const ledger = await ledgerWallet(kind === 'ledger-pg' ? 'pg' : 'pglite');
  const handle = handler.mod.createWalletHandler({ secret: benchSecret, wallet: ledger.wallet });
  return { listener: handler.mod.toNodeListener(handle), close: ledger.close };
}

async function main(): Promise<void> {
  const kind = process.argv[2] as ServerKind;
  const { listener, close } = await listenerOf(kind);
  const server = createServer({ keepAliveTimeout: 60_000 }, listener);
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    server.closeAllConnections();
    server.close();
    await close?.();
    process.exit(0);
  });
}

main().catch((error: unknown) => {
  process.send?.({ error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
