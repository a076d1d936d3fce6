/**
 * The outbox's telemetry and events: a span per delivery attempt with the client's spans under
 * it, events a logger takes as
 * they are (job id, state, next attempt), and the queue's gauges read by a query when the
 * meter collects — on an embedded PGlite, delivering over real HTTP on 127.0.0.1 to an
 * operator that answers 503 once, then 200.
 */
import { PGlite } from '@electric-sql/pglite';
import * as api from '@opentelemetry/api';
import type { Outbox, OutboxEvent } from '@tbb-wallet/outbox';
import { createOutbox } from '@tbb-wallet/outbox';
import { outboxOpenTelemetry } from '@tbb-wallet/outbox/opentelemetry';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { ScriptedOperator } from '../packages/outbox/test/support/scripted.ts';
import { startScripted } from '../packages/outbox/test/support/scripted.ts';
import type { MemoryTelemetry } from './support/opentelemetry.ts';
import { memoryTelemetry, points, registerGlobals } from './support/opentelemetry.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 }); // PGlite starts slowly on a loaded machine

let db: PGlite;
let operator: ScriptedOperator;
let outbox: Outbox;
let telemetry: MemoryTelemetry;
let unregister: () => void;
const events: OutboxEvent[] = [];

beforeAll(async () => {
  unregister = registerGlobals(); // the context manager carries the delivery's span into the client's call
  db = new PGlite();
  operator = await startScripted();
  telemetry = memoryTelemetry();
  outbox = createOutbox({
    wallet: { baseUrl: operator.url, secret: 'outbox-otel-secret' },
    database: db,
    pollMs: 20,
    backoff: { phases: [{ untilMs: 600_000, minDelayMs: 20, maxDelayMs: 40 }], forbiddenDelayMs: 50 },
    onEvent: (event) => events.push(event),
    telemetry: outboxOpenTelemetry(api, telemetry),
  });
  await outbox.migrate();
});

afterAll(async () => {
  await outbox.close();
  await operator.close();
  await db.close();
  await telemetry.shutdown();
  unregister();
});

const gauge = async (name: string) => points(await telemetry.metric(name)).map(([, value]) => value);

it('spans each delivery, reports state and next attempt, and gauges the queue', async () => {
  let calls = 0;
  operator.answer = () => ({ status: ++calls === 1 ? 503 : 200 });
  const request = {
    action: 'win' as const,
    player_id: 'p1',
    currency_code: 'EUR',
    is_mobile: false,
    amount: 100,
    payload: {
      reference: 'M',
      session_token: 's',
      provider_transfer_data: { round_id: 'r1', transaction_id: 'w1', round_close: true },
    },
  };
  const job = await outbox.enqueue(request);
  expect(await gauge('tbb.wallet.outbox.depth')).toEqual([1]);
  const [age] = await gauge('tbb.wallet.outbox.oldest_pending_age');
  expect(age).toBeGreaterThan(0);

  outbox.start();
  await vi.waitFor(() => expect(events.some((e) => e.type === 'settled')).toBe(true), {
    timeout: 60_000,
    interval: 20,
  });
  await outbox.stop();

  const jobEvents = events.filter((e) => e.type === 'retry' || e.type === 'settled');
  expect(jobEvents).toEqual([
    {
      type: 'retry',
      jobId: job.id,
      operator: 'default',
      action: 'win',
      transactionId: 'w1',
      roundId: 'r1',
      attempt: 1,
      state: 'pending',
      status: 503,
      error: expect.stringContaining('503'),
      retryInMs: expect.any(Number),
      nextAttemptAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      durationMs: expect.any(Number),
    },
    expect.objectContaining({ type: 'settled', jobId: job.id, attempt: 2, state: 'delivered', status: 200 }),
  ]);

  const spans = telemetry.spans();
  const deliveries = spans.filter((span) => span.name === 'outbox deliver win');
  expect(deliveries.map((span) => [span.name, span.kind, span.status.code, span.attributes])).toEqual(
    [
      [503, 'pending', 1],
      [200, 'delivered', 2],
    ].map(([status, state, attempt]) => [
      'outbox deliver win',
      api.SpanKind.INTERNAL,
      api.SpanStatusCode.UNSET,
      {
        'tbb.wallet.action': 'win',
        'tbb.wallet.transaction_id': 'w1',
        'tbb.wallet.attempts': attempt,
        'http.response.status_code': status,
        'tbb.wallet.outbox.state': state,
      },
    ]),
  );
  // Under each delivery, the client's call span and its CLIENT span, in the delivery's trace (the
  // CLIENT span is what the operator's traceparent names): a 503 is a span error, the 200 is not.
  for (const [delivery, status] of [
    [deliveries[0]!, api.SpanStatusCode.ERROR],
    [deliveries[1]!, api.SpanStatusCode.UNSET],
  ] as const) {
    const { traceId, spanId } = delivery.spanContext();
    const call = spans.find((span) => span.parentSpanContext?.spanId === spanId);
    const attempt = spans.find((span) => span.parentSpanContext?.spanId === call?.spanContext().spanId);
    expect([call?.name, call?.spanContext().traceId, call?.status.code]).toEqual(['tbb.wallet win', traceId, status]);
    expect([attempt?.name, attempt?.kind, attempt?.spanContext().traceId]).toEqual([
      'POST',
      api.SpanKind.CLIENT,
      traceId,
    ]);
  }
  expect(spans).toHaveLength(6);
  expect(await gauge('tbb.wallet.outbox.depth')).toEqual([0]);
  expect(await gauge('tbb.wallet.outbox.oldest_pending_age')).toEqual([0]);
});
