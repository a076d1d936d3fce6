/**
 * What sends one attempt of a signed call: the default undici transport on Node, the
 * openapi-fetch path everywhere else and with a user's `fetch`.
 */
import type { SignedCall } from './signed-call.ts';

/** The status and raw body text of an answer, read once. */
export interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * Sends `call` once to the wallet URL and reads the whole answer. `signal` is the one
 * signal of the attempt: it aborts on the attempt's timeout and on the caller's abort.
 * Rejects with the transport's own error when no answer could be read; the attempt
 * turns it into a `WalletConnectionError`.
 */
export type Transport = (call: SignedCall, signal: AbortSignal) => Promise<RawAnswer>;
