/**
 * An operator's wallet on PostgreSQL, on node:http: the reference ledger of
 * `@tbb-wallet/ledger` applies every provider transaction exactly once, atomically
 * with its balance change, across connections and processes.
 *
 * With DATABASE_URL it uses that server (tables in the connection's search_path);
 * without it, an embedded PostgreSQL (PGlite) in memory. An operator with a wallet of
 * its own keeps it and writes its own five callbacks (see `recordOnce` in the ledger's
 * README for adding just the exactly-once part).
 *
 * Run: TBB_WALLET_SECRET=... DATABASE_URL=postgres://... PORT=8080 npx tsx examples/postgres-operator.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';
import { createLedger } from '@tbb-wallet/ledger';

/**
 * Migrates the ledger, adds the demo players if absent (never resetting them) and starts
 * the operator on 127.0.0.1:`port` (0: any free port). Resolves to its full wallet URL
 * and a way to stop it (which ends the ledger's pool too).
 */
export async function startPostgresOperator(options: {
  port: number;
  secret: string;
  /** A `postgres://…` URL; omitted: embedded PGlite in memory. */
  databaseUrl?: string;
}): Promise<{ url: string; close(): Promise<void> }> {
  const ledger = createLedger({
    ...(options.databaseUrl ? { database: options.databaseUrl } : {}), // omitted: embedded PGlite in memory
    onError: (error) => console.error('idle database connection failed', error),
  });
  await ledger.migrate(); // creates or upgrades the tables; safe from several processes at once
  await ledger.addPlayer({ player_id: '6', currency_code: 'EUR', balance: 10_000 });
  await ledger.addPlayer({ player_id: '7', currency_code: 'EUR', balance: 10_000, blocked: true });

  const handle = createWalletHandler({
    secret: options.secret,
    wallet: ledger.wallet,
    onError: (error, info) => console.error('wallet call failed', info, error),
  });
  const server = createServer(toNodeListener(handle));
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/wallet`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await ledger.close();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const operator = await startPostgresOperator({
    port: Number(process.env.PORT ?? 8080),
    secret: requiredEnv('TBB_WALLET_SECRET'),
    databaseUrl: process.env.DATABASE_URL,
  });
  console.log(`wallet at ${operator.url}`);
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (the secret shared with the provider).`);
  return value;
}
