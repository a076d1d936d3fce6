/**
 * Refunds and rollbacks: the original amount moves back once; unknown originals are
 * remembered (tombstones) so a late original moves nothing.
 * @see WALLET-PROTOCOL.md §4 and §6
 */
import type { Scenario } from '../probe.ts';

export const refundRollbackScenarios: Scenario[] = [
  {
    id: 'refund-rollback.refund',
    title: 'refund gives the bet back',
    run: async (p) => {
      const bet = p.id();
      p.accepted(await p.call(p.request('bet', { id: bet, amount: 120 })), -120);
      p.accepted(await p.call(p.request('refund', { id: p.id(), amount: 120, original: bet })), 120);
    },
  },
  {
    id: 'refund-rollback.refund-unknown',
    title: 'refund of an unknown bet → 406; the bet arriving later → 408 and not debited',
    run: async (p) => {
      const bet = p.id();
      p.refused(await p.call(p.request('refund', { id: p.id(), amount: 60, original: bet })), 406);
      p.refused(await p.call(p.request('bet', { id: bet, amount: 60 })), 408);
      await p.balanceIsTracked();
    },
  },
  {
    id: 'refund-rollback.double-refund',
    title: 'a second refund of the same bet (new transaction_id) → 200, nothing moves',
    run: async (p) => {
      const bet = p.id();
      p.accepted(await p.call(p.request('bet', { id: bet, amount: 80 })), -80);
      p.accepted(await p.call(p.request('refund', { id: p.id(), amount: 80, original: bet })), 80);
      p.accepted(await p.call(p.request('refund', { id: p.id(), amount: 80, original: bet })), 0);
    },
  },
  {
    id: 'refund-rollback.refund-original-amount',
    title: 'a refund asking for a different amount moves the ORIGINAL bet amount back',
    run: async (p) => {
      const bet = p.id();
      p.accepted(await p.call(p.request('bet', { id: bet, amount: 90 })), -90);
      p.accepted(await p.call(p.request('refund', { id: p.id(), amount: 500, original: bet })), 90);
    },
  },
  {
    id: 'refund-rollback.rollback',
    title: 'rollback-win takes the win back',
    run: async (p) => {
      const win = p.id();
      p.accepted(await p.call(p.request('win', { id: win, amount: 110 })), 110);
      p.accepted(await p.call(p.request('rollback-win', { id: p.id(), amount: 110, original: win })), -110);
    },
  },
  {
    id: 'refund-rollback.rollback-unknown',
    title: 'rollback of an unknown win → 200 with the balance; the win arriving later is not credited',
    run: async (p) => {
      const win = p.id();
      p.accepted(await p.call(p.request('rollback-win', { id: p.id(), amount: 50, original: win })), 0);
      p.accepted(await p.call(p.request('win', { id: win, amount: 50 })), 0);
    },
  },
  {
    id: 'refund-rollback.double-rollback',
    title: 'a second rollback of the same win (new transaction_id) → 200, nothing moves',
    run: async (p) => {
      const win = p.id();
      p.accepted(await p.call(p.request('win', { id: win, amount: 70 })), 70);
      p.accepted(await p.call(p.request('rollback-win', { id: p.id(), amount: 70, original: win })), -70);
      p.accepted(await p.call(p.request('rollback-win', { id: p.id(), amount: 70, original: win })), 0);
    },
  },
  {
    id: 'refund-rollback.rollback-original-amount',
    title: 'a rollback asking for a different amount moves the ORIGINAL win amount back',
    run: async (p) => {
      const win = p.id();
      p.accepted(await p.call(p.request('win', { id: win, amount: 65 })), 65);
      p.accepted(await p.call(p.request('rollback-win', { id: p.id(), amount: 1, original: win })), -65);
    },
  },
  {
    id: 'refund-rollback.rollback-below-zero',
    title: 'a rollback larger than the balance is applied and may leave it negative (a win then restores it)',
    run: async (p) => {
      const win = p.id();
      p.accepted(await p.call(p.request('win', { id: win, amount: 200 })), 200);
      const all = p.run.balance;
      p.accepted(await p.call(p.request('bet', { id: p.id(), amount: all })), -all);
      p.accepted(await p.call(p.request('rollback-win', { id: p.id(), amount: 200, original: win })), -200);
      p.accepted(await p.call(p.request('win', { id: p.id(), amount: all + 200 })), all + 200);
    },
  },
  {
    id: 'refund-rollback.session-not-checked',
    title: 'refund and rollback with a session token never issued are applied',
    run: async (p) => {
      const bet = p.id();
      const win = p.id();
      const session_token = 'expired-long-ago';
      p.accepted(await p.call(p.request('bet', { id: bet, amount: 30 })), -30);
      p.accepted(await p.call(p.request('win', { id: win, amount: 30 })), 30);
      p.accepted(await p.call(p.request('refund', { id: p.id(), amount: 30, original: bet, session_token })), 30);
      p.accepted(
        await p.call(p.request('rollback-win', { id: p.id(), amount: 30, original: win, session_token })),
        -30,
      );
    },
  },
];
