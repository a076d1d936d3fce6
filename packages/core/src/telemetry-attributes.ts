/**
 * What the OpenTelemetry adapters of the client and the handler share, without importing
 * OpenTelemetry: the attribute names of our own (every call goes to one URL, so the wallet
 * action is an attribute, not a route), which events count as errors, and the buckets of
 * the HTTP duration histograms of the semantic conventions.
 */
import type { WalletEvent } from './wallet-event.ts';

/** The attribute names of our own, under `tbb.wallet.`. */
export const walletAttributes = Object.freeze({
  action: 'tbb.wallet.action',
  transactionId: 'tbb.wallet.transaction_id',
  playerId: 'tbb.wallet.player_id',
  callId: 'tbb.wallet.call_id',
  attempts: 'tbb.wallet.attempts',
  errorKind: 'tbb.wallet.error_kind',
  replayed: 'tbb.wallet.replayed',
  refusalCode: 'tbb.wallet.refusal.code',
} as const);

/**
 * The explicit bucket boundaries (seconds) the stable HTTP semantic conventions advise for
 * `http.server.request.duration` and `http.client.request.duration`.
 */
export const httpDurationBuckets: readonly number[] = Object.freeze([
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
]);

/**
 * `true` when the event ends as tracing counts an error: a 5xx, or no valid answer at all
 * (a timeout, a lost connection, an answer outside the spec). A refusal with a 4xx code is
 * the wallet's answer, not an error. A caller that left (status 0) is not an error either.
 */
export function isFailure(event: Pick<WalletEvent, 'status' | 'errorKind'>): boolean {
  if (event.status !== undefined && event.status >= 500) return true;
  return event.errorKind !== undefined && event.errorKind !== 'refused';
}

/**
 * The semantic conventions' `error.type` of a failed event: the status code of a 5xx, or
 * why there was no good answer (`timeout`, `connection`, …); `undefined` when it did not fail.
 */
export function errorTypeOf(event: Pick<WalletEvent, 'status' | 'errorKind'>): string | undefined {
  if (!isFailure(event)) return undefined;
  if (event.status !== undefined && event.status >= 500) return String(event.status);
  return event.errorKind ?? '_OTHER';
}

/** The code of a refusal: a 4xx status the wallet answered, or `undefined`. */
export function refusalCodeOf(event: Pick<WalletEvent, 'status'>): number | undefined {
  const status = event.status;
  return status !== undefined && status >= 400 && status < 500 ? status : undefined;
}

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'QUERY']);

/** `http.request.method` as the conventions want it: a known method, or `_OTHER` (keep the original beside it). */
export function httpMethodOf(method: string): string {
  return knownMethods.has(method) ? method : '_OTHER';
}
