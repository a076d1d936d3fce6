/**
 * One attempt, bounded: it settles by its own timer whatever the transport does. The
 * timer and the caller's abort listener hold the attempt's promise, so no garbage
 * collection of a `Request` or a signal the transport made can leave it pending.
 */

import type { SignedCall } from './signed-call.ts';
import type { AbortExchange, RawAnswer, Transport } from './transport.ts';
import {
  WalletAbortedError,
  WalletAnswerTooLargeError,
  WalletConnectionError,
  WalletTimeoutError,
} from './transport-errors.ts';

/**
 * Sends `call` through `transport`, whose exchange is aborted after `timeoutMs` or when
 * `callerSignal` aborts. Rejects with `WalletTimeoutError`, `WalletAbortedError` or
 * `WalletConnectionError` (a transport's `WalletAnswerTooLargeError` as it is); never
 * stays pending past `timeoutMs`.
 */
export function attempt(
  transport: Transport,
  call: SignedCall,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): Promise<RawAnswer> {
  if (callerSignal?.aborted) return Promise.reject(new WalletAbortedError(callerSignal.reason, false));
  return new Promise<RawAnswer>((resolve, reject) => {
    let settled = false;
    let abortExchange: AbortExchange | undefined;
    const end = (error: Error | undefined, answer?: RawAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(answer as RawAnswer);
    };
    /** Ends the attempt and frees the socket of the exchange still under way. */
    const stop = (error: Error) => {
      if (settled) return;
      end(error);
      abortExchange?.(error);
    };
    const onAbort = () => stop(new WalletAbortedError(callerSignal?.reason, true));
    const timer = setTimeout(
      () => stop(new WalletTimeoutError(timeoutMs, new DOMException('Timed out.', 'TimeoutError'))),
      timeoutMs,
    );
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    try {
      abortExchange = transport(call, (error, answer) =>
        answer
          ? end(undefined, answer)
          : end(error instanceof WalletAnswerTooLargeError ? error : new WalletConnectionError(error)),
      );
    } catch (error) {
      end(new WalletConnectionError(error));
    }
  });
}
