/**
 * Traces and metrics end to end: the real client with `clientOpenTelemetry` against the real
 * handler with `handlerOpenTelemetry` over real HTTP on 127.0.0.1, recorded by the
 * OpenTelemetry SDK's in-memory exporters. One trace per call: the client's call span, a
 * CLIENT span per attempt under it, and the handler's SERVER span under each attempt.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as api from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { WalletRequestEvent } from '@tbb-wallet/client';
import { createWalletClient, InsufficientFundsError as Refused402, WalletError } from '@tbb-wallet/client';
import { clientOpenTelemetry } from '@tbb-wallet/client/opentelemetry';
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { createWalletHandler, InsufficientFundsError, toNodeListener } from '@tbb-wallet/handler';
import { handlerOpenTelemetry } from '@tbb-wallet/handler/opentelemetry';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MemoryTelemetry } from './support/opentelemetry.ts';
import { memoryTelemetry, points, registerGlobals } from './support/opentelemetry.ts';

const secret = 'otel-secret';
const common = { player_id: '6', currency_code: 'EUR', is_mobile: false } as const;
const transfer = (transaction_id: string) => ({
  reference: 'barbarabang::MadMonkey',
  session_token: 'session-1',
  provider_transfer_data: { round_id: 'round-1', transaction_id },
});
const win = (transaction_id: string) => {
  const payload = transfer(transaction_id);
  return {
    ...common,
    amount: 300,
    payload: { ...payload, provider_transfer_data: { ...payload.provider_transfer_data, round_close: true } },
  };
};
const balanceCall = { ...common, reference: 'barbarabang::MadMonkey', session_token: 'session-1' };

/** Fails the next `failures` calls of any action with a 500 (a thrown Error), then answers. */
let failures = 0;
const wallet: WalletCallbacks = {
  balance: () => {
    if (failures-- > 0) throw new Error('database down');
    return { player_id: '6', balance: 1000, currency_code: 'EUR' };
  },
  bet: () => {
    throw new InsufficientFundsError();
  },
  win: () => {
    if (failures-- > 0) throw new Error('database down');
    return { transaction_id: 'op-1', balance: 1300, currency_code: 'EUR' };
  },
  refund: () => ({ transaction_id: 'op-2', balance: 1000, currency_code: 'EUR' }),
  rollbackWin: () => ({ transaction_id: 'op-3', balance: 1000, currency_code: 'EUR' }),
};

let telemetry: MemoryTelemetry;
let unregister: () => void;
let server: ReturnType<typeof createServer>;
let baseUrl: string;
let port: number;
const sent: WalletRequestEvent[] = [];

const client = (options: { secret?: string; recordPlayerId?: boolean } = {}) =>
  createWalletClient({
    baseUrl,
    secret: options.secret ?? secret,
    retry: { baseDelayMs: 0 },
    onRequest: (event) => sent.push(event),
    telemetry: clientOpenTelemetry(api, { ...telemetry, recordPlayerId: options.recordPlayerId ?? false }),
  });

beforeAll(async () => {
  unregister = registerGlobals();
  telemetry = memoryTelemetry();
  const handle = createWalletHandler({
    secret,
    wallet,
    telemetry: handlerOpenTelemetry(api, {
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
    }),
  });
  server = createServer(toNodeListener(handle)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}/wallet`;
});

afterEach(() => {
  telemetry.reset();
  sent.length = 0;
  failures = 0;
});

afterAll(async () => {
  server.close();
  await telemetry.shutdown();
  unregister();
});

const byKind = (spans: ReadableSpan[], kind: api.SpanKind) => spans.filter((span) => span.kind === kind);
const ids = (span: ReadableSpan) => span.spanContext();

describe('one win from the client to the handler over HTTP', () => {
  it('is one trace: the call span, its CLIENT attempt span, and the SERVER span under it', async () => {
    expect((await client().win(win('win-1'))).balance).toBe(1300);
    const spans = telemetry.spans();
    expect(spans.map((span) => [span.name, span.kind])).toEqual([
      ['POST', api.SpanKind.SERVER],
      ['POST', api.SpanKind.CLIENT],
      ['tbb.wallet win', api.SpanKind.INTERNAL],
    ]);
    const [serverSpan, attemptSpan, callSpan] = spans as [ReadableSpan, ReadableSpan, ReadableSpan];
    const traceId = ids(callSpan).traceId;
    expect(spans.map((span) => ids(span).traceId)).toEqual([traceId, traceId, traceId]);
    expect(callSpan.parentSpanContext).toBeUndefined();
    expect(attemptSpan.parentSpanContext?.spanId).toBe(ids(callSpan).spanId);
    expect(serverSpan.parentSpanContext?.spanId).toBe(ids(attemptSpan).spanId);
    expect(serverSpan.parentSpanContext?.isRemote).toBe(true);

    expect(callSpan.attributes).toEqual({
      'tbb.wallet.action': 'win',
      'tbb.wallet.call_id': expect.stringMatching(/^[0-9a-z]+-1$/),
      'tbb.wallet.transaction_id': 'win-1',
      'tbb.wallet.attempts': 1,
      'http.response.status_code': 200,
    });
    expect(attemptSpan.attributes).toEqual({
      'http.request.method': 'POST',
      'server.address': '127.0.0.1',
      'server.port': port,
      'url.full': baseUrl,
      'tbb.wallet.action': 'win',
      'tbb.wallet.call_id': callSpan.attributes['tbb.wallet.call_id'],
      'tbb.wallet.transaction_id': 'win-1',
      'http.response.status_code': 200,
    });
    expect(serverSpan.attributes).toEqual({
      'http.request.method': 'POST',
      'url.scheme': 'http',
      'url.path': '/wallet',
      'http.request.body.size': Buffer.byteLength(sent[0]!.body),
      'http.response.status_code': 200,
      'tbb.wallet.action': 'win',
      'tbb.wallet.transaction_id': 'win-1',
    });
    for (const span of spans) expect(span.status).toEqual({ code: api.SpanStatusCode.UNSET });
  });

  it('sends the attempt span as W3C traceparent, beside the signature of the unchanged body', async () => {
    await client().win(win('win-2'));
    const [, attemptSpan] = telemetry.spans() as [ReadableSpan, ReadableSpan];
    const { traceId, spanId } = ids(attemptSpan);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(sent[0]!.body).toBe(JSON.stringify({ ...win('win-2'), action: 'win' }));
  });

  it('keeps the player id off spans unless asked, and on them when asked', async () => {
    await client().win(win('win-3'));
    expect(telemetry.spans().some((span) => 'tbb.wallet.player_id' in span.attributes)).toBe(false);
    telemetry.reset();
    await client({ recordPlayerId: true }).win(win('win-4'));
    const [, attemptSpan, callSpan] = telemetry.spans() as [ReadableSpan, ReadableSpan, ReadableSpan];
    expect(callSpan.attributes['tbb.wallet.player_id']).toBe('6');
    expect(attemptSpan.attributes['tbb.wallet.player_id']).toBe('6');
  });
});

describe('retries, refusals and failures', () => {
  it('shows a retried win as two attempts in one trace, each with its server span', async () => {
    failures = 1;
    await client().win(win('win-retried'));
    const spans = telemetry.spans();
    const [call] = byKind(spans, api.SpanKind.INTERNAL) as [ReadableSpan];
    const attempts = byKind(spans, api.SpanKind.CLIENT);
    const served = byKind(spans, api.SpanKind.SERVER);
    expect(attempts).toHaveLength(2);
    expect(served).toHaveLength(2);
    expect(new Set(spans.map((span) => ids(span).traceId))).toEqual(new Set([ids(call).traceId]));
    expect(attempts.map((span) => span.parentSpanContext?.spanId)).toEqual([ids(call).spanId, ids(call).spanId]);
    expect(served.map((span) => span.parentSpanContext?.spanId)).toEqual(attempts.map((span) => ids(span).spanId));
    expect(attempts.map((span) => span.attributes['http.request.resend_count'])).toEqual([undefined, 1]);
    expect(
      attempts.map((span) => [span.attributes['http.response.status_code'], span.attributes['error.type']]),
    ).toEqual([
      [500, '500'],
      [200, undefined],
    ]);
    expect(attempts.map((span) => span.status.code)).toEqual([api.SpanStatusCode.ERROR, api.SpanStatusCode.UNSET]);
    expect(served.map((span) => span.status.code)).toEqual([api.SpanStatusCode.ERROR, api.SpanStatusCode.UNSET]);
    expect(call.attributes['tbb.wallet.attempts']).toBe(2);
    expect(call.status.code).toBe(api.SpanStatusCode.UNSET);
  });

  it('does not count a 402 refusal as a span error', async () => {
    await expect(client().bet({ ...common, amount: 100, payload: transfer('bet-1') })).rejects.toThrow(Refused402);
    const spans = telemetry.spans();
    expect(spans.map((span) => [span.kind, span.attributes['http.response.status_code'], span.status.code])).toEqual([
      [api.SpanKind.SERVER, 402, api.SpanStatusCode.UNSET],
      [api.SpanKind.CLIENT, 402, api.SpanStatusCode.UNSET],
      [api.SpanKind.INTERNAL, 402, api.SpanStatusCode.UNSET],
    ]);
    expect(spans.some((span) => 'error.type' in span.attributes)).toBe(false);
  });

  it('counts a 500 as an error on every span', async () => {
    failures = 1;
    const once = createWalletClient({
      baseUrl,
      secret,
      retry: { attempts: 1 },
      telemetry: clientOpenTelemetry(api, telemetry),
    });
    await expect(once.balance(balanceCall)).rejects.toThrow(WalletError);
    const spans = telemetry.spans();
    expect(spans.map((span) => [span.kind, span.status.code, span.attributes['error.type']])).toEqual([
      [api.SpanKind.SERVER, api.SpanStatusCode.ERROR, '500'],
      [api.SpanKind.CLIENT, api.SpanStatusCode.ERROR, '500'],
      [api.SpanKind.INTERNAL, api.SpanStatusCode.ERROR, '500'],
    ]);
  });

  it('starts a trace of its own on the server when no traceparent came', async () => {
    const response = await fetch(baseUrl, { method: 'GET' });
    expect(response.status).toBe(405);
    const [served] = telemetry.spans() as [ReadableSpan];
    expect(served.kind).toBe(api.SpanKind.SERVER);
    expect(served.parentSpanContext).toBeUndefined();
    expect(served.attributes).toEqual({
      'http.request.method': 'GET',
      'url.scheme': 'http',
      'url.path': '/wallet',
      'http.response.status_code': 405,
    });
  });
});

describe('metrics', () => {
  it('carry the right counts: durations by action and status, refusals by code, signature failures', async () => {
    const fresh = memoryTelemetry();
    const handle = createWalletHandler({ secret, wallet, telemetry: handlerOpenTelemetry(api, fresh) });
    const local = createServer(toNodeListener(handle)).listen(0, '127.0.0.1');
    await once(local, 'listening');
    const url = `http://127.0.0.1:${(local.address() as AddressInfo).port}/wallet`;
    const make = (key: string) =>
      createWalletClient({
        baseUrl: url,
        secret: key,
        retry: { baseDelayMs: 0 },
        telemetry: clientOpenTelemetry(api, fresh),
      });
    try {
      const good = make(secret);
      await good.win(win('m-1'));
      await good.win(win('m-2'));
      failures = 1;
      await good.balance(balanceCall); // a 500, then a 200
      await expect(good.bet({ ...common, amount: 100, payload: transfer('m-bet') })).rejects.toThrow(Refused402);
      await expect(make('wrong-secret').win(win('m-3'))).rejects.toThrow(WalletError);

      expect(points(await fresh.metric('http.server.request.duration'))).toEqual(
        expect.arrayContaining([
          [{ 'http.request.method': 'POST', 'tbb.wallet.action': 'win', 'http.response.status_code': 200 }, 2],
          [{ 'http.request.method': 'POST', 'tbb.wallet.action': 'balance', 'http.response.status_code': 200 }, 1],
          [
            {
              'http.request.method': 'POST',
              'tbb.wallet.action': 'balance',
              'http.response.status_code': 500,
              'error.type': '500',
            },
            1,
          ],
          [{ 'http.request.method': 'POST', 'tbb.wallet.action': 'bet', 'http.response.status_code': 402 }, 1],
          [{ 'http.request.method': 'POST', 'http.response.status_code': 403 }, 1],
        ]),
      );
      expect(points(await fresh.metric('http.server.request.duration'))).toHaveLength(5);
      const server = {
        'http.request.method': 'POST',
        'server.address': '127.0.0.1',
        'server.port': Number(new URL(url).port),
        'url.full': url,
      };
      expect(points(await fresh.metric('http.client.request.duration'))).toEqual([
        [{ ...server, 'tbb.wallet.action': 'win', 'http.response.status_code': 200 }, 2],
        [{ ...server, 'tbb.wallet.action': 'balance', 'http.response.status_code': 500, 'error.type': '500' }, 1],
        [{ ...server, 'tbb.wallet.action': 'balance', 'http.response.status_code': 200 }, 1],
        [{ ...server, 'tbb.wallet.action': 'bet', 'http.response.status_code': 402 }, 1],
        [{ ...server, 'tbb.wallet.action': 'win', 'http.response.status_code': 403 }, 1],
      ]);
      expect(points(await fresh.metric('tbb.wallet.server.refusals'))).toEqual([
        [{ 'tbb.wallet.refusal.code': 402, 'tbb.wallet.action': 'bet' }, 1],
        [{ 'tbb.wallet.refusal.code': 403 }, 1],
      ]);
      expect(points(await fresh.metric('tbb.wallet.client.refusals'))).toEqual([
        [{ 'tbb.wallet.action': 'bet', 'tbb.wallet.refusal.code': 402 }, 1],
        [{ 'tbb.wallet.action': 'win', 'tbb.wallet.refusal.code': 403 }, 1],
      ]);
      expect(points(await fresh.metric('tbb.wallet.server.signature_failures'))).toEqual([[{}, 1]]);
      const histogram = await fresh.metric('http.server.request.duration');
      expect(histogram?.descriptor.unit).toBe('s');
      const everyAttribute = histogram?.dataPoints.flatMap((point) => Object.keys(point.attributes)) ?? [];
      expect(everyAttribute).not.toContain('tbb.wallet.transaction_id');
      expect(everyAttribute).not.toContain('tbb.wallet.player_id');
    } finally {
      local.close();
      await fresh.shutdown();
    }
  });
});
