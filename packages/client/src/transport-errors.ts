/**
 * Failures that carry no protocol error body: the operator did not answer in time,
 * could not be reached, answered something outside the spec, or a bet's outcome is
 * unknown. None of them ever holds the shared secret.
 */
import type { SchemaIssue, TransactionResponse } from '@tbb-wallet/core';

/** An attempt got no answer within `timeoutMs` (or before the retry deadline). */
export class WalletTimeoutError extends Error {
  override name = 'WalletTimeoutError';
  /** How long the attempt was allowed to take, in milliseconds. */
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`The operator's wallet did not answer within ${timeoutMs} ms.`);
    this.timeoutMs = timeoutMs;
  }
}

/** The request could not be sent or its answer not read (DNS, refused or reset connection, TLS, …). */
export class WalletConnectionError extends Error {
  override name = 'WalletConnectionError';

  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Could not reach the operator's wallet: ${reason}`, { cause });
  }
}

/**
 * The operator answered outside the spec: a 200 body that does not match the
 * action's response schema, an error body that is not `{ code, message }`, or a
 * status the protocol does not use.
 */
export class WalletResponseError extends Error {
  override name = 'WalletResponseError';
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The raw text of the answer's body. */
  readonly body: string;
  /** What is wrong with the body, when it was JSON that missed the schema. */
  readonly issue: SchemaIssue | undefined;

  constructor(status: number, body: string, problem: string, issue?: SchemaIssue) {
    super(`The operator's wallet answered ${status} with ${problem}.`);
    this.status = status;
    this.body = body;
    this.issue = issue;
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
 * A `bet` got no definitive answer (timeout, connection failure, 5xx): the operator
 * may or may not have debited it. Bets are never retried blindly; refund the bet
 * (see `betOrRefund`) so both sides' books agree.
 */
export class WalletOutcomeUnknownError extends Error {
  override name = 'WalletOutcomeUnknownError';
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
