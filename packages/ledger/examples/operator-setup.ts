import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';
import { createLedger } from '@tbb-wallet/ledger';

/**
 * An operator's start-up on PostgreSQL, safe to run at every start: nothing in it resets a
 * balance or moves money twice, however often the process restarts.
 */
export async function startOperator(options: { databaseUrl: string; secret: string; port: number }) {
  const ledger = createLedger({
    database: options.databaseUrl, // an empty or malformed URL is a TypeError here
    onError: (error) => console.error('database fault (answered 503)', error),
  });
  await ledger.migrate(); // creates or upgrades the tables; safe from several processes at once
  await ledger.addPlayer({ player_id: '6', currency_code: 'EUR', balance: 0 }); // creates once, never resets
  await ledger.deposit({ player_id: '6', amount: 10_000, key: 'signup-bonus-6' }); // credited once per key

  const handle = createWalletHandler({ secret: options.secret, wallet: ledger.wallet });
  const server = http.createServer(toNodeListener(handle));
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    ledger,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wallet`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ledger.close();
    },
  };
}
