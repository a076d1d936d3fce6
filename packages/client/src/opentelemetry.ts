/**
 * `@tbb-wallet/client/opentelemetry`: the client's traces and metrics over the
 * `@opentelemetry/api` module you pass in (an optional peer: this entry imports it only as
 * types, so nothing here loads it). One INTERNAL span per call, one CLIENT span per attempt
 * under it (`http.request.resend_count` on retries), W3C `traceparent`/`tracestate` on each
 * attempt through the registered propagator, and the `http.client.request.duration` histogram.
 */
import type * as Api from '@opentelemetry/api';
import type { ClientTelemetry, WalletEvent } from '@tbb-wallet/core';
import { errorTypeOf, httpDurationBuckets, refusalCodeOf, walletAttributes as wallet } from '@tbb-wallet/core';

/** The parts of `@opentelemetry/api` the client uses: pass `import * as api from '@opentelemetry/api'`. */
export type OpenTelemetryApi = Pick<typeof Api, 'trace' | 'metrics' | 'context' | 'propagation'> & {
  readonly SpanKind: Pick<typeof Api.SpanKind, 'INTERNAL' | 'CLIENT' | 'SERVER'>;
  readonly SpanStatusCode: Pick<typeof Api.SpanStatusCode, 'ERROR'>;
};

/** Options of {@link clientOpenTelemetry}. */
export interface ClientOpenTelemetryOptions {
  /** Where spans go; default the global one (`api.trace`), looked up through its proxy when spans start. */
  readonly tracerProvider?: Api.TracerProvider;
  /**
   * Where metrics go; default the global one (`api.metrics`), taken when the telemetry is made:
   * register the SDK first (the metrics API has no proxy that would follow a later registration).
   */
  readonly meterProvider?: Api.MeterProvider;
  /** Put the player's id on spans as `tbb.wallet.player_id` (never on metrics). Default `false`. */
  readonly recordPlayerId?: boolean;
}

const scope = '@tbb-wallet/client';

/** `server.address`, `server.port` and `url.full` (no query, no credentials) of a wallet URL. */
function serverOf(walletUrl: string): Api.Attributes {
  const url = new URL(walletUrl);
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { 'server.address': url.hostname, 'server.port': port, 'url.full': `${url.origin}${url.pathname}` };
}

/**
 * The client's telemetry, for `createWalletClient({ …, telemetry: clientOpenTelemetry(api) })`.
 * A call's span is named `tbb.wallet <action>` and carries `tbb.wallet.action`,
 * `tbb.wallet.transaction_id`, `tbb.wallet.call_id` and `tbb.wallet.attempts`; each attempt's
 * CLIENT span `POST` carries the HTTP attributes of the stable conventions. A 4xx refusal is
 * the operator's answer, not a span error; a 5xx, a timeout or a lost connection is.
 * `tbb.wallet.client.refusals` counts refusals by code.
 */
export function clientOpenTelemetry(api: OpenTelemetryApi, options: ClientOpenTelemetryOptions = {}): ClientTelemetry {
  const tracer = (options.tracerProvider ?? api.trace).getTracer(scope);
  const meter = (options.meterProvider ?? api.metrics).getMeter(scope);
  const duration = meter.createHistogram('http.client.request.duration', {
    unit: 's',
    description: 'Duration of HTTP client requests (one per attempt).',
    advice: { explicitBucketBoundaries: [...httpDurationBuckets] },
  });
  const refusals = meter.createCounter('tbb.wallet.client.refusals', {
    unit: '{refusal}',
    description: 'Protocol refusals (4xx) the operator answered, by code.',
  });
  const servers = new Map<string, Api.Attributes>();
  const ended = (span: Api.Span, event: WalletEvent, attributes: Api.Attributes) => {
    const errorType = errorTypeOf(event);
    if (event.status !== undefined) attributes['http.response.status_code'] = event.status;
    if (errorType !== undefined) {
      attributes['error.type'] = errorType;
      span.setStatus({ code: api.SpanStatusCode.ERROR, message: event.errorKind });
    }
    if (span.isRecording()) span.setAttributes(attributes);
    span.end();
  };

  return {
    startCall(call) {
      const server = servers.get(call.url) ?? serverOf(call.url);
      servers.set(call.url, server);
      const attributes: Api.Attributes = { [wallet.action]: call.action, [wallet.callId]: call.callId };
      if (call.transaction_id !== undefined) attributes[wallet.transactionId] = call.transaction_id;
      if (options.recordPlayerId) attributes[wallet.playerId] = call.player_id;
      const parent = api.context.active();
      const span = tracer.startSpan(`tbb.wallet ${call.action}`, { kind: api.SpanKind.INTERNAL, attributes }, parent);
      const within = api.trace.isSpanContextValid(span.spanContext()) ? api.trace.setSpan(parent, span) : parent;
      return {
        startAttempt(attempt) {
          // Object.assign, not `{ ...server, key, ...attributes }`: on Node 20 a spread followed by more keys
          // misses its inline cache on every call (see the handler's eventOf).
          const attemptAttributes: Api.Attributes = Object.assign(
            { 'http.request.method': 'POST' },
            server,
            attributes,
          );
          if (attempt > 1) attemptAttributes['http.request.resend_count'] = attempt - 1;
          const kind = api.SpanKind.CLIENT;
          const attemptSpan = tracer.startSpan('POST', { kind, attributes: attemptAttributes }, within);
          const headers: Record<string, string> = {};
          // Nothing registered and no trace around the call: no trace context to send.
          if (api.trace.isSpanContextValid(attemptSpan.spanContext()))
            api.propagation.inject(api.trace.setSpan(within, attemptSpan), headers);
          return {
            headers,
            end(event) {
              const measured: Api.Attributes = Object.assign({ 'http.request.method': 'POST' }, server);
              measured[wallet.action] = call.action;
              ended(attemptSpan, event, {});
              if (event.status !== undefined) measured['http.response.status_code'] = event.status;
              const errorType = errorTypeOf(event);
              if (errorType !== undefined) measured['error.type'] = errorType;
              duration.record(event.durationMs / 1000, measured);
              const code = refusalCodeOf(event);
              if (code !== undefined) refusals.add(1, { [wallet.action]: call.action, [wallet.refusalCode]: code });
            },
          };
        },
        end(event) {
          ended(span, event, { [wallet.attempts]: event.attempt ?? 1 });
        },
      };
    },
  };
}
