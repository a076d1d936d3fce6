/**
 * The calls of one round that must cancel out, all at once and each 20 times, through two
 * ledgers (two pools, two HTTP servers) on one schema: a bet and its refund (either order may
 * win: bet then refund, or refund 406 and the bet 408), a second refund of the same bet, a win
 * and two rollbacks of it. Each body is answered identically every time, nothing but 200, 406
 * and 408 is answered, and the balance ends where it began with at most one entry per id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../src/index.ts';
import { createLedger } from '../src/index.ts';
import { transferRequest } from './support/calls.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import { post, serve } from './support/http.ts';

describe.skipIf(noDatabase)(`a round's cancelling calls raced through two ledgers${pgSkipReason}`, () => {
  let schema: TestSchema;
  let first: Ledger;
  let second: Ledger;
  let servers: Awaited<ReturnType<typeof serve>>[];
  beforeAll(async () => {
    schema = await createTestSchema();
    first = createLedger({ database: schema.url });
    second = createLedger({ database: schema.pool(3) });
    await first.migrate();
    servers = await Promise.all([serve(first.wallet), serve(second.wallet)]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await first.close();
    await second.close();
    await schema.drop();
  });

  it('5 rounds of 6 calls × 20 copies at once: one effect per id, identical answers, the balance unchanged', async () => {
    const orders = new Set<string>();
    for (let k = 0; k < 5; k++) {
      const player = `race-${k}`;
      await first.addPlayer({ player_id: player, currency_code: 'EUR', balance: 1000 });
      const bet = transferRequest('bet', { player, id: `b-${k}`, amount: 100 });
      const refund = transferRequest('refund', { player, id: `r-${k}`, amount: 100, original: `b-${k}` });
      const refundAgain = transferRequest('refund', { player, id: `r2-${k}`, amount: 100, original: `b-${k}` });
      const win = transferRequest('win', { player, id: `w-${k}`, amount: 50 });
      const rollback = transferRequest('rollback-win', { player, id: `rb-${k}`, amount: 50, original: `w-${k}` });
      const rollbackAgain = transferRequest('rollback-win', { player, id: `rb2-${k}`, amount: 50, original: `w-${k}` });
      const bodies = [bet, refund, refundAgain, win, rollback, rollbackAgain];
      const sent = bodies.flatMap((body) =>
        Array.from({ length: 20 }, (_, copy) =>
          post(servers[copy % 2]!.url, body).then((answer) => ({ body, answer })),
        ),
      );
      const answers = await Promise.all(sent);
      const answerOf = (body: unknown) => {
        const distinct = new Set(answers.filter((a) => a.body === body).map((a) => JSON.stringify(a.answer)));
        expect(distinct.size).toBe(1);
        return answers.find((a) => a.body === body)!.answer;
      };
      const [betAnswer, refundAnswer, refundAgainAnswer] = [bet, refund, refundAgain].map(answerOf);
      const [winAnswer, rollbackAnswer, rollbackAgainAnswer] = [win, rollback, rollbackAgain].map(answerOf);
      expect(answers.every(({ answer }) => [200, 406, 408].includes(answer.status))).toBe(true);
      // A refund that came first: 406, and the bet that follows it is refused 408.
      if (betAnswer!.status === 408) expect([refundAnswer!.status, refundAgainAnswer!.status]).toEqual([406, 406]);
      else expect([betAnswer!.status, refundAnswer!.status, refundAgainAnswer!.status]).toEqual([200, 200, 200]);
      expect([winAnswer!.status, rollbackAnswer!.status, rollbackAgainAnswer!.status]).toEqual([200, 200, 200]);
      orders.add(betAnswer!.status === 408 ? 'refund first' : 'bet first');
      expect(await first.balanceOf(player)).toBe(1000);
      const entries = await first.entries(player);
      const ids = entries.map((entry) => entry.transactionId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(entries.reduce((sum, entry) => sum + entry.movement, 0)).toBe(0);
      // Of each pair, one moved and the other (the second refund or rollback) moved nothing.
      expect(entries.filter((entry) => entry.movement !== 0).length).toBeLessThanOrEqual(4);
    }
    expect(orders.size).toBeGreaterThan(0);
  }, 120_000);
});
