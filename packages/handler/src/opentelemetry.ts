/**
 * `@tbb-wallet/handler/opentelemetry`: the handler's traces and metrics over the
 * `@opentelemetry/api` module you pass in (an optional peer: this entry imports it only as
 * types, so nothing here loads it). One SERVER span per call, continuing the caller's trace
 * when a `traceparent` came with it (through the registered propagator), made active while
 * the wallet callback runs; the `http.server.request.duration` histogram; counters of
 * refusals by code and of signature failures.
 */
import type * as Api from '@opentelemetry/api';
import type { ServerTelemetry } from '@tbb-wallet/core';
import {
  errorTypeOf,
  httpDurationBuckets,
  httpMethodOf,
  refusalCodeOf,
  walletAttributes as wallet,
} from '@tbb-wallet/core';

/** The parts of `@opentelemetry/api` the handler uses: pass `import * as api from '@opentelemetry/api'`. */
export type OpenTelemetryApi = Pick<typeof Api, 'trace' | 'metrics' | 'context' | 'propagation'> & {
  readonly SpanKind: Pick<typeof Api.SpanKind, 'SERVER'>;
  readonly SpanStatusCode: Pick<typeof Api.SpanStatusCode, 'ERROR'>;
};

/** Options of {@link handlerOpenTelemetry}. */
export interface HandlerOpenTelemetryOptions {
  /** Where spans go; default the global one (`api.trace`). */
  readonly tracerProvider?: Api.TracerProvider;
  /**
   * Where metrics go; default the global one (`api.metrics`), taken when the telemetry is made:
   * register the SDK first (the metrics API has no proxy that would follow a later registration).
   */
  readonly meterProvider?: Api.MeterProvider;
  /** Put the player's id on spans as `tbb.wallet.player_id` (never on metrics). Default `false`. */
  readonly recordPlayerId?: boolean;
}

const scope = '@tbb-wallet/handler';

/**
 * The handler's telemetry, for `createWalletHandler({ …, telemetry: handlerOpenTelemetry(api) })`.
 * The span `POST` carries `http.request.method`, `url.scheme`, `url.path` (never the query), `http.request.body.size`,
 * `http.response.status_code`, `tbb.wallet.action` and `tbb.wallet.transaction_id` (once the
 * body was validated). A 4xx refusal is the wallet's answer, not a span error; a 5xx is
 * (with `error.type`). The transaction id is on spans only, never on metrics.
 */
export function handlerOpenTelemetry(
  api: OpenTelemetryApi,
  options: HandlerOpenTelemetryOptions = {},
): ServerTelemetry {
  const tracer = (options.tracerProvider ?? api.trace).getTracer(scope);
  const meter = (options.meterProvider ?? api.metrics).getMeter(scope);
  const duration = meter.createHistogram('http.server.request.duration', {
    unit: 's',
    description: 'Duration of HTTP server requests.',
    advice: { explicitBucketBoundaries: [...httpDurationBuckets] },
  });
  const refusals = meter.createCounter('tbb.wallet.server.refusals', {
    unit: '{refusal}',
    description: 'Protocol refusals (4xx) the handler answered, by code.',
  });
  const signatureFailures = meter.createCounter('tbb.wallet.server.signature_failures', {
    unit: '{call}',
    description: 'Calls refused 403 because X-REQUEST-SIGN did not match any secret.',
  });

  return {
    startCall(start) {
      const active = api.context.active();
      const parent = start.traceparent
        ? api.propagation.extract(active, { traceparent: start.traceparent, tracestate: start.tracestate ?? undefined })
        : active;
      const method = httpMethodOf(start.method);
      const attributes: Api.Attributes = { 'http.request.method': method };
      if (method !== start.method) attributes['http.request.method_original'] = start.method;
      if (start.bodyBytes !== undefined) attributes['http.request.body.size'] = start.bodyBytes;
      if (start.scheme !== undefined) attributes['url.scheme'] = start.scheme;
      if (start.path !== undefined) attributes['url.path'] = start.path;
      const span = tracer.startSpan(method, { kind: api.SpanKind.SERVER, attributes }, parent);
      // Nothing registered and no caller's trace: no context to carry into the callback.
      const context = api.trace.isSpanContextValid(span.spanContext()) ? api.trace.setSpan(parent, span) : undefined;
      return {
        within: (work) => (context ? api.context.with(context, work) : work()),
        end(event) {
          const measured: Api.Attributes = { 'http.request.method': method };
          const traced: Api.Attributes = {};
          if (event.action !== undefined) measured[wallet.action] = event.action;
          if (event.status !== 0) measured['http.response.status_code'] = event.status;
          if (event.transaction_id !== undefined) traced[wallet.transactionId] = event.transaction_id;
          if (options.recordPlayerId && event.player_id !== undefined) traced[wallet.playerId] = event.player_id;
          const errorType = errorTypeOf(event);
          if (errorType !== undefined) {
            measured['error.type'] = errorType;
            span.setStatus({ code: api.SpanStatusCode.ERROR });
          }
          if (span.isRecording()) span.setAttributes({ ...measured, ...traced });
          span.end();
          duration.record(event.durationMs / 1000, measured);
          const code = refusalCodeOf(event);
          if (code !== undefined) refusals.add(1, { [wallet.refusalCode]: code, ...actionOf(event.action) });
          if (code === 403) signatureFailures.add(1);
        },
      };
    },
  };
}

const actionOf = (action: string | undefined): Api.Attributes =>
  action === undefined ? {} : { [wallet.action]: action };
