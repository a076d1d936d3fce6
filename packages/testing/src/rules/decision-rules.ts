/**
 * This project's decisions where the vendor is silent: replays, refusals that stay
 * refused, tombstones, original amounts, currencies.
 *
 * @see WALLET-PROTOCOL.md §6
 */
import { holds, refusalOf, same } from './check.ts';
import type { Transfer } from './kit.ts';
import { rule } from './rule.ts';
import type { WalletRule } from './types.ts';

const decision = (id: string, title: string, body: Parameters<typeof rule>[3]) => rule('decisions', id, title, body);

/** One call of each transfer action on `playedRound` (bet b1 300, win w1 500 on 1000), and what it moves. */
const eachTransfer: [Transfer, { amount: number; original?: string; moves: number }][] = [
  ['bet', { amount: 100, moves: -100 }],
  ['win', { amount: 100, moves: 100 }],
  ['refund', { amount: 300, original: 'b1', moves: 300 }],
  ['rollback-win', { amount: 500, original: 'w1', moves: -500 }],
];

const replays: WalletRule[] = eachTransfer.flatMap(([action, { amount, original, moves }]) => [
  decision(
    `replay.${action}`,
    `${action} replayed with the same body gets the ORIGINAL answer and moves money once`,
    async (k) => {
      const p = await k.playedRound();
      const move = { player: p, id: k.tx('dup'), amount, original: original && k.tx(original) };
      const first = await k.send(action, move);
      same(first.balance, 1200 + moves, 'answered balance');
      await k.send('win', { player: p, id: k.tx('later'), amount: 7 }); // the balance moves on meanwhile
      same(await k.send(action, move), first, 'the replayed answer');
      same(await k.balanceOf(p), 1200 + moves + 7, 'balance');
    },
  ),
  decision(
    `reused-id.${action}`,
    `${action} with a reused transaction_id and another body is refused 400 and changes nothing`,
    async (k) => {
      const p = await k.playedRound();
      const move = { player: p, id: k.tx('dup'), amount, original: original && k.tx(original) };
      await k.send(action, move);
      const after = await k.balanceOf(p);
      same(await refusalOf(k.send(action, { ...move, amount: amount + 1 }), 'the reused id'), 400, 'refusal');
      same(await k.balanceOf(p), after, 'balance');
    },
  ),
]);

const bursts: WalletRule[] = (
  [
    ['win', 250],
    ['bet', -250],
  ] as const
).map(([action, moves]) =>
  decision(`at-once.${action}`, `20 copies of one ${action} at once move money exactly once`, async (k) => {
    const p = await k.player(1000);
    const move = { player: p, id: k.tx('burst'), amount: 250 };
    const answers = await Promise.allSettled(Array.from({ length: 20 }, () => k.send(action, move)));
    const accepted = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const refused = answers.flatMap((a) => (a.status === 'rejected' ? [a.reason as { code?: number }] : []));
    holds(accepted.length > 0, 'copies answered 200', 'at least one', 0);
    for (const answer of accepted) same(answer, accepted[0], 'every 200 is the original answer');
    for (const reason of refused) same(reason.code, 503, 'a copy not answered 200 is retryable');
    same(await k.balanceOf(p), 1000 + moves, 'balance');
  }),
);

const reversalBursts: WalletRule[] = (
  [
    ['refund', 'b1', 300],
    ['rollback-win', 'w1', -500],
  ] as const
).map(([action, original, moves]) =>
  decision(
    `at-once.${action}`,
    `20 ${action} calls of one original at once (10 copies of one, 10 with ids of their own) move it back exactly once`,
    async (k) => {
      const p = await k.playedRound();
      const call = (i: number) =>
        k.send(action, { player: p, id: k.tx(i % 2 ? 'copy' : `own-${i}`), amount: 1, original: k.tx(original) });
      const answers = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => call(i)));
      for (const answer of answers) {
        if (answer.status === 'rejected')
          same((answer.reason as { code?: number }).code, 503, 'a call not answered 200');
      }
      same(await k.balanceOf(p), 1200 + moves, 'balance');
    },
  ),
);

const secondReversals: WalletRule[] = (
  [
    ['refund', 'b1', 300],
    ['rollback-win', 'w1', 500],
  ] as const
).map(([action, original, amount]) =>
  decision(
    `second.${action}`,
    `a second ${action} of the same original (new transaction_id) answers 200 with the balance and moves nothing`,
    async (k) => {
      const p = await k.playedRound();
      const first = await k.send(action, { player: p, id: k.tx('x1'), amount, original: k.tx(original) });
      const second = await k.send(action, { player: p, id: k.tx('x2'), amount, original: k.tx(original) });
      same(second.balance, first.balance, 'answered balance');
      same(await k.balanceOf(p), first.balance, 'balance');
    },
  ),
);

const originalAmounts: WalletRule[] = (
  [
    ['refund', 'less', 1, 1500],
    ['refund', 'more', 9999, 1500],
    ['rollback-win', 'less', 1, 700],
    ['rollback-win', 'more', 9999, 700],
  ] as const
).map(([action, than, amount, want]) =>
  decision(
    `original-amount.${action}.${than}`,
    `${action} asking ${than} than the original moves the ORIGINAL amount back`,
    async (k) => {
      const p = await k.playedRound();
      const original = k.tx(action === 'refund' ? 'b1' : 'w1');
      same((await k.send(action, { player: p, id: k.tx('x'), amount, original })).balance, want, 'answered balance');
      same(await k.balanceOf(p), want, 'balance');
    },
  ),
);

const lateSessions: WalletRule[] = (
  [
    ['win', undefined, 1700],
    ['refund', 'b1', 1500],
    ['rollback-win', 'w1', 700],
  ] as const
).map(([action, original, want]) =>
  decision(`session-unchecked.${action}`, `${action} with a session token never issued is still applied`, async (k) => {
    const p = await k.playedRound();
    const move = {
      player: p,
      id: k.tx('x'),
      amount: 500,
      session: 'expired-long-ago',
      original: original && k.tx(original),
    };
    same((await k.send(action, move)).balance, want, 'answered balance');
  }),
);

const currencies: WalletRule[] = (['balance', 'bet', 'win', 'refund', 'rollback-win'] as const).map((action) =>
  decision(
    `currency.${action}`,
    `${action} in a currency other than the wallet currency is refused 400 and changes nothing`,
    async (k) => {
      const p = await k.playedRound();
      const call =
        action === 'balance'
          ? k.balance(p, { currency_code: 'USD' })
          : k.send(action, {
              player: p,
              id: k.tx('usd'),
              amount: 100,
              currency: 'USD',
              original: k.tx(action === 'refund' ? 'b1' : 'w1'),
            });
      same(await refusalOf(call, `${action} in USD`), 400, 'refusal');
      same(await k.balanceOf(p), 1200, 'balance');
    },
  ),
);

export const decisionRules: WalletRule[] = [
  ...replays,
  decision('ids-per-action', 'the same provider transaction_id under two actions is two transactions', async (k) => {
    const p = await k.player(1000);
    await k.send('bet', { player: p, id: k.tx('x'), amount: 100 });
    await k.send('win', { player: p, id: k.tx('x'), amount: 300 });
    same(await k.balanceOf(p), 1200, 'balance');
  }),
  decision(
    'ids-exact',
    'ids equal only after Unicode normalization or case folding are different transactions and players',
    async (k) => {
      const p = await k.player(1000);
      const nfc = k.tx('caf\u00e9');
      for (const id of [nfc, nfc.normalize('NFD'), nfc.toUpperCase()])
        await k.send('bet', { player: p, id, amount: 100 });
      same(await k.balanceOf(p), 700, 'balance after three bets');
      const other = p.toUpperCase();
      await k.addPlayer({ player_id: other, currency_code: 'EUR', balance: 50 });
      same([await k.balanceOf(p), await k.balanceOf(other)], [700, 50], 'balances of two players');
    },
  ),
  decision(
    'reversal.other-action',
    "a refund naming a win's id is refused 406 and a rollback-win naming a bet's id moves nothing",
    async (k) => {
      const p = await k.playedRound();
      const refund = k.send('refund', { player: p, id: k.tx('rf'), amount: 500, original: k.tx('w1') });
      same(await refusalOf(refund, "refund of a win's id"), 406, 'refusal');
      const rollback = await k.send('rollback-win', { player: p, id: k.tx('rb'), amount: 300, original: k.tx('b1') });
      same(rollback.balance, 1200, "rollback of a bet's id, answered");
      same(await k.balanceOf(p), 1200, 'balance');
    },
  ),
  ...bursts,
  ...reversalBursts,
  decision(
    'refusal-is-final.402',
    'a bet refused 402 stays refused after the balance grows, and is not debited',
    async (k) => {
      const p = await k.player(100);
      const bet = { player: p, id: k.tx('big'), amount: 500 };
      same(await refusalOf(k.send('bet', bet), 'bet of 500 on 100'), 402, 'refusal');
      await k.send('win', { player: p, id: k.tx('w1'), amount: 1000 });
      same(await refusalOf(k.send('bet', bet), 'the same bet after a win'), 402, 'refusal replayed');
      same(await k.balanceOf(p), 1100, 'balance');
    },
  ),
  decision('refusal-is-final.404', 'a call refused 404 stays refused after the player appears', async (k) => {
    const p = k.ghost();
    const bet = { player: p, id: k.tx('b'), amount: 1 };
    same(await refusalOf(k.send('bet', bet), 'bet of an unknown player'), 404, 'refusal');
    await k.addPlayer({ player_id: p, currency_code: 'EUR', balance: 10 });
    same(await refusalOf(k.send('bet', bet), 'the same bet once the player exists'), 404, 'refusal replayed');
    same(await k.balanceOf(p), 10, 'balance');
  }),
  decision(
    'refusal-is-final.407',
    'a blocked player: balance and bet refused 407, the bet still after unblocking; wins still credited',
    async (k) => {
      const p = await k.player(1000, { blocked: true });
      const bet = { player: p, id: k.tx('b'), amount: 1 };
      same(await refusalOf(k.balance(p), 'balance of a blocked player'), 407, 'balance refusal');
      same(await refusalOf(k.send('bet', bet), 'bet of a blocked player'), 407, 'bet refusal');
      await k.setBlocked(p, false, 1000);
      same((await k.balance(p)).balance, 1000, 'balance once unblocked');
      same(await refusalOf(k.send('bet', bet), 'the same bet once unblocked'), 407, 'refusal replayed');
      await k.setBlocked(p, true, 1000);
      same((await k.send('win', { player: p, id: k.tx('w'), amount: 5 })).balance, 1005, 'win of a blocked player');
    },
  ),
  decision(
    'currency.not-remembered',
    'a bet refused 400 for its currency is not remembered: the corrected bet is accepted',
    async (k) => {
      const p = await k.player(1000);
      const bet = { player: p, id: k.tx('b'), amount: 100 };
      same(await refusalOf(k.send('bet', { ...bet, currency: 'USD' }), 'bet in USD'), 400, 'refusal');
      same((await k.send('bet', bet)).balance, 900, 'the same id in EUR');
    },
  ),
  decision(
    'refund-before-bet',
    'a refund of an unknown bet is remembered: 406 again, and the bet arriving later is refused 408 and not debited',
    async (k) => {
      const p = await k.player(1000);
      const refund = { player: p, id: k.tx('r1'), amount: 300, original: k.tx('late-bet') };
      same(await refusalOf(k.send('refund', refund), 'refund of an unknown bet'), 406, 'refusal');
      same(
        await refusalOf(k.send('bet', { player: p, id: k.tx('late-bet'), amount: 300 }), 'the late bet'),
        408,
        'late bet refusal',
      );
      same(await refusalOf(k.send('refund', refund), 'the refund again'), 406, 'refusal replayed');
      same(await k.balanceOf(p), 1000, 'balance');
    },
  ),
  decision(
    'refund.other-player',
    "a refund of another player's bet is refused 406, moves nothing, and leaves the bet to its owner's refund",
    async (k) => {
      const a = await k.player(1000);
      const b = await k.player(1000);
      await k.send('bet', { player: a, id: k.tx('b'), amount: 100 });
      const refund = k.send('refund', { player: b, id: k.tx('r'), amount: 100, original: k.tx('b') });
      same(await refusalOf(refund, "refund of another player's bet"), 406, 'refusal');
      same([await k.balanceOf(a), await k.balanceOf(b)], [900, 1000], 'balances');
      const own = await k.send('refund', { player: a, id: k.tx('r-own'), amount: 100, original: k.tx('b') });
      same(own.balance, 1000, "the owner's refund, answered");
      same([await k.balanceOf(a), await k.balanceOf(b)], [1000, 1000], 'balances after the refund');
    },
  ),
  decision(
    'rollback.other-player',
    "a rollback of another player's win moves nothing, and leaves the win to its owner's rollback",
    async (k) => {
      const a = await k.player(1000);
      const b = await k.player(1000);
      await k.send('win', { player: a, id: k.tx('w'), amount: 500 });
      const other = await k.send('rollback-win', { player: b, id: k.tx('rb'), amount: 500, original: k.tx('w') });
      same(other.balance, 1000, "the other player's rollback, answered");
      same([await k.balanceOf(a), await k.balanceOf(b)], [1500, 1000], 'balances');
      const own = await k.send('rollback-win', { player: a, id: k.tx('rb-own'), amount: 500, original: k.tx('w') });
      same(own.balance, 1000, "the owner's rollback, answered");
      same([await k.balanceOf(a), await k.balanceOf(b)], [1000, 1000], 'balances after the rollback');
    },
  ),
  decision(
    'rollback-before-win',
    'a rollback of an unknown win answers 200 with the balance, and the win arriving later is not credited',
    async (k) => {
      const p = await k.player(1000);
      const rollback = await k.send('rollback-win', { player: p, id: k.tx('rb1'), amount: 500, original: k.tx('w') });
      same(rollback.balance, 1000, 'rollback answer');
      same((await k.send('win', { player: p, id: k.tx('w'), amount: 500 })).balance, 1000, 'late win answer');
      same(await k.balanceOf(p), 1000, 'balance');
    },
  ),
  ...secondReversals,
  ...originalAmounts,
  decision(
    'rollback.below-zero',
    'a rollback-win larger than the balance is applied and leaves it negative',
    async (k) => {
      const p = await k.player(0);
      await k.send('win', { player: p, id: k.tx('w1'), amount: 800 });
      await k.send('bet', { player: p, id: k.tx('b1'), amount: 700 });
      same(
        (await k.send('rollback-win', { player: p, id: k.tx('rb'), amount: 800, original: k.tx('w1') })).balance,
        -700,
        'answered balance',
      );
      same(await k.balanceOf(p), -700, 'balance');
    },
  ),
  ...lateSessions,
  decision(
    'balance-range',
    'a win that would take the balance past 2^53−1 is refused 400 and credits nothing, then a fitting one is',
    async (k) => {
      const p = await k.player(100);
      const huge = k.send('win', { player: p, id: k.tx('huge'), amount: Number.MAX_SAFE_INTEGER });
      same(await refusalOf(huge, 'a win past 2^53−1'), 400, 'refusal');
      same(await k.balanceOf(p), 100, 'balance');
      const fits = await k.send('win', { player: p, id: k.tx('fits'), amount: Number.MAX_SAFE_INTEGER - 100 });
      same(fits.balance, Number.MAX_SAFE_INTEGER, 'answered balance');
    },
  ),
  ...currencies,
];
