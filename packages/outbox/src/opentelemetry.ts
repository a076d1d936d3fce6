/**
 * `@tbb-wallet/outbox/opentelemetry`: the outbox's spans and gauges over the
 * `@opentelemetry/api` module you pass in (an optional peer, imported here as types only):
 * a span `outbox deliver <action>` per delivery attempt, with the client's call span, its CLIENT
 * span and W3C `traceparent` to the operator under it, and the gauges
 * `tbb.wallet.outbox.depth` (pending jobs) and `tbb.wallet.outbox.oldest_pending_age`
 * (seconds), read by a query on the queue's table each time the meter collects.
 */
import type * as Api from '@opentelemetry/api';
import type { OpenTelemetryApi as ClientApi } from '@tbb-wallet/client/opentelemetry';
import { clientOpenTelemetry } from '@tbb-wallet/client/opentelemetry';
import { walletAttributes as wallet } from '@tbb-wallet/core';
import type { OutboxTelemetry } from './options.ts';

/** The parts of `@opentelemetry/api` the outbox uses: pass `import * as api from '@opentelemetry/api'`. */
export type OpenTelemetryApi = ClientApi;

/** Options of {@link outboxOpenTelemetry}. */
export interface OutboxOpenTelemetryOptions {
  /** Where spans go; default the global one (`api.trace`). */
  readonly tracerProvider?: Api.TracerProvider;
  /** Where metrics go; default the global one, taken when the telemetry is made (register the SDK first). */
  readonly meterProvider?: Api.MeterProvider;
}

/** The outbox's telemetry, for `createOutbox({ …, telemetry: outboxOpenTelemetry(api) })`. */
export function outboxOpenTelemetry(api: OpenTelemetryApi, options: OutboxOpenTelemetryOptions = {}): OutboxTelemetry {
  const tracer = (options.tracerProvider ?? api.trace).getTracer('@tbb-wallet/outbox');
  const meter = (options.meterProvider ?? api.metrics).getMeter('@tbb-wallet/outbox');
  return {
    client: clientOpenTelemetry(api, options),
    start(name, known) {
      const attributes: Api.Attributes = {};
      if (known.action) attributes[wallet.action] = known.action;
      if (known.transaction_id) attributes[wallet.transactionId] = known.transaction_id;
      if (known.attempt !== undefined) attributes[wallet.attempts] = known.attempt;
      const span = tracer.startSpan(name, { kind: api.SpanKind.INTERNAL, attributes });
      const context = api.trace.setSpan(api.context.active(), span);
      return {
        within: (work) => api.context.with(context, work),
        end(event, error) {
          const { state } = event as { state?: string };
          if (event.status !== undefined) span.setAttribute('http.response.status_code', event.status);
          if (state !== undefined) span.setAttribute('tbb.wallet.outbox.state', state);
          if (error !== undefined || state === 'dead') span.setStatus({ code: api.SpanStatusCode.ERROR });
          span.end();
        },
      };
    },
    watchQueue(read) {
      const depth = meter.createObservableGauge('tbb.wallet.outbox.depth', {
        unit: '{job}',
        description: 'Jobs still pending delivery.',
      });
      const age = meter.createObservableGauge('tbb.wallet.outbox.oldest_pending_age', {
        unit: 's',
        description: 'Age of the oldest pending job (0 when none is pending).',
      });
      meter.addBatchObservableCallback(
        async (result) => {
          const stats = await read().catch(() => undefined); // a database down: no point this time
          if (!stats) return;
          result.observe(depth, stats.pending);
          result.observe(age, stats.oldestPendingAgeMs / 1000);
        },
        [depth, age],
      );
    },
  };
}
