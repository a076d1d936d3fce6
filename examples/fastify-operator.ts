/**
 * An operator's wallet on Fastify. The plugin keeps the raw body bytes in its own
 * scope (the signature is checked over them); the app's other routes keep Fastify's
 * JSON parser.
 *
 * The callbacks here are the in-memory sandbox wallet of `@tbb-wallet/testing`, so the
 * example runs as is. A real operator writes its own five callbacks on its own
 * database (or uses `@tbb-wallet/ledger`, see postgres-operator.ts).
 *
 * Run: TBB_WALLET_SECRET=... PORT=8080 npx tsx examples/fastify-operator.ts
 */
import { pathToFileURL } from 'node:url';
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { createWalletHandler } from '@tbb-wallet/handler';
import { walletFastifyPlugin } from '@tbb-wallet/handler/fastify';
import { createSandboxWallet } from '@tbb-wallet/testing';
import Fastify from 'fastify';

/** Starts the operator on 127.0.0.1:`port` (0: any free port); resolves to its full wallet URL and a way to stop it. */
export async function startFastifyOperator(options: {
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

  const app = Fastify();
  await app.register(walletFastifyPlugin, { prefix: '/operator/wallet', handler: handle });
  app.get('/health', async () => ({ ok: true })); // the rest of your app
  await app.listen({ port: options.port, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://127.0.0.1:${port}/operator/wallet`, close: () => app.close() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const operator = await startFastifyOperator({
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
