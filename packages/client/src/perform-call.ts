/**
 * One logical call: serialise the body once, sign exactly those bytes once, then send
 * the byte-identical body and signature on every attempt until an answer is final,
 * the attempts run out or the deadline passes.
 *
 * @see WALLET-PROTOCOL.md §2 (signing) and §6 (idempotent retries)
 */
import type { Secret, Validator, WalletRequest } from '@tbb-wallet/core';
import { sign } from '@tbb-wallet/core';
import type { RetryOptions, WalletRequestEvent, WalletResponseEvent } from './options.ts';
import { readAnswer } from './read-answer.ts';
import { refuseUnstorable } from './refuse-unstorable.ts';
import { backoffDelay, isRetryable, sleep } from './retry.ts';
import type { Send, SignedCall } from './transport.ts';

/** What every call of one client shares. */
export interface CallContext {
  readonly url: string;
  readonly secret: Secret;
  readonly send: Send;
  readonly headers: Headers;
  readonly timeoutMs: number;
  readonly onRequest?: ((event: WalletRequestEvent) => void) | undefined;
  readonly onResponse?: ((event: WalletResponseEvent) => void) | undefined;
}

/** Signs `request` once and sends it under `retry` (`attempts: 1` for no retry). */
export async function performCall<T>(
  context: CallContext,
  request: WalletRequest,
  check: Validator<T>,
  retry: Required<RetryOptions>,
): Promise<T> {
  const call = await signCall(context, request);
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const elapsed = Date.now() - started;
    // Under a retry policy no attempt outlives the deadline.
    const timeoutMs =
      retry.attempts > 1 ? Math.max(1, Math.min(context.timeoutMs, retry.deadlineMs - elapsed)) : context.timeoutMs;
    notify(context.onRequest, {
      action: request.action,
      attempt,
      url: context.url,
      headers: call.headers,
      body: call.body,
    });
    let error: Error;
    let answered: { status?: number; body?: string } = {};
    try {
      const { status, text } = await context.send(call, timeoutMs);
      answered = { status, body: text };
      const answer = readAnswer(status, text, check);
      if (answer.ok) {
        notify(context.onResponse, { action: request.action, attempt, status, body: text });
        return answer.value;
      }
      error = answer.error;
    } catch (failure) {
      error = failure as Error;
    }
    const retryInMs = nextDelay(attempt, error, retry, Date.now() - started);
    notify(context.onResponse, { action: request.action, attempt, ...answered, error, retryInMs });
    if (retryInMs === undefined) throw error;
    await sleep(retryInMs);
  }
}

/** The delay before the next attempt, or `undefined` when this failure is the last. */
function nextDelay(attempt: number, error: Error, retry: Required<RetryOptions>, elapsed: number): number | undefined {
  if (attempt >= retry.attempts || !isRetryable(error)) return undefined;
  const delay = backoffDelay(attempt, retry);
  return elapsed + delay < retry.deadlineMs ? delay : undefined;
}

async function signCall(context: CallContext, request: WalletRequest): Promise<SignedCall> {
  refuseUnstorable(request);
  const body = JSON.stringify(request);
  const headers = new Headers(context.headers);
  headers.set('Content-Type', 'application/json');
  headers.set('X-REQUEST-SIGN', await sign(body, context.secret));
  return { request, body, headers: Object.fromEntries(headers) };
}

/** Calls a hook; what it throws is ignored, so logging can never interrupt a money movement. */
function notify<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return;
  try {
    const result: unknown = hook(event);
    if (result instanceof Promise) result.catch(() => {});
  } catch {
    // A hook's failure is the hook's business.
  }
}
