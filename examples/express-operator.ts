/**
 * An operator's wallet on Express: the signed endpoint on its own route, mounted
 * before `express.json()` so the handler sees the raw bytes it checks the signature over.
 *
 * The callbacks here are the in-memory sandbox wallet of `@tbb-wallet/testing`, so the
 * example runs as is. A real operator writes its own five callbacks on its own
 * database (or uses `@tbb-wallet/ledger`, see postgres-operator.ts).
 *
 * Run: TBB_WALLET_SECRET=... PORT=8080 npx tsx examples/express-operator.ts
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';
import { createSandboxWallet } from '@tbb-wallet/testing';
import express from 'express';

/** Starts the operator on 127.0.0.1:`port` (0: any free port); resolves to its full wallet URL and a way to stop it. */
export async function startExpressOperator(options: {
  port: number;
  secret: string;
  wallet?: WalletCallbacks;
}): Promise<{ url: string; close(): Promise<void> }> {
  const wallet =
    options.wallet ??
    createSandboxWallet({
      players: [
        { player_id: '6', currency_code: 'EUR', balance: 10_000 },
        { player_id: '7', currency_code: 'EUR', balance: 10_000, blocked: true },
      ],
    });
  const handle = createWalletHandler({
    secret: options.secret,
    wallet,
    onError: (error, info) => console.error('wallet call failed', info, error),
  });

  const app = express();
  // `all`, not `post`: the handler itself answers other methods 405 `{ code, message }`, as the protocol asks.
  app.all('/operator/wallet', toNodeListener(handle)); // before any body parser
  app.use(express.json()); // the rest of your app

  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(options.port, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/operator/wallet`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const operator = await startExpressOperator({
    port: Number(process.env.PORT ?? 8080),
    secret: requiredEnv('TBB_WALLET_SECRET'),
  });
  console.log(`wallet at ${operator.url}`);
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (the secret shared with the provider).`);
  return value;
}
