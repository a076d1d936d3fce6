/**
 * The ledger's spans in the trace of a call: the client's attempt, the handler's SERVER span,
 * the ledger's `ledger win` under it and a CLIENT span per database round trip under that,
 * over real HTTP on 127.0.0.1 with the ledger on an embedded PGlite; a replay is counted, and
 * the ledger's `onEvent` says what it cost.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as api from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createWalletClient } from '@tbb-wallet/client';
import { clientOpenTelemetry } from '@tbb-wallet/client/opentelemetry';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';
import { handlerOpenTelemetry } from '@tbb-wallet/handler/opentelemetry';
import type { Ledger, LedgerEvent } from '@tbb-wallet/ledger';
import { createLedger } from '@tbb-wallet/ledger';
import { ledgerOpenTelemetry } from '@tbb-wallet/ledger/opentelemetry';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MemoryTelemetry } from './support/opentelemetry.ts';
import { memoryTelemetry, points, registerGlobals } from './support/opentelemetry.ts';

const secret = 'otel-ledger-secret';
let telemetry: MemoryTelemetry;
let unregister: () => void;
let ledger: Ledger;
let server: ReturnType<typeof createServer>;
let baseUrl: string;
const events: LedgerEvent[] = [];

beforeAll(async () => {
  unregister = registerGlobals();
  telemetry = memoryTelemetry();
  ledger = createLedger({ telemetry: ledgerOpenTelemetry(api, telemetry), onEvent: (event) => events.push(event) });
  await ledger.migrate();
  await ledger.addPlayer({ player_id: '6', currency_code: 'EUR', balance: 1000 });
  const handle = createWalletHandler({
    secret,
    wallet: ledger.wallet,
    telemetry: handlerOpenTelemetry(api, telemetry),
  });
  server = createServer(toNodeListener(handle)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wallet`;
}, 60_000);

afterAll(async () => {
  server.close();
  await ledger.close();
  await telemetry.shutdown();
  unregister();
});

const win = {
  player_id: '6',
  currency_code: 'EUR',
  is_mobile: false,
  amount: 250,
  payload: {
    reference: 'Monkey',
    session_token: 's-1',
    provider_transfer_data: { round_id: 'r-1', transaction_id: 'w-1', round_close: true },
  },
};

it('nests the ledger call and its two round trips under the SERVER span; a replay takes one and is counted', async () => {
  const client = createWalletClient({ baseUrl, secret, telemetry: clientOpenTelemetry(api, telemetry) });
  expect((await client.win(win)).balance).toBe(1250);
  expect((await client.win(win)).balance).toBe(1250); // the same transaction_id: replayed

  const spans = telemetry.spans();
  const first = spans.slice(0, 6);
  expect(first.map((span) => [span.name, span.kind])).toEqual([
    ['ledger read', api.SpanKind.CLIENT],
    ['ledger write', api.SpanKind.CLIENT],
    ['ledger win', api.SpanKind.INTERNAL],
    ['POST', api.SpanKind.SERVER],
    ['POST', api.SpanKind.CLIENT],
    ['tbb.wallet win', api.SpanKind.INTERNAL],
  ]);
  const [read, write, call, served] = first as [ReadableSpan, ReadableSpan, ReadableSpan, ReadableSpan];
  expect(new Set(first.map((span) => span.spanContext().traceId)).size).toBe(1);
  expect([read, write].map((span) => span.parentSpanContext?.spanId)).toEqual([
    call.spanContext().spanId,
    call.spanContext().spanId,
  ]);
  expect(call.parentSpanContext?.spanId).toBe(served.spanContext().spanId);
  expect(read.attributes).toEqual({
    'db.system.name': 'postgresql',
    'tbb.wallet.action': 'win',
    'tbb.wallet.transaction_id': 'w-1',
  });
  expect(call.attributes).toEqual({
    'tbb.wallet.action': 'win',
    'tbb.wallet.transaction_id': 'w-1',
    'tbb.wallet.status': 200,
    'tbb.wallet.ledger.round_trips': 2,
    'tbb.wallet.replayed': false,
  });
  // The replay: one round trip on PGlite (nothing to write; PGlite commits itself).
  expect(spans.slice(6).map((span) => span.name)).toEqual([
    'ledger read',
    'ledger win',
    'POST',
    'POST',
    'tbb.wallet win',
  ]);
  expect(spans[7]!.attributes['tbb.wallet.replayed']).toBe(true);
  expect(points(await telemetry.metric('tbb.wallet.ledger.replays'))).toEqual([[{ 'tbb.wallet.action': 'win' }, 1]]);

  expect(events).toEqual([
    {
      scope: 'call',
      action: 'win',
      player_id: '6',
      transaction_id: 'w-1',
      status: 200,
      durationMs: expect.any(Number),
      roundTrips: 2,
      databaseMs: expect.any(Number),
      replayed: false,
    },
    expect.objectContaining({ action: 'win', transaction_id: 'w-1', status: 200, roundTrips: 1, replayed: true }),
  ]);
  for (const event of events) expect(event.databaseMs).toBeLessThanOrEqual(event.durationMs);
});
