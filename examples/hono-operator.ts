/**
 * An operator's wallet on Hono: the handler takes the route's raw Web `Request`
 * (`c.req.raw`), so the signature is checked over exactly the bytes that arrived.
 * The same app runs on Bun, Deno and Cloudflare Workers as `export default app`.
 *
 * The callbacks here are the in-memory sandbox wallet of `@tbb-wallet/testing`, so the
 * example runs as is. A real operator writes its own five callbacks on its own
 * database (or uses `@tbb-wallet/ledger`, see postgres-operator.ts).
 *
 * Run: TBB_WALLET_SECRET=... PORT=8080 npx tsx examples/hono-operator.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { createWalletHandler } from '@tbb-wallet/handler';
import { createSandboxWallet } from '@tbb-wallet/testing';
import { Hono } from 'hono';

/** The Hono app serving the wallet at `/operator/wallet`. */
export function walletApp(secret: string, wallet: WalletCallbacks): Hono {
  const handle = createWalletHandler({
    secret,
    wallet,
    onError: (error, info) => console.error('wallet call failed', info, error),
  });
  const app = new Hono();
  // `all`, not `post`: the handler itself answers other methods 405 `{ code, message }`, as the protocol asks.
  app.all('/operator/wallet', (c) => handle(c.req.raw));
  app.get('/health', (c) => c.json({ ok: true })); // the rest of your app
  return app;
}

/** Starts the operator on 127.0.0.1:`port` (0: any free port); resolves to its full wallet URL and a way to stop it. */
export async function startHonoOperator(options: {
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
  const app = walletApp(options.secret, wallet);

  // On Node, production code would use `serve({ fetch: app.fetch })` from
  // @hono/node-server; these lines do the same with node:http alone.
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url}`, {
      method: req.method,
      headers,
      body: hasBody ? Buffer.concat(chunks) : undefined,
    });
    const response = await app.fetch(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
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
  const operator = await startHonoOperator({
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
