/**
 * One logical call, as a straight line: body + signature (once) → attempt → answer,
 * again with the byte-identical body and signature while a failure is retryable and
 * the policy allows, never past the call's deadline.
 *
 * @see WALLET-PROTOCOL.md §2 (signing) and §6 (idempotent retries)
 */
import type { Secret, Validator, WalletRequest } from '@tbb-wallet/core';
import { attempt } from './attempt.ts';
import type { CallHooks } from './call-hooks.ts';
import { eventOf, identityOf, notify } from './call-hooks.ts';
import type { RetryOptions } from './options.ts';
import { readAnswer } from './read-answer.ts';
import { backoffDelay, isRetryable, pause } from './retry.ts';
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
  check: Validator<T>,
  policy: CallPolicy,
): Promise<T> {
  const { url } = context;
  const { onRequest, onResponse, onEvent } = context.hooks;
  const { signal, retry } = policy;
  if (signal?.aborted) throw new WalletAbortedError(signal.reason, false);
  // Events are built only for a hook that listens.
  const identity = onEvent && identityOf(context.nextCallId(), request);
  const call = await signCall(request, context.secret, context.headers);
  // The deadline on the wall clock (which tests can fake), durations on the monotonic one.
  const started = Date.now();
  const callStarted = performance.now();
  for (let attemptNo = 1; ; attemptNo++) {
    // No attempt outlives the call's deadline.
    const timeoutMs = Math.max(1, Math.min(policy.timeoutMs, retry.deadlineMs - (Date.now() - started)));
    if (onRequest)
      notify(onRequest, { action: request.action, attempt: attemptNo, url, headers: call.headers, body: call.body });
    const attemptStarted = performance.now();
    let error: Error;
    let status: number | undefined;
    let text: string | undefined;
    try {
      ({ status, text } = await attempt(context.transport, call, timeoutMs, signal));
      const answer = readAnswer(status, text, check);
      if (answer.ok) {
        if (onResponse) notify(onResponse, { action: request.action, attempt: attemptNo, status, body: text });
        if (identity) {
          const now = performance.now();
          notify(onEvent, eventOf('attempt', identity, attemptNo, now - attemptStarted, status, undefined));
          notify(onEvent, eventOf('call', identity, attemptNo, now - callStarted, status, undefined));
        }
        return answer.value;
      }
      error = answer.error;
    } catch (failure) {
      error = failure as Error;
    }
    const retryInMs = nextDelay(attemptNo, error, retry, Date.now() - started);
    const answered = status === undefined ? {} : { status, body: text };
    if (onResponse) notify(onResponse, { action: request.action, attempt: attemptNo, ...answered, error, retryInMs });
    if (identity)
      notify(onEvent, eventOf('attempt', identity, attemptNo, performance.now() - attemptStarted, status, error));
    try {
      if (retryInMs === undefined) throw error;
      await pause(retryInMs, signal);
    } catch (failure) {
      const thrown = policy.final ? policy.final(failure as Error) : (failure as Error);
      if (identity)
        notify(onEvent, eventOf('call', identity, attemptNo, performance.now() - callStarted, status, thrown));
      throw thrown;
    }
  }
}

/** The delay before the next attempt, or `undefined` when this failure is the last. */
function nextDelay(attempt: number, error: Error, retry: Required<RetryOptions>, elapsed: number): number | undefined {
  if (attempt >= retry.attempts || !isRetryable(error)) return undefined;
  const delay = backoffDelay(attempt, retry);
  return elapsed + delay < retry.deadlineMs ? delay : undefined;
}
