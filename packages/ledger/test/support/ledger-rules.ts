/**
 * Direct tests of every §6 rule against a ledger, run on each driver by rules.test.ts.
 * They call the callbacks as the handler does and read the ledger's tables back.
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
  describe(`ledger §6 rules: ${name}`, () => {
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

    it('a duplicate (same action, id and body) changes nothing and gets the original answer', async () => {
      const p = await player(1000);
      const id = fresh('b');
      const first = await send(wallet(), 'bet', { player: p, id, amount: 100 });
      const again = await send(wallet(), 'bet', { player: p, id, amount: 100 });
      expect(again).toEqual(first);
      expect(await balanceOf(p)).toBe(900);
      expect(await ledger().entries(p)).toHaveLength(1);
    });

    it('the same id with another body is refused 400 and changes nothing', async () => {
      const p = await player(1000);
      const id = fresh('w');
      await send(wallet(), 'win', { player: p, id, amount: 100 });
      expect(await codeOf(send(wallet(), 'win', { player: p, id, amount: 999 }))).toBe(400);
      expect(await balanceOf(p)).toBe(1100);
    });

    it('the same provider id under two actions is two transactions', async () => {
      const p = await player(1000);
      const id = fresh('x');
      await send(wallet(), 'bet', { player: p, id, amount: 100 });
      await send(wallet(), 'win', { player: p, id, amount: 300 });
      expect(await balanceOf(p)).toBe(1200);
    });

    it('a refused bet stays refused after the balance grows (402 replayed)', async () => {
      const p = await player(100);
      const id = fresh('b');
      expect(await codeOf(send(wallet(), 'bet', { player: p, id, amount: 500 }))).toBe(402);
      await send(wallet(), 'win', { player: p, id: fresh('w'), amount: 1000 });
      expect(await codeOf(send(wallet(), 'bet', { player: p, id, amount: 500 }))).toBe(402);
      expect(await balanceOf(p)).toBe(1100);
    });

    it('unknown player: 404, replayed even after the player appears', async () => {
      const p = fresh('ghost');
      const id = fresh('b');
      expect(await codeOf(send(wallet(), 'bet', { player: p, id, amount: 1 }))).toBe(404);
      await ledger().addPlayer({ player_id: p, currency_code: 'EUR', balance: 10 });
      expect(await codeOf(send(wallet(), 'bet', { player: p, id, amount: 1 }))).toBe(404);
      expect(await codeOf(wallet().balance(balanceRequest(fresh('ghost')), context({})))).toBe(404);
    });

    it('blocked player: balance and bet refused 407 (replayed after unblock), wins still credited; block() again', async () => {
      const p = await player(1000, { blocked: true });
      const id = fresh('b');
      expect(await codeOf(wallet().balance(balanceRequest(p), context({})))).toBe(407);
      expect(await codeOf(send(wallet(), 'bet', { player: p, id, amount: 1 }))).toBe(407);
      await ledger().unblock(p);
      expect(await codeOf(send(wallet(), 'bet', { player: p, id, amount: 1 }))).toBe(407);
      expect(await codeOf(send(wallet(), 'bet', { player: p, id: fresh('b'), amount: 1 }))).toBe(200);
      await ledger().block(p);
      expect(await codeOf(wallet().balance(balanceRequest(p), context({})))).toBe(407);
      expect((await send(wallet(), 'win', { player: p, id: fresh('w'), amount: 5 })).balance).toBe(1004);
    });

    it('currency other than the wallet currency: 400, not stored, nothing moves', async () => {
      const p = await player(1000);
      const id = fresh('b');
      expect(await codeOf(send(wallet(), 'bet', { player: p, id, amount: 100, currency: 'USD' }))).toBe(400);
      expect(await codeOf(wallet().balance(balanceRequest(p, 'USD'), context({})))).toBe(400);
      expect(await balanceOf(p)).toBe(1000);
      expect((await send(wallet(), 'bet', { player: p, id, amount: 100 })).balance).toBe(900);
    });

    it('refund of an unknown bet: 406 (replayed); the bet arriving later is refused 408, not debited', async () => {
      const p = await player(1000);
      const bet = fresh('b');
      const refund = fresh('r');
      expect(await codeOf(send(wallet(), 'refund', { player: p, id: refund, amount: 100, original: bet }))).toBe(406);
      expect(await codeOf(send(wallet(), 'bet', { player: p, id: bet, amount: 100 }))).toBe(408);
      expect(await codeOf(send(wallet(), 'refund', { player: p, id: refund, amount: 100, original: bet }))).toBe(406);
      expect(await balanceOf(p)).toBe(1000);
    });

    it("refund of another player's bet is 406 and moves nothing", async () => {
      const a = await player(1000);
      const b = await player(1000);
      const bet = fresh('b');
      await send(wallet(), 'bet', { player: a, id: bet, amount: 100 });
      expect(await codeOf(send(wallet(), 'refund', { player: b, id: fresh('r'), amount: 100, original: bet }))).toBe(
        406,
      );
      expect([await balanceOf(a), await balanceOf(b)]).toEqual([900, 1000]);
    });

    it('rollback of an unknown win: 200, nothing moves; the win arriving later is not credited', async () => {
      const p = await player(1000);
      const win = fresh('w');
      const answer = await send(wallet(), 'rollback-win', { player: p, id: fresh('rb'), amount: 50, original: win });
      expect(answer.balance).toBe(1000);
      expect((await send(wallet(), 'win', { player: p, id: win, amount: 50 })).balance).toBe(1000);
      expect(await balanceOf(p)).toBe(1000);
    });

    it('a second refund or rollback (new id) of the same original moves nothing', async () => {
      const p = await player(1000);
      const bet = fresh('b');
      const win = fresh('w');
      await send(wallet(), 'bet', { player: p, id: bet, amount: 100 });
      await send(wallet(), 'win', { player: p, id: win, amount: 300 });
      await send(wallet(), 'refund', { player: p, id: fresh('r'), amount: 100, original: bet });
      expect((await send(wallet(), 'refund', { player: p, id: fresh('r'), amount: 100, original: bet })).balance).toBe(
        1300,
      );
      await send(wallet(), 'rollback-win', { player: p, id: fresh('rb'), amount: 300, original: win });
      const second = await send(wallet(), 'rollback-win', { player: p, id: fresh('rb'), amount: 300, original: win });
      expect(second.balance).toBe(1000);
      expect(await balanceOf(p)).toBe(1000);
    });

    it('refund and rollback move the ORIGINAL amount back, whatever amount they carry', async () => {
      const p = await player(1000);
      const bet = fresh('b');
      const win = fresh('w');
      await send(wallet(), 'bet', { player: p, id: bet, amount: 100 });
      await send(wallet(), 'win', { player: p, id: win, amount: 300 });
      expect((await send(wallet(), 'refund', { player: p, id: fresh('r'), amount: 7, original: bet })).balance).toBe(
        1300,
      );
      const rollback = await send(wallet(), 'rollback-win', {
        player: p,
        id: fresh('rb'),
        amount: 9999,
        original: win,
      });
      expect(rollback.balance).toBe(1000);
    });

    it('a rollback may take the balance below zero', async () => {
      const p = await player(0);
      const win = fresh('w');
      await send(wallet(), 'win', { player: p, id: win, amount: 500 });
      await send(wallet(), 'bet', { player: p, id: fresh('b'), amount: 400 });
      const answer = await send(wallet(), 'rollback-win', { player: p, id: fresh('rb'), amount: 500, original: win });
      expect(answer.balance).toBe(-400);
      expect(await balanceOf(p)).toBe(-400);
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
