/**
 * A bench server in its own process: `bare`, `handler` (constant wallet), `ledger-pg` (BENCH_LEDGER_URL) or
 * `ledger-pglite`. Sends its port over IPC, or prints its URL when run by hand; stops on any IPC message or SIGINT.
 */
import { createServer } from 'node:http';
import { createWalletHandler, toNodeListener, type WalletCallbacks } from '@tbb-wallet/handler';
import { createLedger } from '@tbb-wallet/ledger';
import { bareListener, benchSecret, constantWallet } from './fixtures.ts';

const kind = process.argv[2] ?? '';
const node = (wallet: WalletCallbacks) => toNodeListener(createWalletHandler({ secret: benchSecret, wallet }));
const database = kind === 'ledger-pg' ? process.env.BENCH_LEDGER_URL : undefined;
// On PostgreSQL the bench adds the players first, as an operator does (ledger-win.sql sends no auto-create).
const ledger = kind.startsWith('ledger-')
  ? createLedger(database ? { database } : { autoCreatePlayers: { currency: 'EUR', balance: 0 } })
  : undefined;
if (!['bare', 'handler', 'ledger-pg', 'ledger-pglite'].includes(kind)) throw new Error(`unknown server "${kind}"`);
await ledger?.migrate(); // a failure exits 1 with its stack on stderr, and startServer says so
const listener = kind === 'bare' ? bareListener : node(ledger?.wallet ?? constantWallet);
const server = createServer({ keepAliveTimeout: 60_000 }, listener);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  if (process.send) process.send({ port });
  else console.log(`http://127.0.0.1:${port}/wallet`);
});
const stop = async () => {
  server.closeAllConnections();
  server.close();
  await ledger?.close();
  process.exit(0);
};
process.on('message', stop).on('SIGINT', stop);
