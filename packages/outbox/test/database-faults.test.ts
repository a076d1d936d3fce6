/**
 * Faults of the outbox's OWN database, through a TCP proxy of this test's own in front of
 * the shared PostgreSQL: connections cut under a running worker and under an `enqueue`,
 * the database frozen, down then up, a FATAL right after ready, a pool smaller than the
 * worker's concurrency, a user's pool without an 'error' listener. Each time: the exact
 * error, the worker keeps going, every credit reaches the operator's ledger (behind the
 * handler, over real HTTP) exactly once, and the process saw no unhandled error.
 */
import type { Ledger } from '@tbb-wallet/ledger';
import { createLedger } from '@tbb-wallet/ledger';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TcpProxy } from '../../../test/support/tcp-proxy.ts';
import { startTcpProxy } from '../../../test/support/tcp-proxy.ts';
import type { Outbox, OutboxEvent, OutboxOptions } from '../src/index.ts';
import { createOutbox, OutboxDatabaseError } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import type { TestOperator } from './support/operator.ts';
import { startOperator } from './support/operator.ts';
import { eventually, win } from './support/requests.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const secret = 'outbox-db-faults-secret';
const fast = {
  pollMs: 20,
  timeoutMs: 5000,
  leaseMs: 30_000,
  backoff: { phases: [{ untilMs: 600_000, minDelayMs: 20, maxDelayMs: 200 }], forbiddenDelayMs: 50 },
  databaseTimeouts: { acquireMs: 500, statementMs: 500, queryMs: 700 },
} satisfies Partial<OutboxOptions>;

/** Whatever the process saw unhandled while these tests ran. */
const unhandled: unknown[] = [];
const onUnhandled = (error: unknown) => unhandled.push(error);

describe.skipIf(noDatabase)(`the outbox's own PostgreSQL fails${pgSkipReason}`, () => {
  let provider: TestSchema;
  let operatorDb: TestSchema;
  let ledger: Ledger;
  let operator: TestOperator;
  let proxy: TcpProxy;
  let books: pg.Pool; // straight to the server, to read what really happened
  const opened: { outbox: Outbox; pool?: pg.Pool }[] = [];

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    [provider, operatorDb] = await Promise.all([createTestSchema('outboxdb_q'), createTestSchema('outboxdb_ledger')]);
    ledger = createLedger({ database: operatorDb.pool(4) });
    await ledger.migrate();
    operator = await startOperator(ledger, secret);
    books = provider.pool(2);
    await createOutbox({ database: books }).migrate();
    proxy = await startTcpProxy(provider.url);
  });
  afterEach(async () => {
    proxy.thaw();
    proxy.up();
    for (const { outbox, pool } of opened.splice(0)) {
      await outbox.close();
      await pool?.end();
    }
    expect(unhandled).toEqual([]);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    await proxy?.close();
    await operator?.close();
    await ledger?.close();
    await Promise.all([provider?.drop(), operatorDb?.drop()]);
  });

  /** An outbox through the proxy, on a pool it makes from the URL unless one is given. */
  function outboxThroughProxy(options: Partial<OutboxOptions> = {}) {
    const events: OutboxEvent[] = [];
    const outbox = createOutbox({
      wallet: { baseUrl: operator.url, secret },
      database: proxy.url,
      ...fast,
      ...options,
      onEvent: (event) => events.push(event),
    });
    opened.push({ outbox });
    const errors = () => events.filter((e) => e.type === 'error').map((e) => (e as { error: unknown }).error);
    return { outbox, events, errors };
  }

  async function addPlayer(id: string) {
    await ledger.addPlayer({ player_id: id, currency_code: 'EUR', balance: 1000 });
  }

  /** The jobs of these transaction ids in the table, read past the proxy. */
  async function stored(ids: readonly string[]) {
    const { rows } = await books.query(
      'SELECT transaction_id, state FROM tbb_outbox_jobs WHERE transaction_id = ANY($1) ORDER BY id',
      [ids],
    );
    return rows.map((row) => [row.transaction_id, row.state]);
  }

  /** Each win reached the ledger exactly once, and the player's balance is the opening plus them. */
  async function creditedOnce(player: string, wins: Record<string, number>) {
    const entries = await ledger.entries(player);
    expect(entries.map((e) => e.transactionId).sort()).toEqual(Object.keys(wins).sort());
    const total = Object.values(wins).reduce((sum, amount) => sum + amount, 0);
    expect(await ledger.balanceOf(player)).toBe(1000 + total);
  }

  it('frozen: enqueue fails within its bound with OutboxDatabaseError, nothing stored; the worker reports, goes on when thawed; close() returns', async () => {
    await addPlayer('fz');
    const { outbox, errors } = outboxThroughProxy();
    await outbox.enqueue(win('fz', 'fz-before', 'fz-r1', 10)); // a warm, idle connection
    outbox.start();
    await eventually('delivered before the freeze', async () => (await stored(['fz-before']))[0]?.[1] === 'delivered');

    proxy.freeze();
    const failure = await outbox.enqueue(win('fz', 'fz-frozen', 'fz-r2', 20)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutboxDatabaseError);
    expect((failure as Error).message).toMatch(
      // Which bound fires first depends on whether the pool hands out the warm connection or opens a new one.
      /^outbox\.enqueue: nothing was queued: (the outbox's database (did not answer within 700 ms|gave no connection within 500 ms)|could not connect to the outbox's database \(Connection terminated due to connection timeout\))/,
    );
    expect((failure as Error).message).toMatch(/Enqueue the same request again/);
    await eventually('the worker reports the frozen database', () =>
      errors().some(
        (e) => e instanceof OutboxDatabaseError && /did not answer|no connection|could not connect/.test(e.message),
      ),
    );
    proxy.thaw();
    expect(await stored(['fz-frozen'])).toEqual([]); // what the frozen socket held rolled back

    await outbox.enqueue(win('fz', 'fz-frozen', 'fz-r2', 20));
    await eventually('delivered after the thaw', async () => (await stored(['fz-frozen']))[0]?.[1] === 'delivered');
    await creditedOnce('fz', { 'fz-before': 10, 'fz-frozen': 20 });

    // close() while frozen, with a delivery's settle stuck behind the freeze, still returns.
    const hold = operator.holdNext('fz-last');
    await outbox.enqueue(win('fz', 'fz-last', 'fz-r3', 5));
    await hold.arrived;
    proxy.freeze();
    hold.release();
    await outbox.close();
    proxy.thaw();
    expect(errors().map((e) => (e as Error).message)).toContainEqual(
      expect.stringMatching(
        /^outbox worker: could not write the outcome of job \d+ \(the lease hands it on.*\): the outbox's database (did not answer within 700 ms|gave no connection within 500 ms|could not connect)/,
      ),
    );
    await eventually('the ledger has it', async () => (await ledger.entries('fz')).length === 3);
  });

  it('cut while enqueue is in flight: OutboxDatabaseError, nothing stored; cut under a running worker: it goes on', async () => {
    await addPlayer('cut');
    const { outbox, errors } = outboxThroughProxy();
    await outbox.enqueue(win('cut', 'cut-1', 'cut-r1', 10));

    proxy.freeze(); // so the enqueue is surely in flight when the connection is reset
    const inFlight = outbox.enqueue(win('cut', 'cut-2', 'cut-r2', 20)).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    proxy.cut();
    proxy.thaw();
    const failure = await inFlight;
    expect(failure).toBeInstanceOf(OutboxDatabaseError);
    expect((failure as Error).message).toMatch(
      /^outbox\.enqueue: nothing was queued: the connection to the outbox's database was lost/,
    );
    expect(await stored(['cut-2'])).toEqual([]);

    // A delivery in flight when every connection is reset: its outcome is written on a new one.
    const hold = operator.holdNext('cut-1');
    outbox.start();
    await hold.arrived;
    proxy.cut();
    hold.release();
    // Right after the reset a pooled connection may still look idle: that enqueue fails as its message says,
    // and enqueueing the same request again, as it says, works.
    const request = win('cut', 'cut-2', 'cut-r2', 20);
    await outbox.enqueue(request).catch(async (error: unknown) => {
      expect(error).toBeInstanceOf(OutboxDatabaseError);
      expect((error as Error).message).toMatch(/^outbox\.enqueue: nothing was queued: the connection .* was lost/);
      await outbox.enqueue(request);
    });
    await eventually('both delivered', async () =>
      (await stored(['cut-1', 'cut-2'])).every(([, state]) => state === 'delivered'),
    );
    await creditedOnce('cut', { 'cut-1': 10, 'cut-2': 20 });
    expect(errors().filter((e) => !(e instanceof OutboxDatabaseError))).toEqual([]);
  });

  it('down then up: enqueue fails at once, the worker reports with a doubling delay (no flood), then delivers', async () => {
    await addPlayer('dn');
    const { outbox, events, errors } = outboxThroughProxy();
    await outbox.enqueue(win('dn', 'dn-1', 'dn-r1', 10));
    proxy.down();
    proxy.cut();
    await eventually('the idle connection reported lost', () =>
      errors().some((e) => /^an idle connection to the outbox's database was lost/.test(String((e as Error).message))),
    );
    outbox.start();
    const failure = await outbox.enqueue(win('dn', 'dn-2', 'dn-r2', 20)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutboxDatabaseError);
    expect((failure as Error).message).toMatch(
      /^outbox\.enqueue: nothing was queued: could not connect to the outbox's database/,
    );

    const claimErrors = () =>
      events.filter(
        (e): e is Extract<OutboxEvent, { type: 'error' }> => e.type === 'error' && e.retryInMs !== undefined,
      );
    await eventually('six failed claims', () => claimErrors().length >= 6);
    proxy.up();
    const delays = claimErrors()
      .slice(0, 6)
      .map((e) => e.retryInMs);
    expect(delays).toEqual([20, 40, 80, 160, 320, 640]); // pollMs, doubling: not one per poll
    for (const { error } of claimErrors()) {
      expect(error).toBeInstanceOf(OutboxDatabaseError);
      expect((error as Error).message).toMatch(
        /^outbox worker: could not claim jobs: could not connect to the outbox's database \(.*ECONNRESET/,
      );
    }

    await outbox.enqueue(win('dn', 'dn-2', 'dn-r2', 20)); // wakes the worker out of its backoff
    await eventually('both delivered', async () =>
      (await stored(['dn-1', 'dn-2'])).every(([, state]) => state === 'delivered'),
    );
    await creditedOnce('dn', { 'dn-1': 10, 'dn-2': 20 });
  });

  it('a FATAL right after ready: that call fails with OutboxDatabaseError, the next one works', async () => {
    await addPlayer('ft');
    const { outbox } = outboxThroughProxy();
    proxy.fatalAfterReady();
    const failure = await outbox.enqueue(win('ft', 'ft-1', 'ft-r1', 10)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutboxDatabaseError);
    expect((failure as Error).message).toMatch(
      /^outbox\.enqueue: nothing was queued: the connection to the outbox's database was lost/,
    );
    expect(await stored(['ft-1'])).toEqual([]);
    await outbox.enqueue(win('ft', 'ft-1', 'ft-r1', 10));
    outbox.start();
    await eventually('delivered', async () => (await stored(['ft-1']))[0]?.[1] === 'delivered');
    await creditedOnce('ft', { 'ft-1': 10 });
  });

  it('pool exhausted: one connection, eight deliveries at once and enqueues meanwhile: no deadlock, each once', async () => {
    await addPlayer('px');
    const pool = new pg.Pool({ connectionString: proxy.url, max: 1 });
    pool.on('error', () => {});
    const { outbox } = outboxThroughProxy({ database: pool, concurrency: 8, databaseTimeouts: { acquireMs: 5000 } });
    opened.push({ outbox, pool });
    const wins = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`px-${i}`, i + 1]));
    const ids = Object.keys(wins);
    await Promise.all(ids.slice(0, 12).map((id, i) => outbox.enqueue(win('px', id, `px-r${i}`, wins[id]!))));
    outbox.start();
    await Promise.all(ids.slice(12).map((id, i) => outbox.enqueue(win('px', id, `px-r${12 + i}`, wins[id]!))));
    await eventually('all delivered', async () => (await stored(ids)).every(([, state]) => state === 'delivered'));
    expect(await stored(ids)).toHaveLength(24);
    await creditedOnce('px', wins);
  });

  it("a pool passed in without an 'error' listener: its idle connection dropped is reported, not a crash", async () => {
    await addPlayer('up');
    const pool = new pg.Pool({ connectionString: proxy.url, max: 2 });
    const { outbox, errors } = outboxThroughProxy({ database: pool });
    opened.push({ outbox, pool });
    await outbox.enqueue(win('up', 'up-1', 'up-r1', 10)); // leaves an idle connection in the pool
    expect(pool.idleCount).toBe(1);
    proxy.cut();
    await eventually('reported', () => errors().length > 0);
    expect(errors()[0]).toBeInstanceOf(OutboxDatabaseError);
    expect((errors()[0] as Error).message).toMatch(/^an idle connection to the outbox's database was lost/);
    outbox.start();
    await eventually('delivered', async () => (await stored(['up-1']))[0]?.[1] === 'delivered');
    await creditedOnce('up', { 'up-1': 10 });
  });
});
