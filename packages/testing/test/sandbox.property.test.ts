/**
 * Properties of the sandbox over random sessions: whatever the order, replays and
 * refusals, the books add up and no transaction ever moves money twice.
 */
import type { WalletRequest } from '@tbb-wallet/core';
import type { CallContext } from '@tbb-wallet/handler';
import { WalletRefusal } from '@tbb-wallet/handler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRequest } from '../src/conformance/requests.ts';
import { createSandboxWallet } from '../src/index.ts';

const context: CallContext = { signal: new AbortController().signal, receivedAt: 0, rawBody: new Uint8Array() };

/** One call of a random session: ids come from a small pool, so replays, conflicts and tombstones happen. */
const call = fc.record({
  action: fc.constantFrom('bet', 'win', 'refund', 'rollback-win'),
  id: fc.integer({ min: 1, max: 6 }),
  original: fc.integer({ min: 1, max: 6 }),
  amount: fc.constantFrom(0, 1, 50, 400, 2000),
});

async function send(wallet: ReturnType<typeof createSandboxWallet>, request: WalletRequest) {
  const w = wallet as unknown as Record<string, (r: unknown, c: CallContext) => Promise<unknown>>;
  const method = request.action === 'rollback-win' ? 'rollbackWin' : request.action;
  try {
    return await w[method]!(request, context); // player_id is already a string, as Received<> wants
  } catch (error) {
    if (!(error instanceof WalletRefusal)) throw error;
    return error;
  }
}

describe('sandbox wallet properties', () => {
  it('balance = opening + every entry; one entry per transaction; refunds and rollbacks never exceed their original', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(call, { maxLength: 40 }), async (calls) => {
        const wallet = createSandboxWallet({ players: [{ player_id: 'p', currency_code: 'EUR', balance: 1000 }] });
        for (const c of calls) {
          const spec = { id: `${c.action}-${c.id}`, amount: c.amount, player_id: 'p', currency_code: 'EUR' };
          const original = `${c.action === 'refund' ? 'bet' : 'win'}-${c.original}`;
          await send(wallet, buildRequest(c.action, { ...spec, original }));
        }
        const entries = wallet.ledger.entries();
        const sum = entries.reduce((total, e) => total + e.movement, 0);
        expect(wallet.ledger.balanceOf('p')).toBe(1000 + sum);
        const keys = entries.map((e) => `${e.action}:${e.transactionId}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const e of entries) if (e.action === 'bet') expect(e.balance).toBeGreaterThanOrEqual(0);
        const moved = (action: string) => entries.filter((e) => e.action === action && e.movement !== 0).length;
        expect(moved('refund')).toBeLessThanOrEqual(moved('bet'));
        expect(moved('rollback-win')).toBeLessThanOrEqual(moved('win'));
      }),
      { numRuns: 300 },
    );
  });

  it('replaying a whole session changes nothing and answers every call as before', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(call, { maxLength: 30 }), async (calls) => {
        const wallet = createSandboxWallet({ players: [{ player_id: 'p', currency_code: 'EUR', balance: 1000 }] });
        const requests = calls.map((c) =>
          buildRequest(c.action, {
            id: `${c.action}-${c.id}`,
            amount: c.amount,
            original: `${c.action === 'refund' ? 'bet' : 'win'}-${c.original}`,
            player_id: 'p',
            currency_code: 'EUR',
          }),
        );
        const first = [];
        for (const request of requests) first.push(await send(wallet, request));
        const balance = wallet.ledger.balanceOf('p');
        const entries = wallet.ledger.entries().length;
        for (const [index, request] of requests.entries()) {
          const again = await send(wallet, request);
          const before = first[index];
          // An answer or definitive refusal is replayed as it was; a 400 (reused id, other body) stays a 400.
          if (before instanceof WalletRefusal) expect((again as WalletRefusal).code).toBe(before.code);
          else if (!(again instanceof WalletRefusal)) expect(again).toEqual(before);
          else expect(again.code).toBe(400);
        }
        expect(wallet.ledger.balanceOf('p')).toBe(balance);
        expect(wallet.ledger.entries()).toHaveLength(entries);
      }),
      { numRuns: 300 },
    );
  });
});
