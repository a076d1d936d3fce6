/**
 * What only a ledger has, run on each driver by rules.test.ts: its entries and players
 * created on first sight. The wallet rules themselves are the shipped suite
 * (@tbb-wallet/testing `walletRules`), which rules.test.ts runs too.
 *
 * @see docs/WALLET-PROTOCOL.md §6
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Ledger, LedgerDatabase } from '../../src/index.ts';
import { createLedger } from '../../src/index.ts';
import { balanceRequest, codeOf, context, send } from './calls.ts';

/** Registers the rules; `subject()` gives the migrated ledger and the database it runs on. */
export function describeLedgerRules(name: string, subject: () => { ledger: Ledger; database: LedgerDatabase }): void {
  describe(`ledger entries and players: ${name}`, () => {
    const ledger = () => subject().ledger;
    const wallet = () => subject().ledger.wallet;
    const run = randomUUID().slice(0, 8);
    let n = 0;
    const fresh = (label: string) => `${run}-${label}-${++n}`;
    async function player(balance: number, extra: { blocked?: boolean; currency_code?: string } = {}) {
      const id = fresh('p');
      await ledger().addPlayer({ player_id: id, currency_code: 'EUR', balance, ...extra });
      return id;
    }
    const balanceOf = (id: string) => ledger().balanceOf(id);

    it('a duplicate (same action, id and body) adds no second entry', async () => {
      const p = await player(1000);
      const id = fresh('b');
      const first = await send(wallet(), 'bet', { player: p, id, amount: 100 });
      const again = await send(wallet(), 'bet', { player: p, id, amount: 100 });
      expect(again).toEqual(first);
      expect(await balanceOf(p)).toBe(900);
      expect(await ledger().entries(p)).toHaveLength(1);
    });

    it('ids with quotes and backslashes are stored as sent (the SQL text escapes them), and replay', async () => {
      const p = `${fresh('p')}-o'brien\\`;
      await ledger().addPlayer({ player_id: p, currency_code: 'EUR', balance: 1000 });
      const id = `${fresh('w')}-it's \\ '' \\' x'); --`;
      const bet = `${fresh('b')}-E'\\n'`;
      const round = `r\\'o''und`;
      const won = await send(wallet(), 'win', { player: p, id, amount: 100, round });
      expect(await send(wallet(), 'win', { player: p, id, amount: 100, round })).toEqual(won);
      await send(wallet(), 'bet', { player: p, id: bet, amount: 50, round });
      await send(wallet(), 'refund', { player: p, id: `${bet}-r\\`, amount: 50, original: bet, round });
      expect(await balanceOf(p)).toBe(1100);
      const entries = await ledger().entries(p);
      expect(entries.map((e) => [e.action, e.transactionId, e.playerId, e.roundId, e.originalTransactionId])).toEqual([
        ['win', id, p, round, null],
        ['bet', bet, p, round, null],
        ['refund', `${bet}-r\\`, p, round, bet],
      ]);
    });

    it('entries record each accepted movement with the balance after it', async () => {
      const p = await player(1000);
      const bet = fresh('b');
      await send(wallet(), 'bet', { player: p, id: bet, amount: 100 });
      expect(await codeOf(send(wallet(), 'bet', { player: p, id: fresh('b'), amount: 5000 }))).toBe(402);
      await send(wallet(), 'refund', { player: p, id: fresh('r'), amount: 100, original: bet });
      const entries = await ledger().entries(p);
      expect(entries.map((e) => [e.action, e.movement, e.balance])).toEqual([
        ['bet', -100, 900],
        ['refund', 100, 1000],
      ]);
      expect(entries[1]?.originalTransactionId).toBe(bet);
    });

    it('autoCreatePlayers creates an unknown player on first sight, once', async () => {
      const auto = createLedger({
        database: subject().database,
        autoCreatePlayers: { currency: 'EUR', balance: 100000 },
      });
      const p = fresh('auto');
      expect(await auto.wallet.balance(balanceRequest(p), context({}))).toEqual({
        player_id: p,
        balance: 100000,
        currency_code: 'EUR',
      });
      const q = fresh('auto');
      expect((await send(auto.wallet, 'bet', { player: q, id: fresh('b'), amount: 100 })).balance).toBe(99900);
      expect(await balanceOf(q)).toBe(99900);
    });
  });
}
