/**
 * The vendor's own rules of the five actions.
 *
 * @see WALLET-PROTOCOL.md §4
 */
import { holds, refusalOf, same } from './check.ts';
import type { Transfer } from './kit.ts';
import { rule } from './rule.ts';
import type { WalletRule } from './types.ts';

const vendor = (id: string, title: string, body: Parameters<typeof rule>[3]) => rule('vendor', id, title, body);

const everyAction: (Transfer | 'balance')[] = ['balance', 'bet', 'win', 'refund', 'rollback-win'];

export const vendorRules: WalletRule[] = [
  vendor('balance', 'balance answers the player, the balance and the currency', async (k) => {
    const p = await k.player(12345);
    same(await k.balance(p), { player_id: p, balance: 12345, currency_code: 'EUR' }, 'balance answer');
  }),
  vendor(
    'bet.debit',
    'bet debits the amount and answers the new balance with an operator transaction id',
    async (k) => {
      const p = await k.player(1000);
      const answer = await k.send('bet', { player: p, id: k.tx('b1'), amount: 250 });
      same(
        { ...answer, transaction_id: typeof answer.transaction_id },
        { transaction_id: 'string', balance: 750, currency_code: 'EUR' },
        'bet answer',
      );
      holds(answer.transaction_id !== '', 'operator transaction_id', 'not empty', answer.transaction_id);
      same(await k.balanceOf(p), 750, 'balance after the bet');
    },
  ),
  vendor('bet.insufficient-funds', 'bet larger than the balance is refused 402 and debits nothing', async (k) => {
    const p = await k.player(1000);
    same(
      await refusalOf(k.send('bet', { player: p, id: k.tx('b1'), amount: 1001 }), 'bet of 1001 on 1000'),
      402,
      'refusal',
    );
    same(await k.balanceOf(p), 1000, 'balance');
  }),
  vendor('bet.exact-balance', 'bet of exactly the balance is accepted and leaves 0', async (k) => {
    const p = await k.player(1000);
    same((await k.send('bet', { player: p, id: k.tx('b1'), amount: 1000 })).balance, 0, 'answered balance');
    same(await k.balanceOf(p), 0, 'balance');
  }),
  vendor('win.credit', 'win credits the amount', async (k) => {
    const p = await k.player(1000);
    same((await k.send('win', { player: p, id: k.tx('w1'), amount: 400 })).balance, 1400, 'answered balance');
    same(await k.balanceOf(p), 1400, 'balance');
  }),
  vendor(
    'win.zero',
    'win of 0 (a lost round) is recorded: answered 200, replayed with the same operator id',
    async (k) => {
      const p = await k.player(1000);
      const first = await k.send('win', { player: p, id: k.tx('w0'), amount: 0 });
      same(first.balance, 1000, 'answered balance');
      same(await k.send('win', { player: p, id: k.tx('w0'), amount: 0 }), first, 'the replayed answer');
      same(await k.balanceOf(p), 1000, 'balance');
    },
  ),
  vendor('refund', 'refund gives the bet back', async (k) => {
    const p = await k.playedRound();
    same(
      (await k.send('refund', { player: p, id: k.tx('r1'), amount: 300, original: k.tx('b1') })).balance,
      1500,
      'answered balance',
    );
    same(await k.balanceOf(p), 1500, 'balance');
  }),
  vendor('refund.unknown-bet', 'refund of an unknown bet is refused 406 and moves nothing', async (k) => {
    const p = await k.player(1000);
    const refund = k.send('refund', { player: p, id: k.tx('r1'), amount: 300, original: k.tx('nope') });
    same(await refusalOf(refund, 'refund of an unknown bet'), 406, 'refusal');
    same(await k.balanceOf(p), 1000, 'balance');
  }),
  vendor('rollback-win', 'rollback-win takes the win back', async (k) => {
    const p = await k.playedRound();
    const answer = await k.send('rollback-win', { player: p, id: k.tx('rb1'), amount: 500, original: k.tx('w1') });
    same(answer.balance, 700, 'answered balance');
    same(await k.balanceOf(p), 700, 'balance');
  }),
  vendor(
    'rollback-win.vendor-example',
    "the vendor's rollback-win example, whose transaction_id repeats the win's, is applied",
    async (k) => {
      const p = await k.playedRound();
      const answer = await k.send('rollback-win', { player: p, id: k.tx('w1'), amount: 500, original: k.tx('w1') });
      same(answer.balance, 700, 'answered balance');
    },
  ),
  vendor('operator-ids', 'every accepted transaction gets its own operator transaction id', async (k) => {
    const p = await k.player(1000);
    const ids = [
      (await k.send('bet', { player: p, id: k.tx('b1'), amount: 100 })).transaction_id,
      (await k.send('bet', { player: p, id: k.tx('b2'), amount: 100 })).transaction_id,
      (await k.send('win', { player: p, id: k.tx('w1'), amount: 100 })).transaction_id,
    ];
    same(new Set(ids).size, 3, `distinct operator ids among ${ids.join(', ')}`);
  }),
  ...everyAction.map((action) =>
    vendor(`unknown-player.${action}`, `${action} for an unknown player is refused 404`, async (k) => {
      const ghost = k.ghost();
      const call =
        action === 'balance' ? k.balance(ghost) : k.send(action, { player: ghost, id: k.tx('x'), amount: 1 });
      same(await refusalOf(call, `${action} of an unknown player`), 404, 'refusal');
    }),
  ),
  vendor('blocked.bet', 'bet of a blocked player is refused 407 and debits nothing', async (k) => {
    const p = await k.player(1000, { blocked: true });
    same(
      await refusalOf(k.send('bet', { player: p, id: k.tx('b1'), amount: 100 }), 'bet of a blocked player'),
      407,
      'refusal',
    );
    same(await k.balanceOf(p), 1000, 'balance');
  }),
];
