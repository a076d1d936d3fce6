/**
 * The operator process is SIGKILLed in the middle of a load of duplicate deliveries, and
 * started again: once every call has been retried, each id moved money at most once, each
 * balance is its opening plus its recorded movements, every 200 a caller saw is recorded,
 * and replays answer the original.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../src/index.ts';
import { createLedger } from '../src/index.ts';
import { deliver, expectReconciled, mixedLoad, settle } from './support/books.ts';
import { startServer, stopServers } from './support/child-server.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';

describe.skipIf(noDatabase)(`the operator killed mid-load on PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  let books: Ledger;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    schema = await createTestSchema();
    books = createLedger({ database: schema.pool(2) });
    await books.migrate();
  });
  afterAll(async () => {
    await stopServers(children);
    await books.close();
    await schema.drop();
  });

  it('SIGKILL after 20 of 60 calls with 12 requests in flight, restart: the books reconcile', async () => {
    const players = Array.from({ length: 6 }, (_, i) => `sk-${i}`);
    const opening = new Map(players.map((p) => [p, 1000]));
    for (const p of players) await books.addPlayer({ player_id: p, currency_code: 'EUR', balance: 1000 });
    const calls = mixedLoad(players, 10, 'sk');

    const first = await startServer(schema.url, children);
    let killed = false;
    const killer = (async () => {
      while (calls.filter((c) => c.seen.length > 0).length < 20) await new Promise((r) => setTimeout(r, 5));
      first.child.kill('SIGKILL');
      killed = true;
    })();
    await deliver(calls, () => first.url, { concurrency: 6, stop: () => killed });
    await killer;
    const seen = calls.flatMap((c) => c.seen.map((s) => s.status));
    expect(seen.filter((s) => s === 0).length, 'requests the kill left unanswered').toBeGreaterThan(0);
    expect(seen.filter((s) => s === 200).length).toBeGreaterThan(0);

    const second = await startServer(schema.url, children);
    await expectReconciled(books, calls, await settle(calls, second.url), opening);
  }, 60_000);
});
