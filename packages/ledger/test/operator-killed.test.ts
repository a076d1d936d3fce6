/**
 * The operator process is SIGKILLed in the middle of a load of duplicate deliveries, and
 * another takes over on the same database: once every call has been retried, each id moved money at most once, each
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

  it('SIGKILL after 20 of 60 calls with 12 requests in flight, then another process: the books reconcile', async () => {
    const { calls, opening } = await mixedLoad(books, { count: 6, perPlayer: 10, tag: 'sk' });

    // The replacement process starts alongside (a cold start takes seconds); it serves only after the kill.
    const [first, second] = await Promise.all([startServer(schema.url, children), startServer(schema.url, children)]);
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

    await expectReconciled(books, calls, await settle(calls, second.url), opening);
  }, 60_000);
});
