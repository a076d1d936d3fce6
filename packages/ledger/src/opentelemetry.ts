/**
 * `@tbb-wallet/ledger/opentelemetry`: spans of the ledger's work over the `@opentelemetry/api`
 * module you pass in (an optional peer, imported here as types only). Each wallet call is a
 * span `ledger <action>` under the active one (the handler's SERVER span when the handler has
 * `telemetry` too), each database round trip a CLIENT span `ledger read` / `ledger write`
 * under it; `tbb.wallet.ledger.replays` counts the calls answered from a stored answer.
 */
import type * as Api from '@opentelemetry/api';
import type { WalletEvent, WorkTelemetry } from '@tbb-wallet/core';
import { walletAttributes as wallet } from '@tbb-wallet/core';
import type { LedgerEvent } from './observe-call.ts';

/** The parts of `@opentelemetry/api` the ledger uses: pass `import * as api from '@opentelemetry/api'`. */
export type OpenTelemetryApi = Pick<typeof Api, 'trace' | 'metrics' | 'context'> & {
  readonly SpanKind: Pick<typeof Api.SpanKind, 'INTERNAL' | 'CLIENT'>;
  readonly SpanStatusCode: Pick<typeof Api.SpanStatusCode, 'ERROR'>;
};

/** Options of {@link ledgerOpenTelemetry}. */
export interface LedgerOpenTelemetryOptions {
  /** Where spans go; default the global one (`api.trace`). */
  readonly tracerProvider?: Api.TracerProvider;
  /** Where metrics go; default the global one, taken when the telemetry is made (register the SDK first). */
  readonly meterProvider?: Api.MeterProvider;
  /** Put the player's id on spans as `tbb.wallet.player_id` (never on metrics). Default `false`. */
  readonly recordPlayerId?: boolean;
}

/** The ledger's telemetry, for `createLedger({ …, telemetry: ledgerOpenTelemetry(api) })`. */
export function ledgerOpenTelemetry(api: OpenTelemetryApi, options: LedgerOpenTelemetryOptions = {}): WorkTelemetry {
  const tracer = (options.tracerProvider ?? api.trace).getTracer('@tbb-wallet/ledger');
  const replays = (options.meterProvider ?? api.metrics)
    .getMeter('@tbb-wallet/ledger')
    .createCounter('tbb.wallet.ledger.replays', {
      unit: '{call}',
      description: 'Calls answered with the stored answer of an earlier one (same transaction_id).',
    });
  const idsOf = (known: Partial<WalletEvent>): Api.Attributes => ({
    ...(known.action && { [wallet.action]: known.action }),
    ...(known.transaction_id && { [wallet.transactionId]: known.transaction_id }),
    ...(options.recordPlayerId && known.player_id && { [wallet.playerId]: known.player_id }),
  });
  return {
    start(name, known, kind = 'internal') {
      const database = kind === 'client';
      const attributes = database ? { 'db.system.name': 'postgresql', ...idsOf(known) } : idsOf(known);
      const spanKind = database ? api.SpanKind.CLIENT : api.SpanKind.INTERNAL;
      const span = tracer.startSpan(name, { kind: spanKind, attributes });
      const context = api.trace.setSpan(api.context.active(), span);
      return {
        within: (work) => api.context.with(context, work),
        end(event, error) {
          const ledger = event as Partial<LedgerEvent>;
          if (ledger.status !== undefined) span.setAttribute('tbb.wallet.status', ledger.status);
          if (ledger.roundTrips !== undefined) span.setAttribute('tbb.wallet.ledger.round_trips', ledger.roundTrips);
          if (ledger.replayed !== undefined) span.setAttribute(wallet.replayed, ledger.replayed);
          if (ledger.replayed && ledger.action) replays.add(1, { [wallet.action]: ledger.action });
          if (error !== undefined) {
            span.setAttribute('error.type', error instanceof Error ? error.name : '_OTHER');
            span.setStatus({ code: api.SpanStatusCode.ERROR });
          }
          span.end();
        },
      };
    },
  };
}
