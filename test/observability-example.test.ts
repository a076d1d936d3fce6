/**
 * The README's "Observability" example (examples/observability.ts) as it is: the OpenTelemetry
 * SDK registered globally with in-memory exporters, the provider's client and the operator's
 * handler over real HTTP on 127.0.0.1, and pino writing each event as one JSON line.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as api from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import type { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { toNodeListener } from '@tbb-wallet/handler';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { operatorHandler, providerClient, startOpenTelemetry } from '../examples/observability.ts';

const secret = 'observability-secret';
const lines: Record<string, unknown>[] = [];
const log = pino({ base: undefined, timestamp: false }, { write: (line: string) => lines.push(JSON.parse(line)) });
const spans = new InMemorySpanExporter();
const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metrics, exportIntervalMillis: 3_600_000 });
let server: ReturnType<typeof createServer>;
let baseUrl: string;

beforeAll(async () => {
  startOpenTelemetry(spans, reader);
  const wallet = {
    balance: () => ({ player_id: '6', balance: 1000, currency_code: 'EUR' }),
    bet: () => ({ transaction_id: 'op-1', balance: 900, currency_code: 'EUR' }),
    win: () => ({ transaction_id: 'op-2', balance: 1200, currency_code: 'EUR' }),
    refund: () => ({ transaction_id: 'op-3', balance: 1000, currency_code: 'EUR' }),
    rollbackWin: () => ({ transaction_id: 'op-4', balance: 1000, currency_code: 'EUR' }),
  };
  server = createServer(toNodeListener(operatorHandler(secret, wallet, log))).listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wallet`;
});

afterAll(() => {
  server.close();
  api.trace.disable();
  api.metrics.disable();
  api.context.disable();
  api.propagation.disable();
});

it('traces a bet from the provider to the operator in one trace, logs each event and measures it', async () => {
  const client = providerClient(baseUrl, secret, log);
  const payload = {
    reference: 'Monkey',
    session_token: 's-1',
    provider_transfer_data: { round_id: 'r-1', transaction_id: 'bet-1' },
  };
  await client.bet({ player_id: '6', currency_code: 'EUR', is_mobile: false, amount: 100, payload });
  await ((api.trace.getTracerProvider() as api.ProxyTracerProvider).getDelegate() as BasicTracerProvider).forceFlush();

  const finished = spans.getFinishedSpans();
  expect(finished.map((span) => [span.name, span.kind])).toEqual([
    ['POST', api.SpanKind.SERVER],
    ['POST', api.SpanKind.CLIENT],
    ['tbb.wallet bet', api.SpanKind.INTERNAL],
  ]);
  expect(new Set(finished.map((span) => span.spanContext().traceId)).size).toBe(1);

  expect(lines).toEqual([
    {
      level: 30,
      msg: 'wallet call',
      action: 'bet',
      player_id: '6',
      transaction_id: 'bet-1',
      status: 200,
      durationMs: expect.any(Number),
    },
    ...['attempt', 'call'].map((scope) => ({
      level: 30,
      msg: `wallet ${scope}`,
      scope,
      callId: expect.any(String),
      action: 'bet',
      player_id: '6',
      transaction_id: 'bet-1',
      attempt: 1,
      status: 200,
      durationMs: expect.any(Number),
    })),
  ]);

  await reader.forceFlush();
  const names = metrics
    .getMetrics()
    .flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.descriptor.name)));
  expect(names).toEqual(['http.server.request.duration', 'http.client.request.duration']);
});
