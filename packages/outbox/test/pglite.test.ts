/**
 * The embedded default: an outbox on PGlite on disk, in one process, delivering to the
 * ledger behind the handler over real HTTP while the operator is down, then 503-ing,
 * then up — and a restart that reopens the same data directory and delivers what was left;
 * and a PGlite closed under a running worker.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Ledger } from '@tbb-wallet/ledger';
import { createLedger } from '@tbb-wallet/ledger';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OutboxEvent, OutboxOptions } from '../src/index.ts';
import { createOutbox, defaultDataDir, OutboxDatabaseError } from '../src/index.ts';
import type { TestOperator } from './support/operator.ts';
import { startOperator } from './support/operator.ts';
import { eventually, rollbackWin, win } from './support/requests.ts';

// PGlite takes seconds to start (tens of seconds to create a data directory on a loaded machine); no speed is asserted.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 180_000 });

const secret = 'outbox-pglite-secret';
const fast = { pollMs: 20, timeoutMs: 5000, leaseMs: 30_000 } as const;
const backoff = { phases: [{ untilMs: 600_000, minDelayMs: 20, maxDelayMs: 200 }], forbiddenDelayMs: 50 };

let ledger: Ledger;
let operatorDb: PGlite; // the ledger's, in memory; also the provider's database of the transaction test
let operator: TestOperator;
const dataDir = join(mkdtempSync(join(tmpdir(), 'tbb-outbox-')), 'queue');

beforeAll(async () => {
  operatorDb = new PGlite();
  ledger = createLedger({ database: operatorDb });
  await ledger.migrate();
  for (const id of ['p1', 'p2']) await ledger.addPlayer({ player_id: id, currency_code: 'EUR', balance: 1000 });
  operator = await startOperator(ledger, secret);
});
afterAll(async () => {
  await operator?.close();
  await operatorDb?.close();
});

function outboxOn(events: OutboxEvent[], options: Partial<OutboxOptions> = {}) {
  return createOutbox({
    wallet: { baseUrl: operator.url, secret },
    database: dataDir,
    backoff,
    ...fast,
    onEvent: (event) => events.push(event),
    ...options,
  });
}

describe('an outbox on PGlite on disk', () => {
  it('without a database it names ./.tbb-outbox, and opens nothing until used', () => {
    const events: OutboxEvent[] = [];
    const outbox = createOutbox({ wallet: { baseUrl: operator.url, secret }, onEvent: (e) => events.push(e) });
    expect(outbox.database).toEqual({ kind: 'pglite', dataDir: resolve(defaultDataDir) });
    expect(events).toEqual([{ type: 'database', kind: 'pglite', dataDir: resolve(defaultDataDir) }]);
  });

  it('rides out the operator down, then 503, then up; restarts on the same directory and delivers the rest', async () => {
    await operator.setMode('down');
    const events: OutboxEvent[] = [];
    const first = outboxOn(events);
    expect(events[0]).toEqual({ type: 'database', kind: 'pglite', dataDir });
    expect(await first.migrate()).toEqual([1]);
    const queued = [
      win('p1', 'w-1', 'r-1', 300),
      rollbackWin('p1', 'rb-1', 'r-1', 300, 'w-1'),
      win('p1', 'w-2', 'r-1', 50),
      win('p2', 'w-3', 'r-2', 70),
    ];
    for (const request of queued) expect((await first.enqueue(request)).created).toBe(true);
    first.start();
    await eventually('a connection failure', () => events.some((e) => e.type === 'retry' && e.status === undefined));
    await first.close(); // the process "ends" with every job still pending
    expect(await ledger.entries()).toHaveLength(0);

    await operator.setMode('unavailable');
    const later: OutboxEvent[] = [];
    const second = outboxOn(later);
    expect(await second.migrate()).toEqual([]);
    expect((await second.jobs({ state: 'pending' })).map((j) => j.transactionId)).toEqual([
      'w-1',
      'rb-1',
      'w-2',
      'w-3',
    ]);
    second.start();
    await eventually('a 503', () => later.some((e) => e.type === 'retry' && e.status === 503));
    await operator.setMode('up');
    await eventually('every job delivered', async () => (await second.stats()).pending === 0);

    const jobs = await second.jobs();
    expect(jobs.map((j) => [j.transactionId, j.state])).toEqual([
      ['w-1', 'delivered'],
      ['rb-1', 'delivered'],
      ['w-2', 'delivered'],
      ['w-3', 'delivered'],
    ]);
    // the same bytes on every attempt: each body the operator received is the stored one
    for (const job of jobs) {
      const sent = operator.received.filter((body) => body.includes(`"transaction_id":"${job.transactionId}"`));
      expect(sent.length).toBeGreaterThanOrEqual(1); // a round's later jobs are first sent once its head landed
      expect(new Set(sent)).toEqual(new Set([job.body]));
      expect(JSON.parse(job.answer ?? '{}')).toMatchObject({ currency_code: 'EUR' });
    }
    expect(operator.received.length).toBeGreaterThan(jobs.length); // the 503s got the same bodies
    // in enqueue order within the round: the win, its rollback, then the second win
    const entries = await ledger.entries();
    expect(entries.filter((e) => e.roundId === 'r-1').map((e) => e.transactionId)).toEqual(['w-1', 'rb-1', 'w-2']);
    expect(await ledger.balanceOf('p1')).toBe(1000 + 300 - 300 + 50);
    expect(await ledger.balanceOf('p2')).toBe(1070);
    expect(await second.stats()).toMatchObject({ pending: 0, delivered: 4, oldestPendingAgeMs: 0 });
    await second.close();
  });
});

describe('enqueue inside a PGlite transaction', () => {
  it('is rolled back with the transaction, or committed with it', async () => {
    const name = 'in-a-transaction';
    const outbox = createOutbox({ wallet: { [name]: { baseUrl: operator.url, secret: 's' } }, database: operatorDb });
    await outbox.migrate();
    await operatorDb
      .transaction(async (tx) => {
        await outbox.enqueue(win('p1', `${name}-rolled-back`, 'r', 10), { transaction: tx });
        throw new Error('the round did not close');
      })
      .catch(() => {});
    await operatorDb.transaction(async (tx) => {
      await outbox.enqueue(win('p1', `${name}-committed`, 'r', 10), { transaction: tx });
    });
    expect((await outbox.jobs({ operator: name })).map((j) => j.transactionId)).toEqual([`${name}-committed`]);
  });
});

describe('a PGlite closed under a running worker', () => {
  it('enqueue and the worker fail with OutboxDatabaseError, the process sees no unhandled error, close() returns', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (error: unknown) => unhandled.push(error);
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    try {
      await ledger.addPlayer({ player_id: 'p-closed', currency_code: 'EUR', balance: 1000 });
      const db = new PGlite();
      const events: OutboxEvent[] = [];
      const outbox = outboxOn(events, { database: db });
      await outbox.migrate();
      await outbox.enqueue(win('p-closed', 'closed-1', 'r-closed-1', 10));
      outbox.start();
      await eventually('delivered', async () => (await outbox.stats()).pending === 0);
      await db.close();

      const failure = await outbox.enqueue(win('p-closed', 'closed-2', 'r-closed-2', 20)).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(OutboxDatabaseError);
      expect((failure as Error).message).toMatch(
        /^outbox\.enqueue: nothing was queued: the outbox's PGlite cannot be used \(PGlite is closed\)/,
      );
      const claimFailed = (e: OutboxEvent) =>
        e.type === 'error' &&
        e.error instanceof OutboxDatabaseError &&
        /^outbox worker: could not claim jobs: the outbox's PGlite cannot be used/.test(e.error.message);
      await eventually('the worker reports it', () => events.filter(claimFailed).length >= 2);
      await outbox.close();
      expect((await ledger.entries('p-closed')).map((e) => e.transactionId)).toEqual(['closed-1']);
      expect(await ledger.balanceOf('p-closed')).toBe(1010);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      process.off('uncaughtException', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
