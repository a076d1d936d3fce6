// A tiny in-memory wallet for the runtime servers: enough to show the handler answers
// every action on each runtime. The full protocol rules are tested elsewhere
// (the sandbox wallet and the ledger); this file must stay plain JavaScript so every
// runtime can load it without a TypeScript step.
export function createRuntimeWallet() {
  const balances = new Map();
  const done = new Map();
  let next = 1;
  const balanceOf = (id) => balances.get(id) ?? 100000;
  const once = (request, apply) => {
    const key = `${request.action}:${request.payload.provider_transfer_data.transaction_id}`;
    if (!done.has(key)) {
      const balance = apply(balanceOf(request.player_id));
      balances.set(request.player_id, balance);
      done.set(key, { transaction_id: `rt-${next++}`, balance, currency_code: request.currency_code });
    }
    return done.get(key);
  };
  return {
    balance: (r) => ({ player_id: r.player_id, balance: balanceOf(r.player_id), currency_code: r.currency_code }),
    bet: (r) => once(r, (b) => b - r.amount),
    win: (r) => once(r, (b) => b + r.amount),
    refund: (r) => once(r, (b) => b + r.amount),
    rollbackWin: (r) => once(r, (b) => b - r.amount),
  };
}
