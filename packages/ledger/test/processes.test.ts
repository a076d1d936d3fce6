/**
 * Two server processes on one PostgreSQL: the same wins sent to both at once are each
 * credited once, and both servers answer them alike.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../src/index.ts';
import { createLedger } from '../src/index.ts';
import { untilAnswered } from './support/books.ts';
import { transferRequest } from './support/calls.ts';
import { startServer, stopServers } from './support/child-server.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';

describe.skipIf(noDatabase)(`two server processes on one PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  let ledger: Ledger;
  const children: ChildProcess[] = [];
  let urls: string[];
  beforeAll(async () => {
    schema = await createTestSchema();
    ledger = createLedger({ database: schema.pool(2) });
    await ledger.migrate();
    const servers = await Promise.all([startServer(schema.url, children), startServer(schema.url, children)]);
    urls = servers.map((server) => server.url);
  }, 60_000);
  afterAll(async () => {
    await stopServers(children);
    await ledger.close();
    await schema.drop();
  });

  it('the same 30 wins sent to both servers at once: each credited once, answered alike by both', async () => {
    const players = Array.from({ length: 10 }, (_, i) => `proc-${i}`);
    for (const p of players) await ledger.addPlayer({ player_id: p, currency_code: 'EUR', balance: 1000 });
    const wins = Array.from({ length: 30 }, (_, i) =>
      transferRequest('win', { player: players[i % 10] as string, id: `pw-${i}`, amount: 10 + i }),
    );
    // A 503 (a connection or lock wait past the ledger's bounds on a busy machine) is retried, as a provider does.
    const answers = await Promise.all(wins.map((win) => Promise.all(urls.map((url) => untilAnswered(url, win)))));
    for (const [a, b] of answers as [
      Awaited<ReturnType<typeof untilAnswered>>,
      Awaited<ReturnType<typeof untilAnswered>>,
    ][]) {
      expect(a.status).toBe(200);
      expect(b).toEqual(a);
    }
    const entries = await ledger.entries();
    expect(entries).toHaveLength(30);
    for (const [i, p] of players.entries()) {
      const credited = wins.filter((w) => w.player_id === p).reduce((sum, w) => sum + w.amount, 0);
      expect(await ledger.balanceOf(p), `player ${i}`).toBe(1000 + credited);
    }
  });
});
