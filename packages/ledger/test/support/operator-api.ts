/**
 * The operator's own API on a ledger — addPlayer, deposit, withdraw, block, unblock —
 * run on each driver by rules.test.ts: none of it can destroy money, each movement is
 * applied once per key, and every balance stays its opening plus its entries.
 */
import { randomUUID } from 'node:crypto';
import { BadRequestError, InsufficientFundsError, PlayerNotFoundError } from '@tbb-wallet/handler';
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/index.ts';
import { balanceRequest, codeOf, context, send } from './calls.ts';

export function describeOperatorApi(name: string, subject: () => Ledger): void {
  describe(`operator API: ${name}`, () => {
    const run = randomUUID().slice(0, 8);
    let n = 0;
    const fresh = (label: string) => `${run}-${label}-${++n}`;
    async function player(balance: number) {
      const id = fresh('p');
      await subject().addPlayer({ player_id: id, currency_code: 'EUR', balance });
      return id;
    }
    async function expectBooksBalance(p: string, opening: number) {
      const moved = (await subject().entries(p)).reduce((sum, e) => sum + e.movement, 0);
      expect(await subject().balanceOf(p)).toBe(opening + moved);
    }

    it('addPlayer creates once and never changes an existing player (balance, currency, block)', async () => {
      const p = fresh('p');
      const first = await subject().addPlayer({ player_id: p, currency_code: 'EUR', balance: 1000 });
      expect(first).toEqual({
        created: true,
        player: { player_id: p, currency_code: 'EUR', balance: 1000, blocked: false },
      });
      await send(subject().wallet, 'bet', { player: p, id: fresh('b'), amount: 300 });
      // What the README's start-up does on every restart: nothing changes.
      const again = await subject().addPlayer({ player_id: p, currency_code: 'USD', balance: 5, blocked: true });
      expect(again).toEqual({
        created: false,
        player: { player_id: p, currency_code: 'EUR', balance: 700, blocked: false },
      });
      expect(await subject().balanceOf(p)).toBe(700);
      await expectBooksBalance(p, 1000);
    });

    it.each([
      ['an empty player_id', { player_id: '', currency_code: 'EUR', balance: 0 }, /player_id/],
      ['a currency that is not ISO 4217', { player_id: 'x', currency_code: 'euro', balance: 0 }, /currency_code/],
      ['a fractional balance', { player_id: 'x', currency_code: 'EUR', balance: 1.5 }, /balance/],
      ['a balance above 2^53−1', { player_id: 'x', currency_code: 'EUR', balance: 2 ** 53 }, /balance/],
    ])('addPlayer refuses %s, saying which field', async (_name, given, want) => {
      await expect(subject().addPlayer(given)).rejects.toThrow(want);
    });

    it('deposit and withdraw: once per key, replayed with the first receipt, recorded as entries', async () => {
      const p = await player(1000);
      const key = fresh('dep');
      const deposit = await subject().deposit({ player_id: p, amount: 500, key });
      expect(deposit).toMatchObject({ balance: 1500, currency_code: 'EUR' });
      expect(await subject().deposit({ player_id: p, amount: 500, key })).toEqual(deposit);
      const withdrawal = await subject().withdraw({ player_id: p, amount: 200, key: fresh('wd') });
      expect(withdrawal.balance).toBe(1300);
      const entries = await subject().entries(p);
      expect(entries.map((e) => [e.action, e.movement, e.balance, e.transactionId])).toEqual([
        ['deposit', 500, 1500, key],
        ['withdrawal', -200, 1300, expect.any(String)],
      ]);
      expect(entries[0]?.operatorTransactionId).toBe(deposit.transaction_id);
      await expectBooksBalance(p, 1000);
    });

    it('10 copies of one deposit at once: credited once, all answered alike', async () => {
      const p = await player(0);
      const request = { player_id: p, amount: 250, key: fresh('dep') };
      const receipts = await Promise.all(Array.from({ length: 10 }, () => subject().deposit(request)));
      expect(new Set(receipts.map((r) => JSON.stringify(r))).size).toBe(1);
      expect(await subject().balanceOf(p)).toBe(250);
      await expectBooksBalance(p, 0);
    });

    it('a withdrawal above the balance is 402 and stays refused for its key after a deposit; nothing moves', async () => {
      const p = await player(100);
      const request = { player_id: p, amount: 500, key: fresh('wd') };
      await expect(subject().withdraw(request)).rejects.toThrow(InsufficientFundsError);
      await subject().deposit({ player_id: p, amount: 1000, key: fresh('dep') });
      await expect(subject().withdraw(request)).rejects.toThrow(InsufficientFundsError);
      expect(await subject().balanceOf(p)).toBe(1100);
      await expectBooksBalance(p, 100);
    });

    it('a key reused for another amount or player is 400; an unknown player is 404 and stores nothing', async () => {
      const p = await player(100);
      const key = fresh('dep');
      await subject().deposit({ player_id: p, amount: 10, key });
      await expect(subject().deposit({ player_id: p, amount: 11, key })).rejects.toThrow(BadRequestError);
      const ghost = fresh('ghost');
      const later = fresh('dep');
      await expect(subject().deposit({ player_id: ghost, amount: 10, key: later })).rejects.toThrow(
        PlayerNotFoundError,
      );
      await subject().addPlayer({ player_id: ghost, currency_code: 'EUR', balance: 0 });
      expect((await subject().deposit({ player_id: ghost, amount: 10, key: later })).balance).toBe(10);
      expect(await subject().balanceOf(p)).toBe(110);
    });

    it.each([
      ['amount 0', { amount: 0 }, RangeError],
      ['a negative amount', { amount: -5 }, RangeError],
      ['a fractional amount', { amount: 0.5 }, RangeError],
      ['an empty key', { key: '' }, TypeError],
    ])('deposit and withdraw refuse %s before touching the database', async (_name, change, want) => {
      const p = await player(100);
      const request = { player_id: p, amount: 10, key: fresh('k'), ...change };
      await expect(subject().deposit(request)).rejects.toThrow(want);
      await expect(subject().withdraw(request)).rejects.toThrow(want);
      expect(await subject().balanceOf(p)).toBe(100);
    });

    it('block() and unblock(): 407 for balance and bets while blocked; unknown player is 404', async () => {
      const p = await player(100);
      expect(await subject().block(p)).toEqual({ player_id: p, currency_code: 'EUR', balance: 100, blocked: true });
      expect(await codeOf(subject().wallet.balance(balanceRequest(p), context({})))).toBe(407);
      expect(await codeOf(send(subject().wallet, 'bet', { player: p, id: fresh('b'), amount: 1 }))).toBe(407);
      expect((await subject().unblock(p)).blocked).toBe(false);
      expect(await codeOf(send(subject().wallet, 'bet', { player: p, id: fresh('b'), amount: 1 }))).toBe(200);
      await expect(subject().block(fresh('ghost'))).rejects.toThrow(PlayerNotFoundError);
      expect(await subject().balanceOf(p)).toBe(99);
    });
  });
}
