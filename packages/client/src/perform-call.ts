/**
 * One logical call, as a straight line: body + signature (once) → attempt → answer,
 * again with the byte-identical body and signature while a failure is retryable and
 * the policy allows, never past the call's deadline.
 *
 * @see WALLET-PROTOCOL.md §2 (signing) and §6 (idempotent retries)
 */
import type { ClientTelemetry, RequestValidator, Secret, WalletRequest } from '@tbb-wallet/core';
import { attempt } from './attempt.ts';
import type { CallHooks } from './call-hooks.ts';
import { eventOf, identityOf, notify } from './call-hooks.ts';
import type { RetryOptions } from './options.ts';
import { readAnswer } from './read-answer.ts';
import { backoffDelay, isRetryable, pause } from './retry.ts';
import type { SignedCall } from './signed-call.ts';
import { signCall } from './signed-call.ts';
import type { Transport } from './transport.ts';
import { WalletAbortedError } from './transport-errors.ts';

/** What every call of one client shares. */
export interface CallContext {
  readonly url: string;
  readonly secret: Secret;
  readonly transport: Transport;
  /** The extra headers of every call (lower-case names). */
  readonly headers: Readonly<Record<string, string>>;
  readonly hooks: CallHooks;
  /** Traces and metrics of each call and attempt, when the client was given `telemetry`. */
  readonly telemetry: ClientTelemetry | undefined;
  /** A new id for each call, reported by `onEvent`. */
  readonly nextCallId: () => string;
}

/** How one call runs: its time limit per attempt, its retry policy (`attempts: 1` for none), its signal. */
export interface CallPolicy {
  readonly timeoutMs: number;
  readonly retry: Required<RetryOptions>;
  readonly signal?: AbortSignal | undefined;
  /** Turns the call's last failure into what it throws (a bet's unknown outcome). */
  readonly final?: ((error: Error) => Error) | undefined;
}

/** Signs `request` once and sends it under `policy`; resolves to the checked 200 body. */
export async function performCall<T>(
  context: CallContext,
  request: WalletRequest,
  check: RequestValidator<T>,
  policy: CallPolicy,
): Promise<T> {
  const { url, telemetry } = context;
  const { onRequest, onResponse, onEvent } = context.hooks;
  const { signal, retry } = policy;
  if (signal?.aborted) throw new WalletAbortedError(signal.reason, false);
  // Events are built only for a hook or telemetry that takes them.
  const observed = onEvent !== undefined || telemetry !== undefined;
  const identity = observed ? identityOf(context.nextCallId(), request) : undefined;
  const call = await signCall(request, context.secret, context.headers);
  const traced = identity && telemetry?.startCall({ ...identity, url });
  // The deadline on the wall clock (which tests can fake), durations on the monotonic one.
  const started = Date.now();
  const callStarted = performance.now();
  const endCall = (attempts: number, status: number | undefined, error: Error | undefined) => {
    if (!identity) return;
    const event = eventOf('call', identity, attempts, performance.now() - callStarted, status, error);
    notify(onEvent, event);
    traced?.end(event);
  };
  for (let attemptNo = 1; ; attemptNo++) {
    // No attempt outlives the call's deadline.
    const timeoutMs = Math.max(1, Math.min(policy.timeoutMs, retry.deadlineMs - (Date.now() - started)));
    const tracedAttempt = traced?.startAttempt(attemptNo);
    const sent = tracedAttempt && hasAny(tracedAttempt.headers) ? withHeaders(call, tracedAttempt.headers) : call;
    if (onRequest)
      notify(onRequest, { action: request.action, attempt: attemptNo, url, headers: sent.headers, body: sent.body });
    const attemptStarted = performance.now();
    const endAttempt = (status: number | undefined, error: Error | undefined) => {
      if (!identity) return;
      const event = eventOf('attempt', identity, attemptNo, performance.now() - attemptStarted, status, error);
      notify(onEvent, event);
      tracedAttempt?.end(event);
    };
    let error: Error;
    let status: number | undefined;
    let text: string | undefined;
    try {
      ({ status, text } = await attempt(context.transport, sent, timeoutMs, signal));
      const answer = readAnswer(status, text, check);
      if (answer.ok) {
        if (onResponse) notify(onResponse, { action: request.action, attempt: attemptNo, status, body: text });
        endAttempt(status, undefined);
        endCall(attemptNo, status, undefined);
        return answer.value;
      }
      error = answer.error;
    } catch (failure) {
      error = failure as Error;
    }
    const retryInMs = nextDelay(attemptNo, error, retry, Date.now() - started);
    const answered = status === undefined ? {} : { status, body: text };
    if (onResponse) notify(onResponse, { action: request.action, attempt: attemptNo, ...answered, error, retryInMs });
    endAttempt(status, error);
    try {
      if (retryInMs === undefined) throw error;
      await pause(retryInMs, signal);
    } catch (failure) {
      const thrown = policy.final ? policy.final(failure as Error) : (failure as Error);
      endCall(attemptNo, status, thrown);
      throw thrown;
    }
  }
}

/** True when the object has a key of its own (an attempt's trace headers: none when nothing is traced). */
function hasAny(headers: Readonly<Record<string, string>>): boolean {
  for (const _ in headers) return true;
  return false;
}

/** The call with one attempt's own headers added (trace context); body and signature unchanged. */
function withHeaders(call: SignedCall, headers: Readonly<Record<string, string>>): SignedCall {
  return { ...call, headers: { ...call.headers, ...headers } };
}

/** The delay before the next attempt, or `undefined` when this failure is the last. */
function nextDelay(attempt: number, error: Error, retry: Required<RetryOptions>, elapsed: number): number | undefined {
  if (attempt >= retry.attempts || !isRetryable(error)) return undefined;
  const delay = backoffDelay(attempt, retry);
  return elapsed + delay < retry.deadlineMs ? delay : undefined;
}
