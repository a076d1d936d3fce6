/**
 * A wallet server in a child process: the ledger on LEDGER_DATABASE_URL behind the real
 * handler on 127.0.0.1. Tells the parent its port over IPC; closes on "stop".
 *
 * Run by processes.test.ts: node --conditions=source --import tsx server-process.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';
import { createLedger } from '@tbb-wallet/ledger';

const ledger = createLedger({ database: process.env.LEDGER_DATABASE_URL });
const handle = createWalletHandler({ secret: process.env.WALLET_SECRET ?? '', wallet: ledger.wallet });
const server = createServer(toNodeListener(handle));

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('message', (message) => {
  if (message !== 'stop') return;
  server.closeAllConnections();
  server.close(() => {
    void ledger.close().then(() => process.exit(0));
  });
});
