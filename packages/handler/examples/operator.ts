// An operator's wallet on node:http: five callbacks, one signed endpoint.
// Run: TBB_WALLET_SECRET=... PORT=8080 npx tsx examples/operator.ts
import http from 'node:http';
import type { WalletCallbacks } from '@tbb-wallet/handler';
import {
  createWalletHandler,
  InsufficientFundsError,
  PlayerNotFoundError,
  TransactionNotFoundError,
  toNodeListener,
} from '@tbb-wallet/handler';

// A toy ledger in memory. A real one keeps these in one database transaction per call
// and follows every rule of WALLET-PROTOCOL.md §6 (see @tbb-wallet/ledger).
const balances = new Map<string, number>([['6', 10_000]]);
const done = new Map<string, { transaction_id: string; balance: number; currency_code: string }>();

function balanceOf(playerId: string): number {
  const balance = balances.get(playerId);
  if (balance === undefined) throw new PlayerNotFoundError();
  return balance;
}

function move(playerId: string, transactionId: string, delta: number) {
  const replay = done.get(transactionId);
  if (replay) return replay; // the same call again: the original answer
  const balance = balanceOf(playerId) + delta;
  if (balance < 0 && delta < 0) throw new InsufficientFundsError();
  balances.set(playerId, balance);
  const answer = { transaction_id: `op-${done.size + 1}`, balance, currency_code: 'EUR' };
  done.set(transactionId, answer);
  return answer;
}

const wallet: WalletCallbacks = {
  balance: (req) => ({ player_id: req.player_id, balance: balanceOf(req.player_id), currency_code: 'EUR' }),
  bet: (req) => move(req.player_id, req.payload.provider_transfer_data.transaction_id, -req.amount),
  win: (req) => move(req.player_id, req.payload.provider_transfer_data.transaction_id, req.amount),
  refund: (req) => {
    const bet = req.payload.provider_transfer_data.refunded_transaction_id;
    if (!done.has(bet)) throw new TransactionNotFoundError();
    return move(req.player_id, req.payload.provider_transfer_data.transaction_id, req.amount);
  },
  rollbackWin: (req) => move(req.player_id, req.payload.provider_transfer_data.transaction_id, -req.amount),
};

const handle = createWalletHandler({
  secret: process.env.TBB_WALLET_SECRET!,
  wallet,
  onError: (error) => console.error('wallet error', error),
});

export const server = http.createServer(toNodeListener(handle));
server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1');
