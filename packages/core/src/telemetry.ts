/**
 * The hooks a package calls around a call so that tracing and metrics can be plugged in
 * without the package knowing about them: a call starts, an attempt starts, each ends with
 * the same {@link WalletEvent} the `onEvent` hooks get. `@tbb-wallet/client/opentelemetry`
 * and `@tbb-wallet/handler/opentelemetry` implement them over `@opentelemetry/api`; core
 * imports nothing of OpenTelemetry. Without a `telemetry` option, a package pays one
 * `undefined` check per call.
 */
import type { WalletAction } from './types.ts';
import type { WalletEvent } from './wallet-event.ts';

/** What the client knows when a call starts (before it is signed). */
export interface ClientCallStart {
  readonly callId: string;
  readonly action: WalletAction;
  readonly player_id: string;
  readonly transaction_id?: string;
  /** The operator's wallet URL. */
  readonly url: string;
}

/** The provider's side: told of every call of a client. */
export interface ClientTelemetry {
  startCall(call: ClientCallStart): ClientCallTelemetry;
}

/** One call of the client, with its retries. */
export interface ClientCallTelemetry {
  /** Attempt `attempt` (1 for the first) starts. */
  startAttempt(attempt: number): ClientAttemptTelemetry;
  /** The call ended (`scope: 'call'`). */
  end(event: WalletEvent): void;
}

/** One HTTP exchange of a call. */
export interface ClientAttemptTelemetry {
  /**
   * Headers to send with this attempt only (W3C `traceparent`, `tracestate`). They are
   * not signed: the signature covers the body, whose bytes they do not change.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** The attempt ended (`scope: 'attempt'`). */
  end(event: WalletEvent): void;
}

/** What the handler knows when a call arrives, before its body is read or checked. */
export interface ServerCallStart {
  /** The HTTP method. */
  readonly method: string;
  /** The caller's W3C `traceparent` header, if any. */
  readonly traceparent?: string | null | undefined;
  /** The caller's W3C `tracestate` header, if any. */
  readonly tracestate?: string | null | undefined;
  /** The size of the request body in bytes, when the adapter holds its bytes. */
  readonly bodyBytes?: number | undefined;
  /** `http` or `https`, when the adapter knows it. */
  readonly scheme?: string | undefined;
  /** The request target's path (without its query), when the adapter knows it. */
  readonly path?: string | undefined;
}

/** The operator's side: told of every call the handler answers. */
export interface ServerTelemetry {
  startCall(call: ServerCallStart): ServerCallTelemetry;
}

/** One call the handler answers. */
export interface ServerCallTelemetry {
  /** Runs the call's work (the wallet callback included) so that work it traces nests under the call. */
  within<T>(work: () => T): T;
  /** The call was answered (`status`, and what the body named, once validated). */
  end(event: WalletEvent): void;
}

/** Work of a wallet or a queue (a database transaction, a delivery) that a span may cover. */
export interface WorkTelemetry {
  /**
   * `name` starts (e.g. `ledger win`), with what is known of its call; `'client'` for a
   * request to another system (a database round trip), `'internal'` (the default) otherwise.
   */
  start(name: string, known: Partial<WalletEvent>, kind?: 'internal' | 'client'): WorkSpan;
}

/** One piece of work under way. */
export interface WorkSpan {
  /** Runs `work` so that what it traces (a database round trip) nests under this span. */
  within<T>(work: () => T): T;
  /** The work ended: its event (a package's own extension of the shared shape), and the error when it failed. */
  end(event: Partial<WalletEvent>, error?: unknown): void;
}
