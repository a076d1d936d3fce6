/**
 * Failures that carry no protocol error body: the operator did not answer in time,
 * could not be reached, answered something outside the spec, the caller aborted, or a
 * bet's outcome is unknown. Each is a `WalletClientError` with its reason in `cause`;
 * none of them ever holds the shared secret.
 */
import type { SchemaIssue, TransactionResponse } from '@tbb-wallet/core';
import { WalletClientError } from './client-error.ts';

/**
 * An attempt got no answer within its time limit (`timeoutMs`, or what was left of the
 * call's `deadlineMs`). Safe to retry with the same body for every action but `bet`: the
 * operator may have applied it, and its idempotency replays the original answer.
 */
export class WalletTimeoutError extends WalletClientError {
  override name = 'WalletTimeoutError';
  override readonly kind = 'timeout';
  /** How long the attempt was allowed to take, in milliseconds. */
  readonly timeoutMs: number;

  constructor(timeoutMs: number, cause?: unknown) {
    super(`The operator's wallet did not answer within ${timeoutMs} ms.`, { cause });
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The request could not be sent or its answer not read to the end (DNS, refused or
 * reset connection, TLS, a body cut short, …); `cause` is the transport's error. Safe
 * to retry like {@link WalletTimeoutError}.
 */
export class WalletConnectionError extends WalletClientError {
  override name = 'WalletConnectionError';
  override readonly kind = 'connection';

  /** `message` replaces the default one, "Could not reach the operator's wallet: <the cause's message>". */
  constructor(cause: unknown, message?: string) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(message ?? `Could not reach the operator's wallet: ${reason}`, { cause });
  }
}

/**
 * The operator's answer is larger than the client's `maxAnswerBytes`: its `Content-Length`
 * said so (nothing of the body was read), or its body streamed past the bound (reading
 * stopped there). Either way the connection was closed and no more of the answer is
 * buffered.
 *
 * The body, which says what the operator did, was not read: the outcome of the call is
 * unknown, as when a connection drops mid-answer. So it is a {@link WalletConnectionError}
 * (`kind: 'connection'`): `balance`, `win`, `refund` and `rollbackWin` are retried with
 * the same signed body (idempotent by `transaction_id`, WALLET-PROTOCOL.md §6), each
 * attempt reading at most the bound again, and a `bet` throws `WalletOutcomeUnknownError`
 * with this error as its `cause`, for `betOrRefund` to refund. `cause` is `undefined`.
 */
export class WalletAnswerTooLargeError extends WalletConnectionError {
  override name = 'WalletAnswerTooLargeError';
  /** The HTTP status of the answer (the status line arrived; its body is what was too large). */
  readonly status: number;
  /** The bound that was passed: the client's `maxAnswerBytes`. */
  readonly maxAnswerBytes: number;
  /** The answer's `Content-Length`, when it declared one larger than the bound. */
  readonly declaredBytes: number | undefined;

  constructor(status: number, maxAnswerBytes: number, declaredBytes?: number) {
    const declared = declaredBytes === undefined ? '' : ` (Content-Length ${declaredBytes})`;
    super(
      undefined,
      `The operator's wallet answered ${status} with more than ${maxAnswerBytes} bytes${declared}; the client ` +
        "stopped reading it. If the operator's answers really are this large, raise createWalletClient's maxAnswerBytes.",
    );
    this.status = status;
    this.maxAnswerBytes = maxAnswerBytes;
    this.declaredBytes = declaredBytes;
  }
}

/**
 * The operator answered outside the spec: a 200 body that does not match the
 * action's response schema, an error body that is not `{ code, message }`, a
 * status the protocol does not use, or a redirect (3xx; status 0 for a fetch's opaque
 * redirect, or one a user's fetch followed anyway), which the client never takes: the
 * signed call is not replayed to another URL by any of its transports. `cause` is the JSON parse error, when the body was
 * not JSON. Retried only when the status is 500, 503 or 504.
 */
export class WalletResponseError extends WalletClientError {
  override name = 'WalletResponseError';
  override readonly kind = 'response';
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The raw text of the answer's body. */
  readonly body: string;
  /** What is wrong with the body, when it was JSON that missed the schema. */
  readonly issue: SchemaIssue | undefined;

  constructor(status: number, body: string, problem: string, issue?: SchemaIssue, cause?: unknown) {
    super(`The operator's wallet answered ${status} with ${problem}.`, { cause });
    this.status = status;
    this.body = body;
    this.issue = issue;
  }
}

/**
 * The caller's `AbortSignal` ended the call; `cause` is the signal's reason. Never
 * retried by the client. A `bet` aborted while an attempt was under way throws
 * {@link WalletOutcomeUnknownError} instead (with this error as its `cause`), since
 * the operator may have debited it; one aborted before it was sent throws this.
 */
export class WalletAbortedError extends WalletClientError {
  override name = 'WalletAbortedError';
  override readonly kind = 'aborted';
  /** True when an attempt was under way: the operator may have received the call. */
  readonly sent: boolean;

  constructor(cause: unknown, sent: boolean) {
    super(`The call was aborted by its signal${sent ? ' while under way' : ''}.`, { cause });
    this.sent = sent;
  }
}

/**
 * What happened to the refund `betOrRefund` sent for a bet of unknown outcome.
 * `landed` is true when the operator's books are settled: the refund was recorded
 * (`response`), or the operator never saw the bet (406) and will refuse it if it
 * arrives later (WALLET-PROTOCOL.md §6).
 */
export interface RefundOutcome {
  /** The refund's own `transaction_id`. */
  readonly transactionId: string;
  /** True when the refund was accepted (200) or the bet is unknown to the operator (406). */
  readonly landed: boolean;
  /** The operator's answer when the refund was recorded. */
  readonly response?: TransactionResponse;
  /** Why the refund did not get a 200 (a 406 when `landed`, the last failure otherwise). */
  readonly error?: unknown;
}

/**
 * A `bet` got no definitive answer (timeout, connection failure, 5xx, an abort while
 * it was under way): the operator may or may not have debited it; `cause` is that
 * failure. Never retry the bet: refund it (see `betOrRefund`) so both sides' books agree.
 */
export class WalletOutcomeUnknownError extends WalletClientError {
  override name = 'WalletOutcomeUnknownError';
  override readonly kind = 'outcome-unknown';
  /** The provider's `transaction_id` of the bet whose outcome is unknown. */
  readonly transactionId: string;
  /** What `betOrRefund` did about it; `undefined` when thrown by `bet`. */
  readonly refund: RefundOutcome | undefined;

  constructor(transactionId: string, cause: unknown, refund?: RefundOutcome) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`The outcome of bet ${transactionId} is unknown (${reason})${refundNote(refund)}`, { cause });
    this.transactionId = transactionId;
    this.refund = refund;
  }
}

function refundNote(refund: RefundOutcome | undefined): string {
  if (!refund) return '; refund it to settle the books.';
  if (refund.landed) return `; refund ${refund.transactionId} settled it.`;
  return `; refund ${refund.transactionId} did not land, reconcile it by hand.`;
}
