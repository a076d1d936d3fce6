/**
 * How every answer of the operator ends a job, over real HTTP: 200 delivered; the
 * definitive refusals refused with the answer kept (a 406 on a refund: nothing owed);
 * 400 and 413 dead at once; 403 retried on the slow schedule with an event each time
 * until the secret is rotated; 5xx, timeouts, dropped connections and answers over the
 * client's 1 MiB bound (the outcome unknown, the same bytes safe to send again) retried; a schedule
 * that runs out ends dead. On the PostgreSQL at DATABASE_URL, in a schema of its own; each
 * test its own operator name, so no test sends another's jobs.
 */
import { randomUUID } from 'node:crypto';
import { sign } from '@tbb-wallet/core';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Outbox, OutboxEvent, OutboxOptions } from '../src/index.ts';
import { createOutbox } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import { eventually, refund, rollbackWin, win } from './support/requests.ts';
import type { Script, ScriptedOperator } from './support/scripted.ts';
import { startScripted } from './support/scripted.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let schema: TestSchema;
let db: pg.Pool;
let operator: ScriptedOperator;
beforeAll(async () => {
  if (noDatabase) return;
  schema = await createTestSchema('outbox_answers');
  db = schema.pool(5);
  operator = await startScripted();
  await createOutbox({ database: db }).migrate();
});
afterAll(async () => {
  await operator?.close();
  await schema?.drop();
});

const backoff = { phases: [{ untilMs: 600_000, minDelayMs: 10, maxDelayMs: 50 }], forbiddenDelayMs: 30 };

/** An outbox with an operator of its own name (so tests never send each other's jobs), started. */
function started(options: Partial<OutboxOptions> = {}): { outbox: Outbox; events: OutboxEvent[] } {
  const events: OutboxEvent[] = [];
  const outbox = createOutbox({
    wallet: { [`op-${randomUUID()}`]: { baseUrl: operator.url, secret: 'old-secret' } },
    database: db,
    backoff,
    pollMs: 10,
    timeoutMs: 10_000, // generous: an attempt that times out on a loaded machine would be a second attempt
    leaseMs: 30_000,
    onEvent: (event) => events.push(event),
    ...options,
  });
  outbox.start();
  return { outbox, events };
}

const settled = async (outbox: Outbox, id: string) => {
  await eventually(`job ${id} settled`, async () => (await outbox.job(id)).state !== 'pending');
  return outbox.job(id);
};

describe.skipIf(noDatabase)(`each answer ends a job as the protocol says${pgSkipReason}`, () => {
  it.each<[string, number, 'win' | 'refund' | 'rollback-win', 'delivered' | 'refused' | 'dead', boolean]>([
    ['200', 200, 'win', 'delivered', false],
    ['402 not enough money', 402, 'win', 'refused', false],
    ['404 player not found', 404, 'win', 'refused', false],
    ['405 game not available', 405, 'rollback-win', 'refused', false],
    ['406 on a refund: the bet was never recorded', 406, 'refund', 'refused', true],
    ['406 on a win', 406, 'win', 'refused', false],
    ['407 player blocked', 407, 'win', 'refused', false],
    ['408 bet rejected', 408, 'refund', 'refused', false],
    ['418 responsible-gaming limit', 418, 'win', 'refused', false],
    ['400 bad request', 400, 'win', 'dead', false],
    ['413 payload too large', 413, 'refund', 'dead', false],
  ])('%s → %s', async (_, status, action, state, nothingOwed) => {
    const id = randomUUID();
    operator.answer = (body) => ({ status: body.payload.provider_transfer_data.transaction_id === id ? status : 200 });
    const { outbox, events } = started();
    const request =
      action === 'win'
        ? win('p1', id, 'r', 10)
        : action === 'refund'
          ? refund('p1', id, 'r', 10, 'bet-1')
          : rollbackWin('p1', id, 'r', 10, 'win-1');
    const { id: jobId } = await outbox.enqueue(request);
    const job = await settled(outbox, jobId);
    await outbox.stop();
    expect(job).toMatchObject({ state, lastStatus: status, attempts: 1, nothingOwed });
    expect(JSON.parse(job.answer ?? 'null')).toMatchObject(
      status === 200 ? { currency_code: 'EUR' } : { code: status },
    );
    if (nothingOwed) expect(job.note).toMatch(/nothing is owed/);
    expect(events).toContainEqual(expect.objectContaining({ type: 'settled', jobId, state, status }));
    expect(operator.received.filter((r) => r.body.includes(id))).toHaveLength(1);
  });

  it.each<[string, (attempt: number) => Script]>([
    ['500', () => ({ status: 500 })],
    ['503', () => ({ status: 503 })],
    ['504', () => ({ status: 504 })],
    ['an answer later than the timeout', () => ({ delayMs: 2000, status: 200 })],
    ['a dropped connection', () => ({ drop: true })],
    ["a 200 larger than the client's 1 MiB bound", () => ({ status: 200, bytes: 2 * 1024 * 1024 })],
  ])('%s is retried with the same bytes until a 200', async (_, failure) => {
    const id = randomUUID();
    let calls = 0;
    operator.answer = (body) => {
      if (body.payload.provider_transfer_data.transaction_id !== id) return { status: 200 };
      calls++;
      return calls <= 3 ? failure(calls) : { status: 200 };
    };
    const { outbox, events } = started({ timeoutMs: 500 });
    const { id: jobId } = await outbox.enqueue(win('p1', id, 'r', 10));
    const job = await settled(outbox, jobId);
    await outbox.stop();
    expect(job).toMatchObject({ state: 'delivered', lastStatus: 200 });
    const sent = operator.received.filter((r) => r.body.includes(id));
    expect(job.attempts).toBeGreaterThanOrEqual(4); // three failures, then a 200 (or more, if a 200 came late)
    expect(sent).toHaveLength(job.attempts);
    expect(new Set(sent.map((r) => r.body))).toEqual(new Set([job.body]));
    expect(events.filter((e) => e.type === 'retry' && e.jobId === jobId)).toHaveLength(job.attempts - 1);
  });

  it("an answer over the client's bound keeps the job pending, saying so, and redelivers it until it lands", async () => {
    const id = randomUUID();
    let calls = 0;
    operator.answer = (body) => {
      if (body.payload.provider_transfer_data.transaction_id !== id) return { status: 200 };
      calls++;
      return calls === 1 ? { status: 200, bytes: 1024 * 1024 + 1 } : { status: 200 };
    };
    const { outbox, events } = started();
    const { id: jobId } = await outbox.enqueue(rollbackWin('p1', id, 'r', 10, 'win-1'));
    const job = await settled(outbox, jobId);
    await outbox.stop();
    expect(job).toMatchObject({ state: 'delivered', lastStatus: 200, attempts: 2 });
    const retries = events.filter((e) => e.type === 'retry' && e.jobId === jobId);
    expect(retries).toEqual([
      expect.objectContaining({
        state: 'pending',
        error:
          "The operator's wallet answered 200 with more than 1048576 bytes; the client " +
          "stopped reading it. If the operator's answers really are this large, raise createWalletClient's maxAnswerBytes.",
      }),
    ]);
    const sent = operator.received.filter((r) => r.body.includes(id));
    expect(new Set(sent.map((r) => r.body))).toEqual(new Set([job.body]));
  });

  it('403 keeps the job pending with a forbidden event on every attempt; a rotated secret then delivers it', async () => {
    const id = randomUUID();
    let current = 'old-secret';
    operator.answer = async (_, raw, signature) => ({
      status: signature === (await sign(raw, 'new-secret')) ? 200 : 403,
    });
    const name = `op-${randomUUID()}`;
    const { outbox, events } = started({ wallet: { [name]: { baseUrl: operator.url, secret: () => current } } });
    const { id: jobId } = await outbox.enqueue(win('p1', id, 'r', 10));
    await eventually('three 403s', () => events.filter((e) => e.type === 'forbidden').length >= 3);
    expect((await outbox.job(jobId)).state).toBe('pending');
    current = 'new-secret'; // the rotation reaches the job already waiting
    const job = await settled(outbox, jobId);
    await outbox.stop();
    expect(job.state).toBe('delivered');
    const sent = operator.received.filter((r) => r.body.includes(id));
    expect(new Set(sent.map((r) => r.body)).size).toBe(1); // same bytes, only the signature changed
    expect(new Set(sent.map((r) => r.signature)).size).toBe(2);
  });

  it('a job whose schedule runs out is dead, and retry() sends it again with a fresh schedule', async () => {
    const id = randomUUID();
    let up = false;
    operator.answer = (body) => ({
      status: body.payload.provider_transfer_data.transaction_id === id && !up ? 503 : 200,
    });
    const short = { phases: [{ untilMs: 200, minDelayMs: 10, maxDelayMs: 30 }], forbiddenDelayMs: 10 };
    const { outbox, events } = started({ backoff: short });
    const { id: jobId } = await outbox.enqueue(win('p1', id, 'r', 10));
    const dead = await settled(outbox, jobId);
    expect(dead).toMatchObject({ state: 'dead', lastStatus: 503 });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'settled', state: 'dead', reason: expect.stringMatching(/schedule ran out/) }),
    );
    up = true;
    expect((await outbox.retry(jobId)).state).toBe('pending');
    expect(await settled(outbox, jobId)).toMatchObject({ state: 'delivered' });
    await outbox.stop();
  });
});
