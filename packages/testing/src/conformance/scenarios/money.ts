/**
 * Balance, bet and win: the vendor's rules for moving money.
 * @see WALLET-PROTOCOL.md §3, §4 and §6
 */
import type { Probe, Scenario } from '../probe.ts';

/** Another currency than the player's, for the mismatch scenarios (XTS is ISO 4217's test code). */
function otherCurrency(p: Probe): string {
  return p.run.player.currency_code === 'XTS' ? 'XXX' : 'XTS';
}

export const balanceScenarios: Scenario[] = [
  {
    id: 'balance.read',
    title: 'balance answers the player id, an integer balance of at least 1000 and the currency',
    run: async (p) => {
      const { player_id, currency_code } = p.run.player;
      const answer = await p.call(p.request('balance'));
      p.accepted(answer);
      const body = answer.body as { player_id: string; balance: number; currency_code: string };
      p.check(
        body.player_id === player_id && body.currency_code === currency_code && body.balance >= 1000,
        `player_id=${player_id} currency=${currency_code} balance>=1000`,
        `player_id=${body.player_id} currency=${body.currency_code} balance=${body.balance}`,
      );
    },
  },
  {
    id: 'balance.unknown-player',
    title: 'balance of an unknown player → 404',
    run: async (p) => {
      const unknown = p.run.options.unknownPlayerId ?? p.skip('needs unknownPlayerId (--unknown-player)');
      p.refused(await p.call(p.request('balance', { player_id: unknown })), 404);
    },
  },
  {
    id: 'balance.other-currency',
    title: "balance in a currency other than the player's → 400",
    run: async (p) => p.refused(await p.call(p.request('balance', { currency_code: otherCurrency(p) })), 400),
  },
];

export const betScenarios: Scenario[] = [
  {
    id: 'bet.debit',
    title: 'bet debits the amount and answers the new balance',
    run: async (p) => {
      p.accepted(await p.call(p.request('bet', { id: p.id(), amount: 150 })), -150);
    },
  },
  {
    id: 'bet.insufficient-funds',
    title: 'bet one subunit above the balance → 402, nothing debited',
    run: async (p) => {
      p.refused(await p.call(p.request('bet', { id: p.id(), amount: p.run.balance + 1 })), 402);
      await p.balanceIsTracked();
    },
  },
  {
    id: 'bet.exact-balance',
    title: 'bet of exactly the balance is accepted and leaves 0 (a win then restores it)',
    run: async (p) => {
      const all = p.run.balance;
      p.accepted(await p.call(p.request('bet', { id: p.id(), amount: all })), -all);
      p.accepted(await p.call(p.request('win', { id: p.id(), amount: all })), all);
    },
  },
  {
    id: 'bet.zero',
    title: 'bet of 0 (a free spin) is accepted and moves nothing',
    run: async (p) => {
      p.accepted(await p.call(p.request('bet', { id: p.id(), amount: 0 })), 0);
    },
  },
  {
    id: 'bet.other-currency',
    title: "bet in a currency other than the player's → 400, nothing debited",
    run: async (p) => {
      p.refused(await p.call(p.request('bet', { id: p.id(), amount: 100, currency_code: otherCurrency(p) })), 400);
      await p.balanceIsTracked();
    },
  },
  {
    id: 'bet.unknown-player',
    title: 'bet of an unknown player → 404',
    run: async (p) => {
      const unknown = p.run.options.unknownPlayerId ?? p.skip('needs unknownPlayerId (--unknown-player)');
      p.refused(await p.call(p.request('bet', { id: p.id(), amount: 100, player_id: unknown })), 404);
    },
  },
  {
    id: 'bet.blocked-player',
    title: 'bet of a blocked player → 407',
    run: async (p) => {
      const blocked = p.run.options.blockedPlayer ?? p.skip('needs blockedPlayer (--blocked-player)');
      const currency_code = blocked.currency_code ?? 'EUR';
      p.refused(
        await p.call(p.request('bet', { id: p.id(), amount: 1, player_id: blocked.player_id, currency_code })),
        407,
      );
    },
  },
];

export const winScenarios: Scenario[] = [
  {
    id: 'win.credit',
    title: 'win credits the amount',
    run: async (p) => {
      p.accepted(await p.call(p.request('win', { id: p.id(), amount: 250 })), 250);
    },
  },
  {
    id: 'win.zero-is-a-loss',
    title: 'win of 0 (a lost round) is recorded: 200, nothing moves, a replay gets the same operator id',
    run: async (p) => {
      const loss = p.request('win', { id: p.id(), amount: 0 });
      const first = p.accepted(await p.call(loss), 0);
      const again = p.accepted(await p.call(loss), 0);
      p.check(
        again.transaction_id === first.transaction_id,
        `tx=${first.transaction_id}`,
        `tx=${again.transaction_id}`,
      );
    },
  },
  {
    id: 'win.session-not-checked',
    title: 'win with a session token never issued is credited (sessions are not checked on win)',
    run: async (p) => {
      p.accepted(await p.call(p.request('win', { id: p.id(), amount: 10, session_token: 'expired-long-ago' })), 10);
    },
  },
];
