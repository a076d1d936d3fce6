// An in-memory operator wallet with every rule of WALLET-PROTOCOL.md §4 and §6, served
// by the real handler: for tests, demos and prototypes (its money is gone at exit).
import { createWalletHandler } from '@tbb-wallet/handler';
import { createSandboxWallet } from '@tbb-wallet/testing';

export const wallet = createSandboxWallet({
  players: [
    { player_id: '6', currency_code: 'EUR', balance: 10_000 },
    { player_id: '7', currency_code: 'EUR', balance: 10_000, blocked: true },
  ],
});

// (Request) => Promise<Response>: mount it like any handler (toNodeListener, Hono, Next, …).
export const handle = createWalletHandler({ secret: process.env.TBB_WALLET_SECRET!, wallet });

// What moved, for assertions: wallet.ledger.balanceOf('6'), wallet.ledger.entries()
