/**
 * The queue's API on PostgreSQL: enqueue (checked, idempotent, inside the caller's own
 * transaction), named operators, per-round order behind a failing head, retry/resolve
 * rules, depth and age, and betOrRefund queueing the refund of a bet of unknown outcome.
 */
import { createWalletClient, InsufficientFundsError } from '@tbb-wallet/client';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { OutboxEvent, OutboxOptions } from '../src/index.ts';
import { createOutbox, OutboxConflictError, OutboxJobNotFoundError, OutboxJobStateError } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import { bet, eventually, win } from './support/requests.ts';
import type { ScriptedOperator } from './support/scripted.ts';
import { startScripted } from './support/scripted.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

describe.skipIf(noDatabase)(`the queue on PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  let operator: ScriptedOperator;
  beforeAll(async () => {
    operator = await startScripted();
  });
  afterAll(async () => {
    await operator.close();
  });

  /** An outbox on a schema of its own for this test, migrated; both gone when the test ends. */
  async function outboxOf(options: Partial<OutboxOptions> = {}) {
    schema = await createTestSchema('outbox_queue');
    const events: OutboxEvent[] = [];
    const outbox = createOutbox({
      wallet: { baseUrl: operator.url, secret: 's' },
      database: schema.url,
      backoff: { phases: [{ untilMs: 600_000, minDelayMs: 10, maxDelayMs: 40 }] },
      pollMs: 10,
      timeoutMs: 10_000,
      leaseMs: 30_000,
      statsIntervalMs: 20,
      onEvent: (event) => events.push(event),
      ...options,
    });
    const own = schema;
    onTestFinished(async () => {
      await outbox.close();
      await own.drop();
    });
    await outbox.migrate();
    return { outbox, events };
  }

  it('refuses what the spec refuses, before storing anything', async () => {
    const { outbox } = await outboxOf();
    const bad = [
      [{ ...win('p', 'x', 'r', 10), amount: -1 }, /amount/],
      [{ ...win('p', 'x', 'r', 10), action: 'bet' }, /action "bet"\.$/],
      [
        { ...win('p', 'x', 'r', 10), action: 'Rollback-Win ' },
        /action "Rollback-Win " \(the protocol's actions are lower-case: "rollback-win"\)\.$/,
      ],
      [{ ...win('p', 'x', 'r', 10), amount: 2 ** 53 + 1 }, /amount/],
      [{ ...win('p', 'x', 'r', 10), player_id: 'a\u0000b' }, /player_id.*U\+0000/],
      [{ ...win('p', 'x', 'r', 10), currency_code: '\ud800' }, /currency_code.*lone surrogate/],
    ] as const;
    for (const [request, message] of bad) await expect(outbox.enqueue(request as never)).rejects.toThrow(message);
    expect(await outbox.jobs()).toEqual([]);
    await outbox.close();
    await expect(outbox.enqueue(win('p', 'o-4', 'r', 10))).rejects.toThrow(
      new TypeError('outbox.enqueue: this outbox was closed (outbox.close()); nothing was queued.'),
    );
  });

  it('betOrRefund refuses what its refund could not be queued with before the bet is placed', async () => {
    operator.answer = () => ({ status: 503 }); // every bet's outcome would be unknown
    onTestFinished(() => {
      operator.answer = () => ({ status: 200 });
    });
    const { outbox } = await outboxOf();
    const wallet = createWalletClient({ baseUrl: operator.url, secret: 's', retry: { attempts: 1 } });
    const { action: _, ...placed } = bet('p', 'bet-checked', 'r-checked', 100);
    const before = operator.received.length;
    const refused = [
      [{ refundTransactionId: 'rf-1', transation: {} }, /^outbox\.betOrRefund: unknown option `transation`/],
      [{ refundTransactionId: 'rf-2', transaction: undefined }, /`transaction` was given but is undefined/],
      [{ refundTransactionId: 'rf-3', operator: 'casinoB' }, /no operator named "casinoB"/],
      [{ refundTransactionId: 'x'.repeat(256) }, /transaction_id: must NOT have more than 255 characters/],
    ] as const;
    for (const [options, message] of refused)
      await expect(outbox.betOrRefund(wallet, placed, options as never)).rejects.toThrow(message);
    expect(operator.received.length).toBe(before); // no bet went out
    expect(await outbox.jobs()).toEqual([]);
  });

  it('the same transaction again adds nothing; the same id with another body is a conflict', async () => {
    const { outbox } = await outboxOf();
    const first = await outbox.enqueue(win('p', 'dup-1', 'r', 10));
    expect(await outbox.enqueue(win('p', 'dup-1', 'r', 10))).toEqual({ id: first.id, created: false });
    await expect(outbox.enqueue(win('p', 'dup-1', 'r', 11))).rejects.toThrow(OutboxConflictError);
    expect(await outbox.jobs()).toHaveLength(1);
  });

  it('the same call again with its keys in another order adds nothing: its content is the same', async () => {
    const { outbox } = await outboxOf();
    const sent = win('p', 'reordered-1', 'r', 10);
    const first = await outbox.enqueue(sent);
    // A provider rebuilding the call after a crash (from its own rows) rarely writes the keys in the same order.
    const rebuilt = Object.fromEntries(Object.entries(sent).reverse()) as typeof sent;
    expect(JSON.stringify(rebuilt)).not.toBe(JSON.stringify(sent));

    expect(await outbox.enqueue(rebuilt)).toEqual({ id: first.id, created: false });
    expect((await outbox.job(first.id)).body).toBe(JSON.stringify(sent)); // the first bytes are the ones sent
    await expect(outbox.enqueue({ ...rebuilt, amount: 11 })).rejects.toThrow(OutboxConflictError);
    // A field written by its toJSON (a Date) is compared as it was stored, not as an object without keys.
    const dated = { ...win('p', 'reordered-2', 'r', 10), closed_at: new Date(0) };
    const second = await outbox.enqueue(dated);
    expect(await outbox.enqueue(Object.fromEntries(Object.entries(dated).reverse()) as typeof dated)).toEqual({
      id: second.id,
      created: false,
    });
    expect(await outbox.jobs()).toHaveLength(2);
  });

  it('refuses a misspelt option, or a transaction given as undefined, before storing anything', async () => {
    const { outbox } = await outboxOf();
    // Enqueued outside the caller's transaction, a win would survive its rollback and be paid.
    await expect(outbox.enqueue(win('p', 'o-1', 'r', 10), { transation: {} } as never)).rejects.toThrow(
      new TypeError(
        'outbox.enqueue: unknown option `transation` — did you mean `transaction`? Its options are: operator, transaction.',
      ),
    );
    const missing: { client?: never } = {};
    await expect(outbox.enqueue(win('p', 'o-2', 'r', 10), { transaction: missing.client })).rejects.toThrow(
      'outbox.enqueue: `transaction` was given but is undefined',
    );
    await expect(outbox.enqueue(win('p', 'o-3', 'r', 10), { transaction: 'BEGIN' as never })).rejects.toThrow(
      'outbox.enqueue: `transaction` must be your open transaction',
    );
    await expect(outbox.jobs({ sate: 'dead' } as never)).rejects.toThrow(
      'outbox.jobs: unknown option `sate` — did you mean `state`?',
    );
    expect(await outbox.jobs()).toEqual([]);
  });

  it("inside the caller's transaction: rolled back with it, or committed with it", async () => {
    const { outbox } = await outboxOf();
    const client = await schema.pool(1).connect();
    try {
      await client.query('BEGIN');
      await outbox.enqueue(win('p', 'tx-rolled-back', 'r', 10), { transaction: client });
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await outbox.enqueue(win('p', 'tx-committed', 'r', 10), { transaction: client });
      expect(await outbox.jobs()).toEqual([]); // not visible before the commit
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect((await outbox.jobs()).map((j) => j.transactionId)).toEqual(['tx-committed']);
  });

  it('named operators: each job goes to its own; an unnamed or unknown operator is refused', async () => {
    const other = await startScripted();
    const received = () => other.received.map((r) => JSON.parse(r.body).payload.provider_transfer_data.transaction_id);
    const { outbox } = await outboxOf({
      wallet: { casinoA: { baseUrl: operator.url, secret: 'a' }, casinoB: { baseUrl: other.url, secret: 'b' } },
    });
    await expect(outbox.enqueue(win('p', 'n-0', 'r', 1))).rejects.toThrow(/name the operator.*casinoA, casinoB/);
    await expect(outbox.enqueue(win('p', 'n-0', 'r', 1), { operator: 'casinoC' })).rejects.toThrow(
      /no operator named "casinoC"/,
    );
    await outbox.enqueue(win('p', 'n-a', 'r', 1), { operator: 'casinoA' });
    await outbox.enqueue(win('p', 'n-b', 'r', 1), { operator: 'casinoB' });
    outbox.start();
    await eventually('both delivered', async () => (await outbox.jobs({ state: 'delivered' })).length === 2);
    await outbox.stop();
    expect(received()).toEqual(['n-b']);
    expect((await outbox.jobs({ operator: 'casinoA' })).map((j) => j.transactionId)).toEqual(['n-a']);
    await other.close();
  });

  it('a round waits behind its failing head while other rounds are delivered; depth and age are reported', async () => {
    let headUp = false;
    operator.answer = (body) => ({
      status: body.payload.provider_transfer_data.transaction_id === 'h-1' && !headUp ? 503 : 200,
    });
    const { outbox, events } = await outboxOf();
    await outbox.enqueue(win('p', 'h-1', 'round-h', 10));
    await outbox.enqueue(win('p', 'h-2', 'round-h', 10));
    await outbox.enqueue(win('q', 'o-1', 'round-o', 10));
    outbox.start();
    await eventually(
      'the other round delivered',
      async () => (await outbox.jobs({ round_id: 'round-o' }))[0]?.state === 'delivered',
    );
    await eventually('the head retried', () => events.filter((e) => e.type === 'retry').length >= 3);
    expect((await outbox.jobs({ round_id: 'round-h' })).map((j) => [j.transactionId, j.state, j.attempts > 0])).toEqual(
      [
        ['h-1', 'pending', true],
        ['h-2', 'pending', false], // never sent while its head is pending
      ],
    );
    const stats = await outbox.stats();
    expect(stats).toMatchObject({ pending: 2, delivered: 1 });
    expect(stats.oldestPendingAgeMs).toBeGreaterThan(0);
    await eventually('a stats event', () => events.some((e) => e.type === 'stats' && e.pending === 2));
    headUp = true;
    await eventually('the round delivered', async () => (await outbox.stats()).pending === 0);
    await outbox.stop();
    const sent = operator.received.map((r) => JSON.parse(r.body).payload.provider_transfer_data.transaction_id);
    expect(sent.lastIndexOf('h-1')).toBeLessThan(sent.indexOf('h-2'));
  });

  it('retry and resolve: what each state allows, and what people are told', async () => {
    operator.answer = (body) => ({
      status: body.payload.provider_transfer_data.transaction_id === 'rr-dead' ? 400 : 200,
    });
    const { outbox } = await outboxOf();
    const dead = await outbox.enqueue(win('p', 'rr-dead', 'r1', 10));
    const delivered = await outbox.enqueue(win('p', 'rr-ok', 'r2', 10));
    outbox.start();
    await eventually('both settled', async () => (await outbox.stats()).pending === 0);
    await outbox.stop();
    await expect(outbox.retry(delivered.id)).rejects.toThrow(OutboxJobStateError);
    await expect(outbox.resolve(delivered.id, 'paid')).rejects.toThrow(/delivered/);
    await expect(outbox.resolve(dead.id, '  ')).rejects.toThrow(/needs a note/);
    await expect(outbox.retry('999999999')).rejects.toThrow(OutboxJobNotFoundError);
    await expect(outbox.job('not-an-id')).rejects.toThrow(OutboxJobNotFoundError);
    await expect(outbox.jobs({ state: 'lost' as never })).rejects.toThrow(/state must be one of/);
    expect(await outbox.resolve(dead.id, 'credited by hand, ticket 42')).toMatchObject({
      state: 'resolved',
      note: 'credited by hand, ticket 42',
    });
    expect((await outbox.jobs({ state: 'resolved' })).map((j) => j.id)).toEqual([dead.id]);
  });

  it('betOrRefund: a bet of unknown outcome has its refund queued and delivered; a refusal queues nothing', async () => {
    operator.answer = (body) => {
      const id = body.payload.provider_transfer_data.transaction_id;
      return { status: id === 'bet-unknown' ? 503 : id === 'bet-poor' ? 402 : 200 };
    };
    const { outbox } = await outboxOf();
    const wallet = createWalletClient({ baseUrl: operator.url, secret: 's', retry: { attempts: 1 } });
    const { action: _, ...unknownBet } = bet('p', 'bet-unknown', 'r-bet', 100);
    const result = await outbox.betOrRefund(wallet, unknownBet, { refundTransactionId: 'refund-of-unknown' });
    expect(result.outcome).toBe('refund-queued');
    const { action: __, ...poorBet } = bet('p', 'bet-poor', 'r-bet-2', 100);
    await expect(outbox.betOrRefund(wallet, poorBet, { refundTransactionId: 'refund-2' })).rejects.toThrow(
      InsufficientFundsError,
    );
    const { action: ___, ...okBet } = bet('p', 'bet-ok', 'r-bet-3', 100);
    expect(await outbox.betOrRefund(wallet, okBet, { refundTransactionId: 'refund-3' })).toMatchObject({
      outcome: 'debited',
    });
    outbox.start();
    await eventually('the refund delivered', async () => (await outbox.stats()).pending === 0);
    await outbox.stop();
    const jobs = await outbox.jobs();
    expect(jobs.map((j) => [j.action, j.transactionId, j.state])).toEqual([
      ['refund', 'refund-of-unknown', 'delivered'],
    ]);
    expect(JSON.parse(jobs[0]?.body ?? '{}').payload.provider_transfer_data).toEqual({
      transaction_id: 'refund-of-unknown',
      round_id: 'r-bet',
      refunded_transaction_id: 'bet-unknown',
    });
  });
});
