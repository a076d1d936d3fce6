/**
 * The options of {@link createWalletClient} and their documented defaults.
 */
import type { ClientTelemetry, Secret, WalletAction, WalletEvent } from '@tbb-wallet/core';
import { assertKnownOptions, maxTimerMs, timerBoundMessage } from '@tbb-wallet/core';
import type { Dispatcher } from 'undici';

/**
 * How `balance`, `win`, `refund` and `rollbackWin` are retried after a connection
 * failure, a timeout, 500, 503 or 504. The delay before retry `n` (1-based) is a
 * random value between 0 and `min(maxDelayMs, baseDelayMs × 2^(n−1))` ("full jitter").
 * No attempt starts, and no delay is waited, past `deadlineMs` after the first attempt.
 */
export interface RetryOptions {
  /** Attempts in all, the first included; `1` turns retries off. Default 5. */
  attempts?: number;
  /** Upper bound of the first retry's delay, in ms. Default 100. */
  baseDelayMs?: number;
  /** Upper bound of any delay, in ms. Default 2000. */
  maxDelayMs?: number;
  /** Time budget of one call, all attempts and delays included, in ms, at most 2147483647. Default 10000. */
  deadlineMs?: number;
}

/** The retry defaults. */
export const defaultRetry: Readonly<Required<RetryOptions>> = Object.freeze({
  attempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 2000,
  deadlineMs: 10_000,
});

/** The default time one attempt may take, in ms. */
export const defaultTimeoutMs = 5000;

/**
 * The default bound of an operator's answer, in bytes: 1 MiB. A protocol answer is about
 * a hundred bytes; the bound only stops a broken or hostile operator from filling memory.
 */
export const defaultMaxAnswerBytes = 1_048_576;

/** `maxAnswerBytes` checked: a whole number of bytes, at least 1. */
export function checkMaxAnswerBytes(maxAnswerBytes: number): number {
  if (!Number.isSafeInteger(maxAnswerBytes) || maxAnswerBytes < 1)
    throw new RangeError(
      `maxAnswerBytes must be a whole number of bytes, at least 1 (it was ${String(maxAnswerBytes)}): ` +
        `leave it out for the default, ${defaultMaxAnswerBytes} (1 MiB), or raise it if the operator's answers are larger.`,
    );
  return maxAnswerBytes;
}

/** `timeoutMs` checked: a number greater than 0, at most {@link maxTimerMs}. */
export function checkTimeout(timeoutMs: number): number {
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be a number greater than 0.');
  if (!(timeoutMs <= maxTimerMs)) throw new RangeError(timerBoundMessage('timeoutMs', timeoutMs));
  return timeoutMs;
}

/**
 * What `onEvent` is told: once after each attempt (`scope: 'attempt'`) and once when
 * the call ends (`scope: 'call'`, `attempt` = the attempts it took), in the shape the
 * handler reports too. It holds ids and outcomes, never a body, a signature or a secret.
 */
export interface WalletClientEvent extends WalletEvent {
  readonly scope: 'attempt' | 'call';
  readonly callId: string;
  readonly action: WalletAction;
  readonly attempt: number;
}

/** What one call may change of the client's options. */
export interface CallOptions {
  /** The time one attempt of this call may take, in ms (the client's `timeoutMs` otherwise). */
  timeoutMs?: number;
  /** Overrides of the client's retry policy for this call (ignored by `bet`, never retried). */
  retry?: RetryOptions;
  /**
   * Ends the call when it aborts: the pending attempt, or the wait before the next one,
   * rejects with `WalletAbortedError` (a bet under way: `WalletOutcomeUnknownError`).
   */
  signal?: AbortSignal;
}

/** What `onRequest` is told before each attempt. It never contains the secret. */
export interface WalletRequestEvent {
  /** The wire value of `action`. */
  readonly action: WalletAction;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  readonly url: string;
  /** The headers sent, the `X-REQUEST-SIGN` signature included. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body sent (the same bytes on every attempt). */
  readonly body: string;
}

/** What `onResponse` is told after each attempt: the answer, or the failure. */
export interface WalletResponseEvent {
  readonly action: WalletAction;
  readonly attempt: number;
  /** The HTTP status, when an answer arrived. */
  readonly status?: number;
  /** The raw body of the answer, when one arrived. */
  readonly body?: string;
  /** The error this attempt ends in, if it failed. */
  readonly error?: Error;
  /** The delay before the next attempt, in ms, when the call will be retried. */
  readonly retryInMs?: number;
}

/** The options of {@link createWalletClient}. */
export interface WalletClientOptions {
  /** The operator's full wallet URL, path included, e.g. `https://casino.example/api/tbb/wallet`. */
  baseUrl: string | URL;
  /** The secret shared with the operator; it signs every body and is never shown anywhere. */
  secret: Secret;
  /**
   * The fetch to send with. Without it the client sends over `node:http`/`node:https`
   * where the runtime has them (Node), and over the global `fetch`, looked up at each
   * call, elsewhere (Workers, browsers, Bun, Deno).
   *
   * It is called with one `Request` per attempt and, as a second argument, `{ body }`:
   * the same body string, so a fetch that takes `init` (the global one) need not copy
   * the Request's body stream. A fetch that ignores it reads the same bytes from the Request.
   *
   * A WHATWG fetch cannot see an HTTP 407 on most runtimes: the Fetch standard makes it
   * a network error, so the protocol's 407 "Player is blocked." then arrives as a
   * `WalletConnectionError` instead of `PlayerBlockedError`, `balance`, `win`, `refund`
   * and `rollbackWin` are retried on it, and a blocked player's `bet` throws
   * `WalletOutcomeUnknownError` (so `betOrRefund` refunds a bet that was refused).
   */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * Node only: the undici dispatcher (an `Agent`, `Pool`, `ProxyAgent`, … of undici 7)
   * that the default transport sends through, for a proxy, mTLS or connection limits.
   * Default: one keep-alive `Pool` per client, to the wallet URL's origin. Not used with
   * `fetch`, and refused where the client runs on fetch (Workers, browsers, Bun, Deno).
   */
  dispatcher?: Dispatcher;
  /** The time one attempt may take, in ms, at most 2147483647 (what a timer holds). Default 5000. */
  timeoutMs?: number;
  /**
   * The most bytes of an answer's body the client reads, on every transport (undici, a
   * `fetch`, `node:http`). Default 1048576 (1 MiB); a protocol answer is about a hundred
   * bytes. An answer whose `Content-Length` is larger is refused before its body is read;
   * one that streams past the bound stops being read there and its connection is closed,
   * the rest never buffered. Either way the attempt fails with
   * `WalletAnswerTooLargeError` (a `WalletConnectionError`: the body was not read, so the
   * outcome is unknown; retried like a cut connection, and a `bet` throws
   * `WalletOutcomeUnknownError`).
   *
   * @throws RangeError at construction unless a whole number of bytes, at least 1.
   */
  maxAnswerBytes?: number;
  /** Retry policy of `balance`, `win`, `refund` and `rollbackWin` (`bet` is never retried). */
  retry?: RetryOptions;
  /**
   * Extra headers sent with every call; they cannot replace `Content-Type` or `X-REQUEST-SIGN`.
   *
   * @throws TypeError at construction for a header the transport writes itself:
   *   `Content-Length`, `Transfer-Encoding`, `Expect`, `Keep-Alive`, `Upgrade`, `Trailer`,
   *   `Accept-Encoding`.
   */
  headers?: Readonly<Record<string, string>>;
  /** Called before each attempt with the exact bytes sent. Errors it throws are ignored. */
  onRequest?: (event: WalletRequestEvent) => void;
  /** Called after each attempt with its answer's exact bytes. Errors it throws are ignored. */
  onResponse?: (event: WalletResponseEvent) => void;
  /** Called after each attempt and after each call (see {@link WalletClientEvent}). Errors it throws are ignored. */
  onEvent?: (event: WalletClientEvent) => void;
  /**
   * Traces and metrics: `clientOpenTelemetry(api)` from `@tbb-wallet/client/opentelemetry`
   * (one span per call, a CLIENT span per attempt with W3C `traceparent`, the
   * `http.client.request.duration` histogram), or your own {@link ClientTelemetry}, whose
   * methods must not throw. Without it the client pays one `undefined` check per call.
   */
  telemetry?: ClientTelemetry;
}

/** Every option of {@link RetryOptions}: a misspelt one (`attemps`, `deadlineMS`) is refused, not ignored. */
const retryOptionNames = {
  attempts: true,
  baseDelayMs: true,
  maxDelayMs: true,
  deadlineMs: true,
} as const satisfies Record<keyof RetryOptions, true>;

/** Every option of {@link CallOptions}: a misspelt one (`timeoutMS`) is refused, not ignored. */
export const callOptionNames = {
  timeoutMs: true,
  retry: true,
  signal: true,
} as const satisfies Record<keyof CallOptions, true>;

/**
 * Retry options with every unset one taken from `base` (the defaults), checked.
 * @throws TypeError when `retry` is not an object or names an option that does not exist
 *   (ignored, it would leave the default in force: five attempts, a 10 s deadline);
 *   RangeError when a value is out of range.
 */
export function resolveRetry(
  retry: RetryOptions | undefined,
  base: Readonly<Required<RetryOptions>> = defaultRetry,
  where = 'createWalletClient({ retry })',
): Required<RetryOptions> {
  if (retry !== undefined) {
    if (typeof retry !== 'object' || retry === null)
      throw new TypeError(`${where}: retry takes an object, e.g. { attempts: 3 }, not ${String(retry)}.`);
    assertKnownOptions(where, retry, retryOptionNames);
  }
  const resolved = { ...base, ...stripUndefined(retry) };
  if (!Number.isInteger(resolved.attempts) || resolved.attempts < 1)
    throw new RangeError('retry.attempts must be an integer of at least 1.');
  for (const key of ['baseDelayMs', 'maxDelayMs'] as const) {
    if (!(resolved[key] >= 0)) throw new RangeError(`retry.${key} must be a number of at least 0.`);
  }
  if (!(resolved.deadlineMs > 0)) throw new RangeError('retry.deadlineMs must be a number greater than 0.');
  if (!(resolved.deadlineMs <= maxTimerMs))
    throw new RangeError(timerBoundMessage('retry.deadlineMs', resolved.deadlineMs));
  return resolved;
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
