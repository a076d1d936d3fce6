/**
 * The wallet rules every operator wallet of this project must follow, as one vitest
 * suite any implementation runs: the sandbox (test/sandbox-rules.test.ts) and the
 * PostgreSQL ledger on each of its drivers. It calls the five callbacks directly, the
 * way the handler does, and only observes answers, refusals and balances.
 *
 * `setup` is called before each test and `close` after it. Every test uses fresh player
 * and transaction ids, so `setup` may hand back the same subject (one database) each
 * time, with a `close` that does nothing until the file's own `afterAll`.
 *
 * @see docs/WALLET-PROTOCOL.md §4 (vendor rules) and §6 (this project's decisions)
 */
import { randomUUID } from 'node:crypto';
import type { BalanceRequest, BetRequest, RefundRequest, RollbackWinRequest, WinRequest } from '@tbb-wallet/core';
import type { CallContext, Received, WalletCallbacks } from '@tbb-wallet/handler';
import { WalletRefusal } from '@tbb-wallet/handler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** A wallet under test, with the two things the suite needs besides its callbacks. */
export interface RuleSubject {
  wallet: WalletCallbacks;
  addPlayer(p: { player_id: string; currency_code: string; balance: number; blocked?: boolean }): Promise<void>;
  balanceOf(playerId: string): Promise<number>;
  close?(): Promise<void>;
}

type Transfer = 'bet' | 'win' | 'refund' | 'rollback-win';

/** Runs every rule against the wallet `setup` returns (called before each test). */
export function describeWalletRules(name: string, setup: () => Promise<RuleSubject>): void {
  describe(`wallet rules: ${name}`, () => {
    let subject: RuleSubject;
    let run: string;
    beforeEach(async () => {
      subject = await setup();
      run = randomUUID().slice(0, 8);
    });
    afterEach(async () => {
      await subject.close?.();
    });

    /** A fresh player of this test, in EUR. */
    async function player(balance: number, extra: { blocked?: boolean; currency_code?: string } = {}) {
      const id = `rules-${run}-${randomUUID().slice(0, 8)}`;
      await subject.addPlayer({ player_id: id, currency_code: 'EUR', balance, ...extra });
      return id;
    }
    const tx = (label: string) => `${run}-${label}`;
    const balanceOf = (id: string) => subject.balanceOf(id);

    function context(request: unknown): CallContext {
      return {
        signal: new AbortController().signal,
        receivedAt: Date.now(),
        rawBody: new TextEncoder().encode(JSON.stringify(request)),
      };
    }

    async function balance(playerId: string, extra: Partial<Received<BalanceRequest>> = {}) {
      const request: Received<BalanceRequest> = {
        player_id: playerId,
        currency_code: 'EUR',
        is_mobile: false,
        action: 'balance',
        reference: 'barbarabang::MadMonkey',
        session_token: 'session-1',
        ...extra,
      };
      return subject.wallet.balance(request, context(request));
    }

    interface Move {
      player: string;
      id: string;
      amount: number;
      /** refunded_transaction_id / rollback_win_transaction_id */
      original?: string;
      currency?: string;
      session?: string;
      round?: string;
    }

    /** Sends one bet, win, refund or rollback-win through its callback. */
    async function send(action: Transfer, move: Move) {
      const base = {
        player_id: move.player,
        currency_code: move.currency ?? 'EUR',
        is_mobile: false,
        amount: move.amount,
      };
      const transfer = { transaction_id: move.id, round_id: move.round ?? `${run}-round` };
      const payload = { reference: 'barbarabang::MadMonkey', session_token: move.session ?? 'session-1' };
      const w = subject.wallet;
      if (action === 'bet') {
        const r: Received<BetRequest> = { ...base, action, payload: { ...payload, provider_transfer_data: transfer } };
        return w.bet(r, context(r));
      }
      if (action === 'win') {
        const data = { ...transfer, round_close: true };
        const r: Received<WinRequest> = { ...base, action, payload: { ...payload, provider_transfer_data: data } };
        return w.win(r, context(r));
      }
      if (action === 'refund') {
        const data = { ...transfer, refunded_transaction_id: move.original ?? 'none' };
        const r: Received<RefundRequest> = { ...base, action, payload: { ...payload, provider_transfer_data: data } };
        return w.refund(r, context(r));
      }
      const data = { ...transfer, rollback_win_transaction_id: move.original ?? 'none' };
      const r: Received<RollbackWinRequest> = {
        ...base,
        action,
        payload: { ...payload, provider_transfer_data: data },
      };
      return w.rollbackWin(r, context(r));
    }

    /** The protocol code a call was refused with; fails the test when it was answered. */
    async function refusalOf(call: Promise<unknown> | unknown): Promise<number> {
      try {
        await call;
      } catch (error) {
        expect(error).toBeInstanceOf(WalletRefusal);
        return (error as WalletRefusal).code;
      }
      throw new Error('expected a refusal, the call was answered 200');
    }

    /** A player with an accepted bet of 300 (`b1`) and win of 500 (`w1`) on an opening balance of 1000. */
    async function playedRound() {
      const p = await player(1000);
      await send('bet', { player: p, id: tx('b1'), amount: 300 });
      await send('win', { player: p, id: tx('w1'), amount: 500 });
      return p;
    }

    describe('vendor rules (§4)', () => {
      it('balance answers the player, the balance and the currency', async () => {
        const p = await player(12345);
        expect(await balance(p)).toEqual({ player_id: p, balance: 12345, currency_code: 'EUR' });
      });

      it('bet debits the amount and answers the new balance with an operator transaction id', async () => {
        const p = await player(1000);
        const answer = await send('bet', { player: p, id: tx('b1'), amount: 250 });
        expect(answer).toEqual({ transaction_id: expect.any(String), balance: 750, currency_code: 'EUR' });
        expect(answer.transaction_id).not.toBe('');
        expect(await balanceOf(p)).toBe(750);
      });

      it('bet larger than the balance is refused 402 and debits nothing', async () => {
        const p = await player(1000);
        expect(await refusalOf(send('bet', { player: p, id: tx('b1'), amount: 1001 }))).toBe(402);
        expect(await balanceOf(p)).toBe(1000);
      });

      it('bet of exactly the balance is accepted and leaves 0', async () => {
        const p = await player(1000);
        expect((await send('bet', { player: p, id: tx('b1'), amount: 1000 })).balance).toBe(0);
        expect(await balanceOf(p)).toBe(0);
      });

      it('win credits the amount', async () => {
        const p = await player(1000);
        expect((await send('win', { player: p, id: tx('w1'), amount: 400 })).balance).toBe(1400);
        expect(await balanceOf(p)).toBe(1400);
      });

      it('win of 0 (a lost round) is recorded: answered 200, replayed with the same operator id', async () => {
        const p = await player(1000);
        const first = await send('win', { player: p, id: tx('w0'), amount: 0 });
        expect(first.balance).toBe(1000);
        expect(await send('win', { player: p, id: tx('w0'), amount: 0 })).toEqual(first);
        expect(await balanceOf(p)).toBe(1000);
      });

      it('refund gives the bet back', async () => {
        const p = await playedRound();
        const answer = await send('refund', { player: p, id: tx('r1'), amount: 300, original: tx('b1') });
        expect(answer.balance).toBe(1500);
        expect(await balanceOf(p)).toBe(1500);
      });

      it('refund of an unknown bet is refused 406 and moves nothing', async () => {
        const p = await player(1000);
        expect(await refusalOf(send('refund', { player: p, id: tx('r1'), amount: 300, original: tx('nope') }))).toBe(
          406,
        );
        expect(await balanceOf(p)).toBe(1000);
      });

      it('rollback-win takes the win back', async () => {
        const p = await playedRound();
        const answer = await send('rollback-win', { player: p, id: tx('rb1'), amount: 500, original: tx('w1') });
        expect(answer.balance).toBe(700);
        expect(await balanceOf(p)).toBe(700);
      });

      it("the vendor's rollback-win example, whose transaction_id repeats the win's, is applied", async () => {
        const p = await playedRound();
        const answer = await send('rollback-win', { player: p, id: tx('w1'), amount: 500, original: tx('w1') });
        expect(answer.balance).toBe(700);
      });

      it('every accepted transaction gets its own operator transaction id', async () => {
        const p = await player(1000);
        const ids = [
          (await send('bet', { player: p, id: tx('b1'), amount: 100 })).transaction_id,
          (await send('bet', { player: p, id: tx('b2'), amount: 100 })).transaction_id,
          (await send('win', { player: p, id: tx('w1'), amount: 100 })).transaction_id,
        ];
        expect(new Set(ids).size).toBe(3);
      });

      it.each<[string, Transfer | 'balance']>([
        ['balance', 'balance'],
        ['bet', 'bet'],
        ['win', 'win'],
        ['refund', 'refund'],
        ['rollback-win', 'rollback-win'],
      ])('%s for an unknown player is refused 404', async (_, action) => {
        const ghost = `rules-${run}-ghost`;
        const call = action === 'balance' ? balance(ghost) : send(action, { player: ghost, id: tx('x'), amount: 1 });
        expect(await refusalOf(call)).toBe(404);
      });

      it('bet of a blocked player is refused 407 and debits nothing', async () => {
        const p = await player(1000, { blocked: true });
        expect(await refusalOf(send('bet', { player: p, id: tx('b1'), amount: 100 }))).toBe(407);
        expect(await balanceOf(p)).toBe(1000);
      });
    });

    describeDecisionRules({ player, tx, balanceOf, balance, send, refusalOf, playedRound });
  });
}

/** What the §6 rules need from the suite above. */
interface Kit {
  player(balance: number, extra?: { blocked?: boolean }): Promise<string>;
  tx(label: string): string;
  balanceOf(id: string): Promise<number>;
  balance(playerId: string, extra?: { currency_code?: string }): Promise<unknown>;
  send(
    action: Transfer,
    move: { player: string; id: string; amount: number; original?: string; currency?: string; session?: string },
  ): Promise<{ transaction_id: string; balance: number; currency_code: string }>;
  refusalOf(call: Promise<unknown> | unknown): Promise<number>;
  playedRound(): Promise<string>;
}

/** The rows shared by the idempotency rules: one call of each transfer action on {@link Kit.playedRound}. */
const eachTransfer: [Transfer, { amount: number; original?: string; moves: number }][] = [
  ['bet', { amount: 100, moves: -100 }],
  ['win', { amount: 100, moves: 100 }],
  ['refund', { amount: 300, original: 'b1', moves: 300 }],
  ['rollback-win', { amount: 500, original: 'w1', moves: -500 }],
];

function describeDecisionRules(k: Kit): void {
  describe("this project's decisions (§6)", () => {
    it.each(eachTransfer)(
      '%s replayed with the same body gets the ORIGINAL answer and moves money once',
      async (action, { amount, original, moves }) => {
        const p = await k.playedRound();
        const move = { player: p, id: k.tx('dup'), amount, original: original && k.tx(original) };
        const first = await k.send(action, move);
        expect(first.balance).toBe(1200 + moves);
        await k.send('win', { player: p, id: k.tx('later'), amount: 7 }); // the balance moves on meanwhile
        expect(await k.send(action, move)).toEqual(first);
        expect(await k.balanceOf(p)).toBe(1200 + moves + 7);
      },
    );

    it.each(eachTransfer)(
      '%s with a reused transaction_id and another body is refused 400 and changes nothing',
      async (action, { amount, original }) => {
        const p = await k.playedRound();
        const move = { player: p, id: k.tx('dup'), amount, original: original && k.tx(original) };
        await k.send(action, move);
        const after = await k.balanceOf(p);
        expect(await k.refusalOf(k.send(action, { ...move, amount: amount + 1 }))).toBe(400);
        expect(await k.balanceOf(p)).toBe(after);
      },
    );

    it.each<[Transfer, number]>([
      ['win', 250],
      ['bet', -250],
    ])('20 copies of one %s at once move money exactly once', async (action, moves) => {
      const p = await k.player(1000);
      const move = { player: p, id: k.tx('burst'), amount: 250 };
      const answers = await Promise.allSettled(Array.from({ length: 20 }, () => k.send(action, move)));
      const accepted = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
      const refused = answers.flatMap((a) => (a.status === 'rejected' ? [a.reason as { code?: number }] : []));
      expect(accepted.length).toBeGreaterThan(0);
      for (const answer of accepted) expect(answer).toEqual(accepted[0]); // the original answer
      for (const reason of refused) expect(reason.code).toBe(503); // or retryable
      expect(await k.balanceOf(p)).toBe(1000 + moves);
    });

    it('a bet refused 402 stays refused after the balance grows, and is not debited', async () => {
      const p = await k.player(100);
      const bet = { player: p, id: k.tx('big'), amount: 500 };
      expect(await k.refusalOf(k.send('bet', bet))).toBe(402);
      await k.send('win', { player: p, id: k.tx('w1'), amount: 1000 });
      expect(await k.refusalOf(k.send('bet', bet))).toBe(402);
      expect(await k.balanceOf(p)).toBe(1100);
    });

    it('a refund of an unknown bet is remembered: the bet arriving later is refused 408 and not debited', async () => {
      const p = await k.player(1000);
      const refund = { player: p, id: k.tx('r1'), amount: 300, original: k.tx('late-bet') };
      expect(await k.refusalOf(k.send('refund', refund))).toBe(406);
      expect(await k.refusalOf(k.send('bet', { player: p, id: k.tx('late-bet'), amount: 300 }))).toBe(408);
      expect(await k.balanceOf(p)).toBe(1000);
    });

    it('a rollback of an unknown win answers 200 with the balance, and the win arriving later is not credited', async () => {
      const p = await k.player(1000);
      const rollback = await k.send('rollback-win', { player: p, id: k.tx('rb1'), amount: 500, original: k.tx('w') });
      expect(rollback.balance).toBe(1000);
      const win = await k.send('win', { player: p, id: k.tx('w'), amount: 500 });
      expect(win.balance).toBe(1000);
      expect(await k.balanceOf(p)).toBe(1000);
    });

    it.each<[string, Transfer, string]>([
      ['a second refund of the same bet', 'refund', 'b1'],
      ['a second rollback of the same win', 'rollback-win', 'w1'],
    ])('%s (new transaction_id) answers 200 with the balance and moves nothing', async (_, action, original) => {
      const p = await k.playedRound();
      const amount = action === 'refund' ? 300 : 500;
      const first = await k.send(action, { player: p, id: k.tx('x1'), amount, original: k.tx(original) });
      const second = await k.send(action, { player: p, id: k.tx('x2'), amount, original: k.tx(original) });
      expect(second.balance).toBe(first.balance);
      expect(await k.balanceOf(p)).toBe(first.balance);
    });

    it.each<[string, Transfer, number, number]>([
      ['refund asking less than the bet', 'refund', 1, 1500],
      ['refund asking more than the bet', 'refund', 9999, 1500],
      ['rollback-win asking less than the win', 'rollback-win', 1, 700],
      ['rollback-win asking more than the win', 'rollback-win', 9999, 700],
    ])('%s moves the ORIGINAL amount back', async (_, action, amount, want) => {
      const p = await k.playedRound();
      const original = k.tx(action === 'refund' ? 'b1' : 'w1');
      expect((await k.send(action, { player: p, id: k.tx('x'), amount, original })).balance).toBe(want);
      expect(await k.balanceOf(p)).toBe(want);
    });

    it('a rollback-win larger than the balance is applied and leaves it negative', async () => {
      const p = await k.player(0);
      await k.send('win', { player: p, id: k.tx('w1'), amount: 800 });
      await k.send('bet', { player: p, id: k.tx('b1'), amount: 700 });
      const answer = await k.send('rollback-win', { player: p, id: k.tx('rb'), amount: 800, original: k.tx('w1') });
      expect(answer.balance).toBe(-700);
      expect(await k.balanceOf(p)).toBe(-700);
    });

    it.each<[Transfer, string, number]>([
      ['win', 'w9', 1700],
      ['refund', 'b1', 1500],
      ['rollback-win', 'w1', 700],
    ])('%s with a session token never issued is still applied', async (action, original, want) => {
      const p = await k.playedRound();
      const move = { player: p, id: k.tx(original === 'w9' ? 'w9' : 'x'), amount: 500, session: 'expired-long-ago' };
      const answer = await k.send(action, action === 'win' ? move : { ...move, original: k.tx(original) });
      expect(answer.balance).toBe(want);
    });

    it('a win that would take the balance past 2^53−1 is refused 400 and credits nothing, then a fitting one is', async () => {
      const p = await k.player(100);
      const call = k.send('win', { player: p, id: k.tx('huge'), amount: Number.MAX_SAFE_INTEGER });
      expect(await k.refusalOf(call)).toBe(400);
      expect(await k.balanceOf(p)).toBe(100);
      const fits = await k.send('win', { player: p, id: k.tx('fits'), amount: Number.MAX_SAFE_INTEGER - 100 });
      expect(fits.balance).toBe(Number.MAX_SAFE_INTEGER);
    });

    it.each<[Transfer | 'balance']>([['balance'], ['bet'], ['win'], ['refund'], ['rollback-win']])(
      '%s in a currency other than the wallet currency is refused 400 and changes nothing',
      async (action) => {
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
        expect(await k.refusalOf(call)).toBe(400);
        expect(await k.balanceOf(p)).toBe(1200);
      },
    );
  });
}
