/**
 * What the ledger reports of each wallet call it runs: one {@link LedgerEvent} to `onEvent`,
 * and, with `telemetry`, a span around the call and one per database round trip. Without
 * either option nothing is wrapped: the callbacks call the database directly.
 */
import type { WalletAction, WalletEvent, WalletEventErrorKind, WorkTelemetry } from '@tbb-wallet/core';
import { WalletRefusal } from '@tbb-wallet/handler';

/** One wallet call the ledger ran, in the shared event shape, with its database work. */
export interface LedgerEvent extends WalletEvent {
  readonly scope: 'call';
  readonly action: WalletAction;
  readonly player_id: string;
  /** 200, or the code of the refusal it answered (503 when the database was lost, 500 for anything else). */
  readonly status: number;
  /** Database round trips the call took (retries of a settled conflict included). */
  readonly roundTrips: number;
  /** Milliseconds spent waiting on the database, over all its round trips. */
  readonly databaseMs: number;
  /** True when the answer is the stored one of an earlier call with this `transaction_id` (nothing moved). */
  readonly replayed: boolean;
}

/** Runs one round trip of a call, counted and timed (`read`: BEGIN and the facts; `write`: the writes and COMMIT). */
export type RoundTrip = <T>(step: 'read' | 'write', run: () => Promise<T>) => Promise<T>;

/** What a call's database work reports as it goes. */
export interface CallRecord {
  readonly trip: RoundTrip;
  /** Set by the transfer when it answers a replay. */
  replayed: boolean;
}

/** Runs `work` for one call, reporting it; `undefined` when nobody listens. */
export type ObserveCall = <T>(
  action: WalletAction,
  request: { readonly player_id: string; readonly payload?: { provider_transfer_data?: { transaction_id?: string } } },
  work: (record: CallRecord) => Promise<T>,
) => Promise<T>;

function statusOf(error: unknown): { status: number; errorKind?: WalletEventErrorKind } {
  return error instanceof WalletRefusal ? { status: error.code, errorKind: 'refused' } : { status: 500 };
}

/** The observer of the ledger's calls, or `undefined` without `onEvent` and `telemetry`. */
export function callObserver(
  onEvent: ((event: LedgerEvent) => void) | undefined,
  telemetry: WorkTelemetry | undefined,
): ObserveCall | undefined {
  if (!onEvent && !telemetry) return undefined;
  return async (action, request, work) => {
    const transactionId = request.payload?.provider_transfer_data?.transaction_id;
    const ids = { action, player_id: request.player_id, ...(transactionId && { transaction_id: transactionId }) };
    const span = telemetry?.start(`ledger ${action}`, ids);
    const started = performance.now();
    let roundTrips = 0;
    let databaseMs = 0;
    const record: CallRecord = {
      replayed: false,
      async trip(step, run) {
        const tripSpan = telemetry?.start(`ledger ${step}`, ids, 'client');
        const tripStarted = performance.now();
        roundTrips++;
        try {
          const rows = await (tripSpan ? tripSpan.within(run) : run());
          tripSpan?.end({});
          return rows;
        } catch (error) {
          tripSpan?.end({}, error);
          throw error;
        } finally {
          databaseMs += performance.now() - tripStarted;
        }
      },
    };
    const report = (outcome: { status: number; errorKind?: WalletEventErrorKind }, error?: unknown) => {
      const durationMs = performance.now() - started;
      const event: LedgerEvent = {
        scope: 'call',
        ...ids,
        ...outcome,
        durationMs,
        roundTrips,
        databaseMs,
        replayed: record.replayed,
      };
      try {
        onEvent?.(event);
      } catch {
        // A hook's failure never changes the answer.
      }
      span?.end(event, error);
    };
    try {
      const result = await (span ? span.within(() => work(record)) : work(record));
      report({ status: 200 });
      return result;
    } catch (error) {
      const outcome = statusOf(error);
      report(outcome, outcome.status >= 500 ? error : undefined);
      throw error;
    }
  };
}
