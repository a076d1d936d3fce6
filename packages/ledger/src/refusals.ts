/**
 * The refusals the ledger stores with a transaction id and replays on a retry, and
 * the errors it turns into a retryable 503.
 *
 * @see WALLET-PROTOCOL.md §6, retry after a definitive refusal
 */
import type { Refusal } from '@tbb-wallet/core';
import type { RefusalCode, WalletRefusal } from '@tbb-wallet/handler';
import { BadRequestError, refusalError } from '@tbb-wallet/handler';

/** The refusals the ledger records against a transaction id and answers again for good. */
const storedCodes = new Set<RefusalCode>([402, 404, 406, 407, 408]);

/** The error to throw for a stored refusal code. */
export function refusalFor(code: number): WalletRefusal {
  if (!storedCodes.has(code as RefusalCode)) {
    throw new Error(`The ledger holds an unknown refusal code ${code}; was it written by a newer version?`);
  }
  return refusalError(code as RefusalCode);
}

/** The handler's 400 for one of the rules' 400s (their messages live in @tbb-wallet/core). */
export function badRequest(refusal: Refusal<400>): BadRequestError {
  return new BadRequestError(refusal.message);
}
