/**
 * Idempotency: a replayed transaction gets its original answer and moves money once.
 * @see WALLET-PROTOCOL.md §6
 */
import type { WalletAction } from '@tbb-wallet/core';
import type { Probe, Scenario } from '../probe.ts';

/** Sends the first call of `action` (after any setup it needs); returns the request to replay and what it moved. */
async function firstOf(p: Probe, action: Exclude<WalletAction, 'balance'>) {
  if (action === 'refund' || action === 'rollback-win') {
    const original = p.id();
    const setup =
      action === 'refund'
        ? p.request('bet', { id: original, amount: 40 })
        : p.request('win', { id: original, amount: 40 });
    p.accepted(await p.call(setup), action === 'refund' ? -40 : 40);
    const request = p.request(action, { id: p.id(), amount: 40, original });
    return { request, moves: action === 'refund' ? 40 : -40 };
  }
  const request = p.request(action, { id: p.id(), amount: 30 });
  return { request, moves: action === 'bet' ? -30 : 30 };
}

function replay(action: Exclude<WalletAction, 'balance'>): Scenario {
  return {
    id: `idempotency.${action}-replay`,
    title: `${action} sent twice gets the ORIGINAL answer (same operator id and balance) and moves money once`,
    run: async (p) => {
      const { request, moves } = await firstOf(p, action);
      const first = p.accepted(await p.call(request), moves);
      p.accepted(await p.call(p.request('win', { id: p.id(), amount: 5 })), 5); // the balance moves on meanwhile
      const again = p.accepted(await p.call(request));
      p.check(
        again.transaction_id === first.transaction_id && again.balance === first.balance,
        `tx=${first.transaction_id} balance=${first.balance}`,
        `tx=${again.transaction_id} balance=${again.balance}`,
      );
      await p.balanceIsTracked();
    },
  };
}

export const idempotencyScenarios: Scenario[] = [
  replay('bet'),
  replay('win'),
  replay('refund'),
  replay('rollback-win'),
  {
    id: 'idempotency.different-body',
    title: 'a transaction_id reused with a different body → 400, nothing changes',
    run: async (p) => {
      const id = p.id();
      p.accepted(await p.call(p.request('bet', { id, amount: 20 })), -20);
      p.refused(await p.call(p.request('bet', { id, amount: 21 })), 400);
      await p.balanceIsTracked();
    },
  },
  {
    id: 'idempotency.concurrent-win',
    title: '20 concurrent copies of one win are credited once (each answered the original, or 503)',
    run: async (p) => {
      const win = p.request('win', { id: p.id(), amount: 70 });
      const answers = await Promise.all(Array.from({ length: 20 }, () => p.call(win)));
      p.sent.splice(0, p.sent.length, `20 × ${p.sent[0]} at once`);
      const ok = answers.filter((a) => a.status === 200).map((a) => a.body as { transaction_id: string });
      const other = answers.filter((a) => a.status !== 200 && a.status !== 503);
      p.check(
        ok.length > 0 && other.length === 0,
        'every copy 200 (or 503)',
        `${ok.length} × 200, ${other.length} other`,
      );
      const ids = new Set(ok.map((b) => b.transaction_id));
      p.check(ids.size === 1, 'one operator transaction id', `${ids.size}: ${[...ids].join(', ')}`);
      p.run.balance += 70;
      await p.balanceIsTracked();
    },
  },
  {
    id: 'idempotency.refusal-is-final',
    title: 'a bet refused 402 is refused again after the balance grows, and never debited',
    run: async (p) => {
      const bet = p.request('bet', { id: p.id(), amount: p.run.balance + 10 });
      p.refused(await p.call(bet), 402);
      p.accepted(await p.call(p.request('win', { id: p.id(), amount: 20 })), 20);
      p.refused(await p.call(bet), 402);
      await p.balanceIsTracked();
    },
  },
];
