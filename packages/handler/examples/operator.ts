// An operator's wallet on node:http: five callbacks, one signed endpoint, and the
// protocol's rules (WALLET-PROTOCOL.md §4 and §6) decided by @tbb-wallet/core.
// Run: TBB_WALLET_SECRET=... PORT=8080 npx tsx examples/operator.ts
import http from 'node:http';
import type { StoredTransaction, TransferRequest } from '@tbb-wallet/core';
import { decideBalance, decideTransfer, keyText, transferLookups } from '@tbb-wallet/core';
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { createWalletHandler, toNodeListener, WalletRefusal } from '@tbb-wallet/handler';

// Your books, here in memory. On a database, read the same facts and write the same
// records in one transaction per call (see @tbb-wallet/ledger).
const players = new Map([
  ['6', { currency: 'EUR', balance: 10_000, blocked: false }],
  ['7', { currency: 'EUR', balance: 10_000, blocked: true }],
]);
const transactions = new Map<string, StoredTransaction>(); // every decided call, to replay it
const tombstones = new Set<string>(); // bets refunded and wins rolled back, even before they arrive

function transfer(request: TransferRequest) {
  const keys = transferLookups(request);
  const player = players.get(request.player_id);
  const decision = decideTransfer(request, {
    player,
    stored: transactions.get(keyText(keys.stored)),
    original: keys.original && transactions.get(keyText(keys.original)),
    tombstoned: tombstones.has(keyText(keys.tombstone)),
  });
  if (decision.kind === 'replay') {
    if (decision.answer.status !== 200) throw new WalletRefusal(decision.answer.status);
    return decision.answer.response;
  }
  if (decision.bury) tombstones.add(keyText(decision.bury));
  if (decision.kind === 'refuse') {
    if (decision.record)
      transactions.set(keyText(decision.record), { ...decision.record, answer: { status: decision.code } });
    throw new WalletRefusal(decision.code, decision.message);
  }
  player!.balance = decision.balance;
  const response = {
    transaction_id: `op-${transactions.size + 1}`,
    balance: decision.balance,
    currency_code: request.currency_code,
  };
  transactions.set(keyText(decision.record), { ...decision.record, answer: { status: 200, response } });
  return response;
}

const wallet: WalletCallbacks = {
  balance: (request) => {
    const decision = decideBalance(request, players.get(request.player_id));
    if (decision.kind === 'refuse') throw new WalletRefusal(decision.code, decision.message);
    return decision.response;
  },
  bet: transfer,
  win: transfer,
  refund: transfer,
  rollbackWin: transfer,
};

const handle = createWalletHandler({
  secret: process.env.TBB_WALLET_SECRET!,
  wallet,
  onError: (error) => console.error('wallet error', error),
});

export const server = http.createServer(toNodeListener(handle));
server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1');
