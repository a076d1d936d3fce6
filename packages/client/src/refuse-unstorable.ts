/**
 * A request that no operator can store is never sent: a string or key that is not
 * well-formed Unicode (a lone surrogate) or contains U+0000, or an identifier over
 * its limit (255 characters; `session_token` 2048). Every operator answers it 400,
 * so sending it, let alone retrying it, cannot help.
 *
 * @see WALLET-PROTOCOL.md §6
 */
import type { SchemaIssue, WalletAction, WalletRequest } from '@tbb-wallet/core';
import { findUnstorable, formatIssue } from '@tbb-wallet/core';
import { WalletClientError } from './client-error.ts';

/**
 * The client refused to send a request that can never be stored (WALLET-PROTOCOL.md §6);
 * nothing went over the network. Final: never retried, and `betOrRefund` does not refund it.
 */
export class UnstorableRequestError extends WalletClientError {
  override name = 'UnstorableRequestError';
  readonly kind = 'unstorable' as const;
  /** The action that was not sent. */
  readonly action: WalletAction;
  /** The offending field (dotted path, `''` for the body) and what it must be. */
  readonly issue: SchemaIssue;

  constructor(action: WalletAction, issue: SchemaIssue) {
    super(
      `${action} not sent: ${formatIssue(issue)}. Every operator refuses this with 400 (WALLET-PROTOCOL.md §6); fix the value where it is made.`,
    );
    this.action = action;
    this.issue = issue;
  }
}

/**
 * Throws {@link UnstorableRequestError} when `request` can never be stored; `body` is
 * its `JSON.stringify` text, which spares the walk over its strings when it has no `\u` escape.
 */
export function refuseUnstorable(request: WalletRequest, body: string): void {
  const issue = findUnstorable(request, body);
  if (issue) throw new UnstorableRequestError(request.action, issue);
}
