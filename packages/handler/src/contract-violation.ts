/**
 * The error `onError` receives when a wallet callback answers with a 200 body that
 * breaks the spec. The platform is answered 500 "Unknown error." instead: it never
 * receives a malformed success.
 */
import type { SchemaIssue, WalletAction } from '@tbb-wallet/core';
import { formatIssue } from '@tbb-wallet/core';

/** A callback's answer does not match the spec; `issue` names the field. */
export class ContractViolationError extends Error {
  /** The action whose callback answered. */
  readonly action: WalletAction;
  /** The field that is wrong, and what it must be. */
  readonly issue: SchemaIssue;

  constructor(action: WalletAction, issue: SchemaIssue) {
    super(
      `Contract violation: the wallet's ${action} callback answered a body that breaks the spec ` +
        `(${formatIssue(issue)}). The platform was answered 500 "Unknown error.".`,
    );
    this.name = 'ContractViolationError';
    this.action = action;
    this.issue = issue;
  }
}
