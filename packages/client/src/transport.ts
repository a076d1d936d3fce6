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

/** Ends one exchange: with the whole answer, or with the transport's own error when no answer could be read. */
export type Settle = (error: unknown, answer?: RawAnswer) => void;

/** Stops an exchange under way and frees its connection; `reason` is why (the attempt's timeout or the caller's abort). */
export type AbortExchange = (reason: Error) => void;

/**
 * Sends `call` once to the wallet URL, reads the whole answer and calls `settle` with it,
 * or with the transport's error (the attempt turns it into a `WalletConnectionError`).
 * An answer larger than the client's `maxAnswerBytes` is not read past the bound: the
 * transport stops reading, frees the connection and settles with `WalletAnswerTooLargeError`.
 * Returns the exchange's abort, which the attempt calls on its timeout or the caller's
 * abort; after it, `settle` may be called or not. No signal or promise is made for the
 * attempt unless the transport itself needs one.
 */
export type Transport = (call: SignedCall, settle: Settle) => AbortExchange;
