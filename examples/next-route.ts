/**
 * A Next.js App Router route file: copy it to `app/operator/wallet/route.ts` and the
 * wallet answers at `POST /operator/wallet`. Route handlers receive a Web `Request`,
 * so the handler is the route itself. It is exported for the other methods too: the
 * protocol wants them answered 405 with a `{ code, message }` body, which the handler
 * writes (Next.js would answer an empty 405).
 *
 * The callbacks here are the in-memory sandbox wallet of `@tbb-wallet/testing` (kept
 * in one server process only), so the example runs as is. A real operator writes its
 * own five callbacks on its own database (or uses `@tbb-wallet/ledger`).
 */
import { createWalletHandler } from '@tbb-wallet/handler';
import { createSandboxWallet } from '@tbb-wallet/testing';

/** The operator's wallet; in a real app, `import { wallet } from '@/lib/wallet'`. */
export const wallet = createSandboxWallet({
  players: [
    { player_id: '6', currency_code: 'EUR', balance: 10_000 },
    { player_id: '7', currency_code: 'EUR', balance: 10_000, blocked: true },
  ],
});

const handle = createWalletHandler({
  secret: process.env.TBB_WALLET_SECRET ?? '',
  wallet,
  onError: (error, info) => console.error('wallet call failed', info, error),
});

/** `POST /operator/wallet`: every signed call of the platform. */
export const POST = handle;
/** Any other method is answered `405 { code: 405, message }` with `Allow: POST`. */
export const GET = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
