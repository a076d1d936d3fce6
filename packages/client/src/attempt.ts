/**
 * One attempt, bounded: it settles by its own timer whatever the transport does. The
 * timer and the caller's abort listener hold the attempt's promise, so no garbage
 * collection of a `Request` or a signal the transport made can leave it pending.
 */

import type { SignedCall } from './signed-call.ts';
import type { RawAnswer, Transport } from './transport.ts';
import { WalletAbortedError, WalletConnectionError, WalletTimeoutError } from './transport-errors.ts';

/**
 * Sends `call` through `transport` with one `AbortController` of its own, aborted after
 * `timeoutMs` or when `callerSignal` aborts. Rejects with `WalletTimeoutError`,
 * `WalletAbortedError` or `WalletConnectionError`; never stays pending past `timeoutMs`.
 */
export function attempt(
  transport: Transport,
  call: SignedCall,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): Promise<RawAnswer> {
  if (callerSignal?.aborted) return Promise.reject(new WalletAbortedError(callerSignal.reason, false));
  return new Promise<RawAnswer>((resolve, reject) => {
    const controller = new AbortController();
    let settled = false;
    const end = (error: Error | undefined, answer?: RawAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
      if (error) {
        // Frees the socket of an exchange that is still pending.
        controller.abort(error);
        reject(error);
      } else resolve(answer as RawAnswer);
    };
    const onAbort = () => end(new WalletAbortedError(callerSignal?.reason, true));
    const timer = setTimeout(
      () => end(new WalletTimeoutError(timeoutMs, new DOMException('Timed out.', 'TimeoutError'))),
      timeoutMs,
    );
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    let sending: Promise<RawAnswer>;
    try {
      sending = transport(call, controller.signal);
    } catch (error) {
      sending = Promise.reject(error);
    }
    sending.then(
      (answer) => end(undefined, answer),
      (error: unknown) => end(new WalletConnectionError(error)),
    );
  });
}
