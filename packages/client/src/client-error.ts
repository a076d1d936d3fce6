/**
 * The one base class of everything the client throws, so a single `instanceof`
 * catches it all; `kind` tells the family apart in one word.
 */
import type { WalletEventErrorKind } from '@tbb-wallet/core';

/**
 * What every error of the client is. Its subclasses:
 * - `WalletError` and its per-code classes (`kind: 'refused'`): the operator answered a
 *   protocol error `{ code, message }`;
 * - `WalletTimeoutError` (`'timeout'`), `WalletConnectionError` (`'connection'`),
 *   `WalletResponseError` (`'response'`): no usable answer, with the reason in `cause`
 *   (`WalletAnswerTooLargeError` is a `WalletConnectionError`: an answer over `maxAnswerBytes`, not read);
 * - `WalletAbortedError` (`'aborted'`): the caller's `AbortSignal` ended the call;
 * - `WalletOutcomeUnknownError` (`'outcome-unknown'`): a bet that may have been debited;
 * - `UnstorableRequestError` (`'unstorable'`): a request no wallet can store, never sent.
 *
 * `isRetryable(error)` says whether the same signed call may be sent again.
 */
export abstract class WalletClientError extends Error {
  override name = 'WalletClientError';
  /** Which member of the family this is; the same word an `onEvent` event reports as `errorKind`. */
  abstract readonly kind: WalletEventErrorKind;
}
