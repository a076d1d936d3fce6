/**
 * When a failed attempt is retried, and after how long.
 *
 * @see WALLET-PROTOCOL.md §5 (503 "the caller retries") and §6 (definitive refusals)
 */

import { WalletError } from './errors.ts';
import type { RetryOptions } from './options.ts';
import {
  WalletAbortedError,
  WalletConnectionError,
  WalletResponseError,
  WalletTimeoutError,
} from './transport-errors.ts';

/** The statuses worth another attempt: the operator failed or was busy, and may succeed next time. */
export const retryableStatuses: ReadonlySet<number> = new Set([500, 503, 504]);

/**
 * True for a failure that may pass on another attempt with the same signed body: no
 * answer (`WalletTimeoutError`, `WalletConnectionError`) or 500, 503, 504. A 4xx is
 * final, an abort is the caller's, and a bet is never retried whatever this says.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof WalletTimeoutError || error instanceof WalletConnectionError) return true;
  if (error instanceof WalletError || error instanceof WalletResponseError) return retryableStatuses.has(error.status);
  return false;
}

/**
 * The delay before retry `retry` (1 for the first retry): capped and jittered ("full
 * jitter"), a random value in `[0, min(maxDelayMs, baseDelayMs × 2^(retry−1)))`.
 */
export function backoffDelay(
  retry: number,
  options: Required<RetryOptions>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** Waits `ms` milliseconds; rejects with `WalletAbortedError` (nothing under way) when `signal` aborts first. */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise((resolve) => setTimeout(resolve, ms));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new WalletAbortedError(signal.reason, false));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
